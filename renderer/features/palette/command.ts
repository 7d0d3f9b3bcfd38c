// One action Peel offers: the palette lists it, its shortcut and the application menu run it.
import type { PeelState } from '../../state/peel-state';

export interface Command {
  id: string;
  title: string;
  group: 'General' | 'Navigate' | 'Investigation' | 'Lab' | 'Checklist' | 'Open';
  /** Shown in the palette and the help overlay; handled by use-global-shortcuts. */
  shortcut?: string;
  run(state: PeelState): void;
}

/**
 * What decides which commands apply and what they say: commands read only these fields (the palette subscribes to
 * just them); running one gets the whole state.
 */
export type CommandInputs = Pick<
  PeelState,
  | 'route'
  | 'detail'
  | 'auditPanelOpen'
  | 'investigations'
  | 'exchange'
  | 'lab'
  | 'labInvestigationId'
  | 'selectedExperimentId'
  | 'sweep'
  | 'compareRunIds'
  | 'scenarios'
  | 'drillSession'
  | 'drills'
  | 'cohort'
  | 'authorDraft'
>;
