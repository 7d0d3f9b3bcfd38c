// The run list beyond the lab state's window: every lab state lands here to be joined with what the user loaded
// (older experiments a page at a time, an experiment's older runs, runs opened by id), so the lab screen reads one
// list (`lab.experiments`) while the server sends a bounded one. See run-list-window.ts for the joining rules.
import type { StateCreator } from 'zustand';
import type { Experiment, LabState } from '../../shared/contract/lab-entities';
import { api } from './client-ref';
import { allRuns, experimentOf } from './lab-runs';
import type { PeelState } from './peel-state';
import type { RunListSlice } from './run-list-types';
import { landExperimentPage, landRun, landRunPage, landWindow, NOTHING_LOADED } from './run-list-window';

/** Experiments per page of the list (each with its newest runs). */
export const EXPERIMENT_PAGE = 30;
/** Runs per page of one experiment's older runs. */
export const RUN_PAGE = 50;
/** Runs opened by id kept in the list: the latest few (each is one experiment with one run). */
const PINNED_KEPT = 20;

/** The experiments on screen that a new window must not drop: the selected one, the selected and compared runs'. */
function onScreen(state: PeelState): Set<string> {
  const keep = new Set<string>();
  if (state.selectedExperimentId) keep.add(state.selectedExperimentId);
  for (const runId of [state.selectedRunId, ...state.compareRunIds]) {
    const owner = runId ? experimentOf(state.lab, runId) : undefined;
    if (owner) keep.add(owner.id);
  }
  return keep;
}

export const createRunListSlice: StateCreator<PeelState, [], [], RunListSlice> = (set, get) => ({
  runListLoaded: NOTHING_LOADED,
  runListPinned: [],
  runListLoading: false,

  landLab(window: LabState) {
    const state = get();
    set({ lab: landWindow(state.lab, window, state.runListLoaded, onScreen(state), state.runListPinned) });
  },
  async loadOlderExperiments() {
    const { lab, labInvestigationId: id, runListLoading } = get();
    const before = lab?.runList.olderExperimentsBefore ?? null;
    if (!lab || !id || before === null || runListLoading) return;
    set({ runListLoading: true });
    try {
      const page = await get().attempt(() =>
        api().call('runs.page', { investigationId: id, before, limit: EXPERIMENT_PAGE }),
      );
      const shown = get().lab;
      if (!page || !shown || get().labInvestigationId !== id) return;
      const landed = landExperimentPage(shown, page, get().runListLoaded);
      set({ lab: landed.lab, runListLoaded: landed.loaded });
    } finally {
      set({ runListLoading: false });
    }
  },
  async loadOlderRuns(experimentId) {
    const { lab, labInvestigationId: id, runListLoading } = get();
    const partial = lab?.runList.partial.find((entry) => entry.experimentId === experimentId);
    if (!lab || !id || !partial || runListLoading) return;
    set({ runListLoading: true });
    try {
      const page = await get().attempt(() =>
        api().call('runs.page', {
          investigationId: id,
          experimentId,
          before: partial.olderRunsBefore,
          limit: RUN_PAGE,
        }),
      );
      const shown = get().lab;
      if (!page || !shown || get().labInvestigationId !== id) return;
      const landed = landRunPage(shown, experimentId, page, get().runListLoaded);
      set({ lab: landed.lab, runListLoaded: landed.loaded });
    } finally {
      set({ runListLoading: false });
    }
  },
  async ensureRunListed(runId) {
    if (allRuns(get().lab).some((run) => run.id === runId)) return true;
    const id = get().labInvestigationId;
    const detail = await get().attempt(() => api().call('runs.get', { runId }));
    if (!detail || detail.experiment.investigationId !== id || get().labInvestigationId !== id) return false;
    set((state) => {
      const before = state.runListPinned.find((e) => e.id === detail.experiment.id);
      const pinned: Experiment = {
        ...detail.experiment,
        runs: [...(before?.runs ?? []).filter((run) => run.id !== runId), detail.run],
      };
      return {
        runListPinned: [...state.runListPinned.filter((e) => e !== before), pinned].slice(-PINNED_KEPT),
        lab: state.lab ? landRun(state.lab, detail.experiment, detail.run) : state.lab,
      };
    });
    return true;
  },
});
