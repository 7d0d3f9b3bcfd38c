// The open investigation's lab: scenario, experiments and runs, the selected run and its results, comparisons,
// sweeps and the memory editor's preview. Pushed events (run progress, finished runs, sweeps) land here too.
import type { StateCreator } from 'zustand';
import type {
  Experiment,
  ExperimentParams,
  LabState,
  ParamChange,
  RunSummary,
} from '../../shared/contract/lab-entities';
import { taskManagerSeriesKey } from '../../shared/domain/lab/series-keys';
import { ApiError } from '../api/client';
import { decodeHeatmap, decodeSeriesSlice } from '../charts/decode-series';
import { graphMetric } from '../charts/graph-metrics';
import { api } from './client-ref';
import type { LabSlice, RunSeriesView } from './lab-types';
import type { PeelState } from './peel-state';

/** About two points per pixel of a wide chart: the backend keeps each bucket's min and max. */
export const CHART_POINTS = 2400;

/** The experiment a run belongs to, and every run of the lab, newest last. */
export function allRuns(lab: LabState | null): RunSummary[] {
  return (lab?.experiments ?? []).flatMap((experiment) => experiment.runs).sort((a, b) => a.seq - b.seq);
}

export function experimentOf(lab: LabState | null, runId: string): Experiment | undefined {
  return lab?.experiments.find((experiment) => experiment.runs.some((run) => run.id === runId));
}

let labRequest = 0;

