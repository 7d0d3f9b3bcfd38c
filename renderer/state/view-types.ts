// The view slice's shape: which view of the open investigation is on screen.
export type InvestigationView = 'notebook' | 'lab' | 'trail' | 'drill';

export interface ViewSlice {
  /** Which view of the investigation is shown; 'trail' is the timeline (renderer/features/trail). */
  view: InvestigationView;
  setView(view: InvestigationView): void;
  /** Switches to the lab with a run (and its experiment) selected, e.g. from checklist evidence. */
  openRunInLab(runId: string): void;
}
