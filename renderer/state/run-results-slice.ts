// The results of runs as the graphs show them: each run's detail, its series for the chosen metric (decoded, for
// the whole run or a zoomed window) and its heat map, fetched on demand and kept by run id.
import type { StateCreator } from 'zustand';
import { taskManagerSeriesKey } from '../../shared/domain/lab/series-keys';
import { decodeHeatmap, decodeSeriesSlice } from '../charts/decode-series';
import { graphMetric } from '../charts/graph-metrics';
import { api } from './client-ref';
import type { PeelState } from './peel-state';
import type { RunResultsSlice, RunSeriesView } from './run-results-types';

type RunDetailOf = Awaited<ReturnType<RunResultsSlice['loadRunDetail']>>;

/** About two points per pixel of a wide chart: the backend keeps each bucket's min and max. */
export const CHART_POINTS = 2400;

export const createRunResultsSlice: StateCreator<PeelState, [], [], RunResultsSlice> = (set, get) => {
  // A run's detail and heat map asked for by several panels at once (the drill page, the run panel, selecting
  // the run) are fetched once: later callers wait for the request already on its way.
  const detailsInFlight = new Map<string, Promise<RunDetailOf | undefined>>();
  const heatmapsInFlight = new Map<string, Promise<void>>();
  const seriesInFlight = new Map<string, Promise<void>>();
  async function fetchSeries(runId: string, window: { fromSec: number; toSec: number } | null) {
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
      series: slices.flatMap((slice, i) =>
        slice.notImported
          ? []
          : [{ taskManager: detail.taskManagers[i]!.id, data: decodeSeriesSlice(slice) }],
      ),
      notImported: slices.flatMap((slice, i) => (slice.notImported ? [detail.taskManagers[i]!.id] : [])),
    };
    set((state) => ({ runSeries: { ...state.runSeries, [runId]: view } }));
  }
  return {
    runDetails: {},
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
    },
    loadRunSeries(runId, window = null) {
      // The whole run's series for one metric, asked for by two panels at once, is fetched once.
      if (window) return fetchSeries(runId, window);
      const key = `${runId} ${get().metric}`;
      const pending = seriesInFlight.get(key);
      if (pending) return pending;
      const request = fetchSeries(runId, null).finally(() => seriesInFlight.delete(key));
      seriesInFlight.set(key, request);
      return request;
    },
    async loadHeatmap(runId) {
      if (get().heatmaps[runId]) return;
      const pending = heatmapsInFlight.get(runId);
      if (pending) return pending;
      const request = (async () => {
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
