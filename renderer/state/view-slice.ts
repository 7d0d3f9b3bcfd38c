// Which view of the open investigation is on screen: the notebook, the lab or the trail. Showing the lab loads it.
import type { StateCreator } from 'zustand';
import type { PeelState } from './peel-state';
import type { ViewSlice } from './view-types';

export const createViewSlice: StateCreator<PeelState, [], [], ViewSlice> = (set, get) => ({
  view: 'notebook',
  setView(view) {
    set({ view });
    const id = get().detail?.investigation.id;
    if (view === 'lab' && id && get().labInvestigationId !== id) void get().loadLab(id);
  },
  openRunInLab(runId) {
    get().setView('lab');
    get().selectRun(runId);
    // A run older than the lab state's window is read by id; once listed, selecting it again loads its graphs.
    void get()
      .ensureRunListed(runId)
      .then((listed) => {
        if (listed && get().selectedRunId === runId) get().selectRun(runId);
      });
  },
});