export const createLabSlice: StateCreator<PeelState, [], [], LabSlice> = (set, get) => {
  const investigationId = () => get().labInvestigationId;
  /**
   * The selected run's graphs as soon as a lab state shows it completed. Whichever refresh brings that news must
   * load them: the refresh a "run finished" event starts can be overtaken by a newer one (the run's verdict and
   * checklist ticks change the lab too), so waiting on that particular refresh would miss it.
   */
  const loadSelectedRunGraphs = () => {
    const runId = get().selectedRunId;
    const run = runId ? allRuns(get().lab).find((candidate) => candidate.id === runId) : undefined;
    if (!runId || run?.status !== 'completed') return;
    if (!get().runSeries[runId] && !get().seriesLoading[runId]) void get().loadRunSeries(runId);
    void get().loadHeatmap(runId);
  };

  return {
    scenarios: [],
    lab: null,
    labInvestigationId: null,
    view: 'notebook',
    selectedExperimentId: null,
    selectedRunId: null,
    runDetails: {},
    runProgress: {},
    plans: {},
    metric: 'direct',
    runSeries: {},
    seriesLoading: {},
    heatmaps: {},
    compareRunIds: [],
    compareMode: 'overlay',
    comparison: null,
    sweep: null,
    memoryPreview: null,
    pendingMultiChange: null,

    setView(view) {
      set({ view });
      const id = get().detail?.investigation.id;
      if (view === 'lab' && id && get().labInvestigationId !== id) void get().loadLab(id);
    },
    async loadScenarios() {
      if (get().scenarios.length > 0) return;
      await get().attempt(async () => set({ scenarios: await api().call('scenarios.list', {}) }));
    },
    async loadLab(id) {
      if (get().labInvestigationId !== id) {
        set({
          labInvestigationId: id,
          lab: null,
          selectedExperimentId: null,
          selectedRunId: null,
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
        set({ lab });
        const latest = lab.experiments.at(-1);
        if (!get().selectedExperimentId && latest) get().selectExperiment(latest.id);
      });
    },
    async refreshLab() {
      const id = investigationId();
      if (!id) return;
      // Refreshes overlap (a run can finish while the refresh after starting it is on its way): only the newest
      // answer may land, or an older state ("running") would overwrite a newer one ("completed").
      const request = ++labRequest;
      await get().attempt(async () => {
        const lab = await api().call('lab.state', { investigationId: id });
        if (get().labInvestigationId !== id || request !== labRequest) return;
        set({ lab });
        loadSelectedRunGraphs();
      });
    },
    async chooseScenario(scenarioId) {
      const id = investigationId();
      if (!id) return;
      await get().attempt(async () => {
        set({ lab: await api().call('lab.setScenario', { investigationId: id, scenarioId }) });
        await get().refreshDetail();
      });
    },
    async previewMemory(configOverrides) {
      const scenarioId = get().lab?.scenarioId;
      if (!scenarioId) return;
      await get().attempt(async () =>
        set({
          memoryPreview: await api().call('lab.previewMemory', {
            scenarioId,
            variant: null,
            configOverrides,
          }),
        }),
      );
    },
    async applyConfig(configOverrides) {
      const id = investigationId();
      if (!id) return false;
      const lab = await get().attempt(() =>
        api().call('lab.setConfigOverrides', { investigationId: id, configOverrides }),
      );
      if (lab) set({ lab, memoryPreview: null });
      return lab !== undefined;
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
    openRunInLab(runId) {
      get().setView('lab');
      get().selectRun(runId);
    },
    async loadPlan(experimentId) {
      const cached = get().plans[experimentId];
      if (cached) return cached;
      const experiment = get().lab?.experiments.find((e) => e.id === experimentId);
      if (!experiment) return undefined;
      const plan = await get().attempt(() => api().call('lab.planJob', { params: experiment.params }));
      if (plan) set((state) => ({ plans: { ...state.plans, [experimentId]: plan } }));
      return plan;
    },
    async loadScenarioPlan(scenarioId) {
      const key = `scenario:${scenarioId}`;
      const cached = get().plans[key];
      if (cached) return cached;
      const plan = await get().attempt(() => api().call('lab.planJob', { params: { scenario: scenarioId } }));
      if (plan) set((state) => ({ plans: { ...state.plans, [key]: plan } }));
      return plan;
    },
    async loadRunDetail(runId) {
      const cached = get().runDetails[runId];
      if (cached) return cached;
      const detail = await get().attempt(() => api().call('runs.get', { runId }));
      if (detail) set((state) => ({ runDetails: { ...state.runDetails, [runId]: detail } }));
      return detail;
    },
    async createExperiment(derivation, confirmMultiChange = false) {
      const id = investigationId();
      if (!id) return undefined;
      try {
        const experiment = await api().call('experiments.create', {
          investigationId: id,
          parentId: derivation.parentId,
          params: derivation.params,
          ...(derivation.label ? { label: derivation.label } : {}),
          ...(derivation.hypothesisId ? { hypothesisId: derivation.hypothesisId } : {}),
          confirmMultiChange,
        });
        set({ pendingMultiChange: null });
        await get().refreshLab();
        get().selectExperiment(experiment.id);
        if (derivation.runAfter) await get().startRun(experiment.id);
        return experiment;
      } catch (error) {
        if (
          error instanceof ApiError &&
          error.code === 'conflict' &&
          Array.isArray((error.details as { changes?: unknown })?.changes)
        ) {
          set({
            pendingMultiChange: {
              ...derivation,
              changes: (error.details as { changes: ParamChange[] }).changes,
            },
          });
          return undefined;
        }
        get().notify('error', error instanceof Error ? error.message : String(error));
        return undefined;
      }
    },
    async confirmPendingDerivation() {
      const pending = get().pendingMultiChange;
      if (pending) await get().createExperiment(pending, true);
    },
    cancelPendingDerivation() {
      set({ pendingMultiChange: null });
    },
    async startRun(experimentId) {
      const id = investigationId();
      if (id && !get().lab?.preflight) await get().runPreflight(experimentId);
      const run = await get().attempt(() => api().call('runs.start', { experimentId }));
      if (!run) return undefined;
      set((state) => ({
        selectedExperimentId: experimentId,
        selectedRunId: run.id,
        runProgress: { ...state.runProgress, [run.id]: 0 },
      }));
      await get().refreshLab();
      return run;
    },
    async cancelRun(runId) {
      await get().attempt(() => api().call('runs.cancel', { runId }));
      await get().refreshLab();
    },
    async runPreflight(experimentId) {
      const id = investigationId();
      if (!id) return;
      await get().attempt(() => api().call('lab.preflight', { investigationId: id, experimentId }));
      await get().refreshLab();
      await get().refreshDetail();
    },
    async applyFix(experimentId, fixId, apply, runAfter = true) {
      const experiment = await get().attempt(() => api().call('fixes.apply', { experimentId, fixId, apply }));
      if (!experiment) return undefined;
      await get().refreshLab();
      get().selectExperiment(experiment.id);
      if (runAfter) await get().startRun(experiment.id);
      return experiment;
    },
    setMetric(metric) {
      set({ metric });
      const runIds = new Set([get().selectedRunId, ...(get().comparison ? get().compareRunIds : [])]);
      for (const runId of runIds) if (runId) void get().loadRunSeries(runId);
    },
    async loadRunSeries(runId, window = null) {
      const detail = await get().loadRunDetail(runId);
      if (!detail) return;
      const metricId = get().metric;
      const metric = graphMetric(metricId);
      const keys = detail.taskManagers.map((tm) => taskManagerSeriesKey(tm.id, metric.metric));
      set((state) => ({ seriesLoading: { ...state.seriesLoading, [runId]: true } }));
      const slices = await get().attempt(() =>
        api().call('runs.series', {
          runId,
          keys,
          points: CHART_POINTS,
          ...(window ? { fromSec: Math.max(0, window.fromSec), toSec: Math.max(0, window.toSec) } : {}),
        }),
      );
      set((state) => ({ seriesLoading: { ...state.seriesLoading, [runId]: false } }));
      // A metric switched while this was on its way: the newer request will answer.
      if (!slices || get().metric !== metricId) return;
      const view: RunSeriesView = {
        metric: metricId,
        fromSec: window?.fromSec ?? null,
        toSec: window?.toSec ?? null,
        series: slices.map((slice, i) => ({
          taskManager: detail.taskManagers[i]!.id,
          data: decodeSeriesSlice(slice),
        })),
      };
      set((state) => ({ runSeries: { ...state.runSeries, [runId]: view } }));
    },
    async loadHeatmap(runId) {
      if (get().heatmaps[runId]) return;
      const heatmap = await get().attempt(() => api().call('runs.heatmap', { runId, columns: 720 }));
      if (heatmap) set((state) => ({ heatmaps: { ...state.heatmaps, [runId]: decodeHeatmap(heatmap) } }));
    },
    toggleCompare(runId) {
      set((state) => ({
        compareRunIds: state.compareRunIds.includes(runId)
          ? state.compareRunIds.filter((id) => id !== runId)
          : [...state.compareRunIds, runId].slice(-8),
      }));
    },
    setCompareMode(compareMode) {
      set({ compareMode });
    },
    async openComparison() {
      const id = investigationId();
      const runIds = get().compareRunIds;
      if (!id || runIds.length < 2) return;
      const comparison = await get().attempt(() =>
        api().call('comparisons.open', {
          investigationId: id,
          runIds,
          mode: get().compareMode,
          metric: get().metric,
        }),
      );
      if (comparison) {
        set({ comparison });
        await Promise.all(runIds.map((runId) => get().loadRunSeries(runId)));
      }
    },
    closeComparison() {
      set({ comparison: null });
    },
    async startSweep(experimentId, include) {
      const started = await get().attempt(() => api().call('sweeps.start', { experimentId, include }));
      if (started)
        set({
          sweep: { sweepId: started.sweepId, done: 0, total: started.total, current: '', result: null },
        });
    },
    async cancelSweep() {
      const sweep = get().sweep;
      if (sweep) await get().attempt(() => api().call('sweeps.cancel', { sweepId: sweep.sweepId }));
    },
    async resolve(reason) {
      const id = investigationId();
      if (!id) return false;
      const lab = await get().attempt(() =>
        api().call('investigations.resolve', { investigationId: id, reason }),
      );
      if (!lab) return false;
      set({ lab });
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
    receiveSweepProgress(payload) {
      if (payload.investigationId !== investigationId()) return;
      set((state) => ({
        sweep: {
          sweepId: payload.sweepId,
          done: payload.done,
          total: payload.total,
          current: payload.current,
          result: state.sweep?.result ?? null,
        },
      }));
    },
    receiveSweepFinished(payload) {
      if (payload.investigationId !== investigationId()) return;
      set({
        sweep: {
          sweepId: payload.sweepId,
          done: payload.result.rows.length,
          total: payload.result.rows.length,
          current: '',
          result: payload.result,
        },
      });
      void get().refreshLab();
    },
    receiveLabChanged(id) {
      if (id === investigationId()) void get().refreshLab();
      if (id === get().detail?.investigation.id) void get().refreshDetail();
    },
  };
};

export type { ExperimentParams };
