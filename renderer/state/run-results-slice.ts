// The results of runs as the graphs show them: each run's detail, its series for the chosen metric (decoded, for
// the whole run or a zoomed window) and its heat map, fetched on demand and kept by run id.
import type { StateCreator } from 'zustand';
import type { RunResultPreview } from '../../shared/contract/events';
import type { RunSummary, SeriesSlice } from '../../shared/contract/lab-entities';
import { RUN_PREVIEW_POINTS } from '../../shared/contract/run-preview-points';
import { parseSeriesKey } from '../../shared/domain/lab/series-keys';
import { decodeHeatmap, decodeSeriesSlice } from '../charts/decode-series';
import type { GraphMetricId } from '../charts/graph-metrics';
import { graphMetric } from '../charts/graph-metrics';
import { pointsForPlot } from '../charts/plot-resolution';
import { api } from './client-ref';
import { allRuns } from './lab-runs';
import type { PeelState } from './peel-state';
import type { RunResultsSlice, RunSeriesView } from './run-results-types';

type RunDetailOf = Awaited<ReturnType<RunResultsSlice['loadRunDetail']>>;

/**
 * About two points per pixel of a wide chart: the backend keeps each bucket's min and max. The same as a finished
 * run's preview, so the preview is the whole-run view a fetch would give. Fetches ask for two points per device
 * pixel column of the lab's plot once one is laid out (plot-resolution.ts), this before.
 */
export const CHART_POINTS = RUN_PREVIEW_POINTS;

/** The points to ask for a series the lab draws now: two per column of its plot (CHART_POINTS before any plot). */
export function chartPoints(): number {
  return pointsForPlot(CHART_POINTS);
}

/** A `runs.series` answer for one metric (one slice per TaskManager) as the graphs take it, decoded. */
export function seriesViewOf(
  slices: readonly SeriesSlice[],
  metric: GraphMetricId,
  window: { fromSec: number; toSec: number } | null,
): RunSeriesView {
  const taskManagerOf = (key: string) => parseSeriesKey(key)?.owner ?? key;
  return {
    metric,
    fromSec: window?.fromSec ?? null,
    toSec: window?.toSec ?? null,
    series: slices.flatMap((slice) =>
      slice.notImported ? [] : [{ taskManager: taskManagerOf(slice.key), data: decodeSeriesSlice(slice) }],
    ),
    notImported: slices.flatMap((slice) => (slice.notImported ? [taskManagerOf(slice.key)] : [])),
  };
}

/** How many finished runs' outcomes are kept from their news (only until the lab state shows them matters). */
const FINISHED_KEPT = 20;

/** The preview as the view of one metric over the whole run; null if it is another metric than `metric`. */
export function previewView(preview: RunResultPreview, metric: GraphMetricId): RunSeriesView | null {
  if (graphMetric(metric).metric !== preview.metric) return null;
  return {
    metric,
    fromSec: null,
    toSec: null,
    series: preview.taskManagers.map(({ taskManager, slice }) => ({
      taskManager,
      data: decodeSeriesSlice(slice),
    })),
    notImported: [],
  };
}

function keepLatest(runs: Record<string, RunSummary>, run: RunSummary): Record<string, RunSummary> {
  const kept = Object.entries(runs).filter(([id]) => id !== run.id);
  return Object.fromEntries([...kept.slice(-(FINISHED_KEPT - 1)), [run.id, run]]);
}

