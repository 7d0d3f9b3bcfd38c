// The open investigation's lab: its scenario, experiments and runs, which experiment and run are selected, starting
// and cancelling runs, and resolving the investigation. Pushed events (run progress, finished runs, lab changes)
// land here too. What runs produced (series, heat maps) is in run-results-slice.ts; comparisons, sweeps, the memory
// editor and derivations have their own slices.
import type { StateCreator } from 'zustand';
import { DRILL_SCENARIO_ID } from '../../shared/training/drill-scenario-id';
import { api } from './client-ref';
import { allRuns, experimentOf } from './lab-runs';
import type { LabSlice } from './lab-types';
import type { PeelState } from './peel-state';
import { NOTHING_LOADED } from './run-list-window';

export const createLabSlice: StateCreator<PeelState, [], [], LabSlice> = (set, get) => {
  const investigationId = () => get().labInvestigationId;
  // Lab refreshes overlap (a run can finish while the refresh after starting it is on its way): each one takes a
  // number, and only the newest answer may land, or an older state ("running") would overwrite a newer one.
  let labRequest = 0;
  /**
   * The selected run's graphs as soon as a lab state shows it completed. Whichever refresh brings that news must
   * load them: the refresh a "run finished" event starts can be overtaken by a newer one (the run's verdict and
   * checklist ticks change the lab too), so waiting on that particular refresh would miss it.
   */
  const loadSelectedRunGraphs = () => {
    const runId = get().selectedRunId;
    const run = runId ? allRuns(get().lab).find((candidate) => candidate.id === runId) : undefined;
    if (!runId || run?.status !== 'completed') return;
    void get().loadRunSeries(runId);
    void get().loadHeatmap(runId);
  };

  return {
    scenarios: [],
    lab: null,
    labInvestigationId: null,
    selectedExperimentId: null,
    selectedRunId: null,
    revealRunId: null,
    runProgress: {},
    plans: {},

    async loadScenarios() {
      if (get().scenarios.some((s) => s.id !== DRILL_SCENARIO_ID)) return;
      await get().attempt(async () => {
        const catalogue = await api().call('scenarios.list', {});
        // A scenario that is not the catalogue's (a drill's, added by the training slice) stays.
        set((state) => ({
          scenarios: [...catalogue, ...state.scenarios.filter((s) => !catalogue.some((c) => c.id === s.id))],
        }));
      });
    },
    async loadLab(id) {
      if (get().labInvestigationId !== id) {
        // Another investigation: nothing of the previous lab may show, in this slice or the lab's others.
        set({
          labInvestigationId: id,
          lab: null,
          runListLoaded: NOTHING_LOADED,
          runListPinned: [],
          selectedExperimentId: null,
          selectedRunId: null,
          revealRunId: null,
          compareRunIds: [],
          comparison: null,
          sweep: null,
          memoryPreview: null,
        });
      }
      void get().loadScenarios();
      const request = ++labRequest;
      await get().attempt(async () => {
        const lab = await api().call('lab.state', { investigationId: id });
        if (get().labInvestigationId !== id || request !== labRequest) return;
        get().landLab(lab);
        const latest = lab.experiments.at(-1);
        if (!get().selectedExperimentId && latest) get().selectExperiment(latest.id);
      });
    },
    async refreshLab() {
      const id = investigationId();
      if (!id) return;
      const request = ++labRequest;
      await get().attempt(async () => {
        const lab = await api().call('lab.state', { investigationId: id });
        if (get().labInvestigationId !== id || request !== labRequest) return;
        get().landLab(lab);
        loadSelectedRunGraphs();
      });
    },
    async chooseScenario(scenarioId) {
      const id = investigationId();
      if (!id) return;
      await get().attempt(async () => {
        get().landLab(await api().call('lab.setScenario', { investigationId: id, scenarioId }));
        await get().refreshDetail();
      });
    },
    selectExperiment(experimentId) {
      const experiment = get().lab?.experiments.find((e) => e.id === experimentId);
      const latestRun = experiment?.runs.at(-1) ?? null;
      set({ selectedExperimentId: experimentId });
      if (experimentId) void get().loadPlan(experimentId);
      get().selectRun(latestRun?.id ?? null);
    },
    selectRun(runId) {
      const owner = runId ? experimentOf(get().lab, runId) : undefined;
      if (owner && owner.id !== get().selectedExperimentId) {
        set({ selectedExperimentId: owner.id });
        void get().loadPlan(owner.id);
      }
      set({ selectedRunId: runId });
      const run = runId ? allRuns(get().lab).find((candidate) => candidate.id === runId) : undefined;
      if (runId && run?.status === 'completed') {
        void get().loadRunSeries(runId);
        void get().loadHeatmap(runId);
      }
    },
    async loadPlan(experimentId) {
      const cached = get().plans[experimentId];
      if (cached) return cached;
      const experiment = get().lab?.experiments.find((e) => e.id === experimentId);
      if (!experiment) return undefined;
      // The investigation names whose scenario to plan on (a drill's is its own).
      const plan = await get().attempt(() =>
        api().call('lab.planJob', { params: experiment.params, investigationId: experiment.investigationId }),
      );
      if (plan) set((state) => ({ plans: { ...state.plans, [experimentId]: plan } }));
      return plan;
    },
    async loadScenarioPlan(scenarioId) {
      const key = `scenario:${scenarioId}`;
      const cached = get().plans[key];
      if (cached) return cached;
      const owner = investigationId();
      const plan = await get().attempt(() =>
        api().call('lab.planJob', {
          params: { scenario: scenarioId },
          ...(owner ? { investigationId: owner } : {}),
        }),
      );
      if (plan) set((state) => ({ plans: { ...state.plans, [key]: plan } }));
      return plan;
    },
    async startRun(experimentId) {
      const id = investigationId();
      if (id && !get().lab?.preflight) await get().runPreflight(experimentId);
      const run = await get().attempt(() => api().call('runs.start', { experimentId }));
      if (!run) return undefined;
      set((state) => ({
        selectedExperimentId: experimentId,
        selectedRunId: run.id,
        revealRunId: run.id,
        runProgress: { ...state.runProgress, [run.id]: 0 },
      }));
      await get().refreshLab();
      return run;
    },
    revealedRun(runId) {
      if (get().revealRunId === runId) set({ revealRunId: null });
    },
    async cancelRun(runId) {
      await get().attempt(() => api().call('runs.cancel', { runId }));
      await get().refreshLab();
    },
    async discardRunData(runId) {
      await get().attempt(() => api().call('runs.discardData', { runId }));
      await get().refreshLab();
    },
    async runPreflight(experimentId) {
      const id = investigationId();
      if (!id) return;
      await get().attempt(() => api().call('lab.preflight', { investigationId: id, experimentId }));
      await get().refreshLab();
      await get().refreshDetail();
    },
    async resolve(reason) {
      const id = investigationId();
      if (!id) return false;
      const lab = await get().attempt(() =>
        api().call('investigations.resolve', { investigationId: id, reason }),
      );
      if (!lab) return false;
      get().landLab(lab);
      await get().refreshDetail();
      return true;
    },
    receiveRunProgress(runId, id, fraction) {
      if (id !== investigationId()) return;
      set((state) => ({ runProgress: { ...state.runProgress, [runId]: fraction } }));
    },
    receiveRunFinished(id, run) {
      if (id !== investigationId()) return;
      set((state) => {
        const { [run.id]: _done, ...rest } = state.runProgress;
        return { runProgress: rest };
      });
      // The refresh that lands loads the graphs if this run is the one on screen (loadSelectedRunGraphs).
      void get().refreshLab();
      void get().refreshDetail();
    },
    receiveLabChanged(id) {
      if (id === investigationId()) void get().refreshLab();
      if (id === get().detail?.investigation.id) void get().refreshDetail();
    },
  };
};
