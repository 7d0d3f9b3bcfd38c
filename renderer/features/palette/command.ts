// One action Peel offers: the palette lists it, its shortcut and the application menu run it.
import type { PeelState } from '../../state/store';

export interface Command {
  id: string;
  title: string;
  group: 'General' | 'Navigate' | 'Investigation' | 'Lab' | 'Checklist' | 'Open';
  /** Shown in the palette and the help overlay; handled by use-global-shortcuts. */
  shortcut?: string;
  run(state: PeelState): void;
}