export const createRunResultsSlice: StateCreator<PeelState, [], [], RunResultsSlice> = (set, get) => {
  // A run's detail and heat map asked for by several panels at once (the drill page, the run panel, selecting
  // the run) are fetched once: later callers wait for the request already on its way.
  const detailsInFlight = new Map<string, Promise<RunDetailOf | undefined>>();
  const heatmapsInFlight = new Map<string, Promise<void>>();
  const seriesInFlight = new Map<string, Promise<void>>();
  // Runs whose detail waits until no whole-run series is on its way: a comparison asks for four runs' series at
  // once, and the first run's detail (megabytes of events for a day) must not be read and parsed, on the backend
  // or here, while the others' series, which the first paint needs, are still coming.
  const detailsWaiting = new Set<string>();
  function loadDetailAfterSeries(runId: string) {
    detailsWaiting.add(runId);
    if (seriesInFlight.size === 0) loadWaitingDetails();
  }
  function loadWaitingDetails() {
    const runIds = [...detailsWaiting];
    detailsWaiting.clear();
    for (const runId of runIds) void get().loadRunDetail(runId);
  }
  /**
   * Whether the run's whole-run series for the current metric is here already: a simulated run's series never
   * change, so they are not fetched again, whoever asks (the run panel, the drill page, a comparison, a selection).
   * A real run's may (a later import), so they are.
   */
  function holdsWholeRun(runId: string): boolean {
    const view = get().runSeries[runId];
    if (view?.metric !== get().metric || view.fromSec !== null || view.notImported.length > 0) return false;
    return allRuns(get().lab).find((candidate) => candidate.id === runId)?.origin !== 'real';
  }
  async function fetchSeries(runId: string, window: { fromSec: number; toSec: number } | null) {
    const metricId = get().metric;
    const metric = graphMetric(metricId);
    set((state) => ({ seriesLoading: { ...state.seriesLoading, [runId]: true } }));
    const asked = get().attempt(() =>
      api().call('runs.series', {
        runId,
        taskManagerMetric: metric.metric,
        points: chartPoints(),
        ...(window ? { fromSec: Math.max(0, window.fromSec), toSec: Math.max(0, window.toSec) } : {}),
      }),
    );
    // The run's detail (plan, events) is needed by the panels beside the graph, not by the graph's data: it is
    // asked for once the series are here, so they (a few hundred KB) never wait behind it (megabytes of events for
    // a day) on the backend or for a connection.
    const slices = await asked;
    loadDetailAfterSeries(runId);
    set((state) => ({ seriesLoading: { ...state.seriesLoading, [runId]: false } }));
    // A metric switched while this was on its way: the newer request will answer.
    if (!slices || get().metric !== metricId) return;
    const view = seriesViewOf(slices, metricId, window);
    set((state) => ({ runSeries: { ...state.runSeries, [runId]: view } }));
  }
  return {
    runDetails: {},
    finishedRuns: {},
    metric: 'direct',
    runSeries: {},
    seriesLoading: {},
    heatmaps: {},

    async loadRunDetail(runId) {
      const cached = get().runDetails[runId];
      if (cached) return cached;
      const pending = detailsInFlight.get(runId);
      if (pending) return pending;
      const request = (async () => {
        const detail = await get().attempt(() => api().call('runs.get', { runId }));
        if (detail) set((state) => ({ runDetails: { ...state.runDetails, [runId]: detail } }));
        return detail;
      })();
      detailsInFlight.set(runId, request);
      try {
        return await request;
      } finally {
        detailsInFlight.delete(runId);
      }
    },
    setMetric(metric) {
      set({ metric });
      // The graphs on screen follow the metric: the selected run's, and every compared run's.
      const runIds = new Set([get().selectedRunId, ...(get().comparison ? get().compareRunIds : [])]);
      for (const runId of runIds) if (runId) void get().loadRunSeries(runId);
      // A zoomed comparison's window follows the metric too.
      const window = get().compareWindow;
      if (get().comparison && window) void get().loadComparisonWindow(window);
    },
    loadRunSeries(runId, window = null) {
      // The whole run's series for one metric, asked for by two panels at once, is fetched once.
      if (window) return fetchSeries(runId, window);
      if (holdsWholeRun(runId)) return Promise.resolve();
      const key = `${runId} ${get().metric}`;
      const pending = seriesInFlight.get(key);
      if (pending) return pending;
      const request = fetchSeries(runId, null).finally(() => {
        seriesInFlight.delete(key);
        if (seriesInFlight.size === 0) loadWaitingDetails();
      });
      seriesInFlight.set(key, request);
      return request;
    },
    receiveRunResult({ run, preview }) {
      set((state) => ({ finishedRuns: keepLatest(state.finishedRuns, run) }));
      // Only the run on screen is drawn at once: a run finishing in the background (a sweep's, a queued one) is
      // fetched when it is selected, so its arrays are not held for nothing.
      if (run.status !== 'completed' || get().selectedRunId !== run.id) return;
      const view = preview && !get().runSeries[run.id] ? previewView(preview, get().metric) : null;
      if (view) set((state) => ({ runSeries: { ...state.runSeries, [run.id]: view } }));
      // The detail (limits, events, per-TaskManager verdicts) alongside, not before, the graph.
      void get().loadRunDetail(run.id);
      if (!view) void get().loadRunSeries(run.id);
    },
    async loadHeatmap(runId) {
      if (get().heatmaps[runId]) return;
      const pending = heatmapsInFlight.get(runId);
      if (pending) return pending;
      const request = (async () => {
        // After the run's series for the graph, if they are on their way: the graph is what the user waits for,
        // and the heat map (every operator's series read on the backend) must not go ahead of it.
        await seriesInFlight.get(`${runId} ${get().metric}`);
        const heatmap = await get().attempt(() => api().call('runs.heatmap', { runId, columns: 720 }));
        if (heatmap) set((state) => ({ heatmaps: { ...state.heatmaps, [runId]: decodeHeatmap(heatmap) } }));
      })();
      heatmapsInFlight.set(runId, request);
      try {
        await request;
      } finally {
        heatmapsInFlight.delete(runId);
      }
    },
  };
};
