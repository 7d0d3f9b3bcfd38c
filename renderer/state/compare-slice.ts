// Comparing runs: picking them, choosing how they are drawn, and opening the comparison (the backend states what
// differs and records that it was opened) with every picked run's series, then finer series for a zoomed window.
import type { StateCreator } from 'zustand';
import { graphMetric } from '../charts/graph-metrics';
import { api } from './client-ref';
import type { CompareSlice } from './compare-types';
import type { PeelState } from './peel-state';
import { chartPoints, seriesViewOf } from './run-results-slice';

export const createCompareSlice: StateCreator<PeelState, [], [], CompareSlice> = (set, get) => {
  // Windows overlap as the user zooms: each fetch takes a number, and only the newest may land.
  let windowRequest = 0;
  return {
    compareRunIds: [],
    compareMode: 'overlay',
    comparison: null,
    compareWindow: null,
    compareWindowSeries: {},

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
      const id = get().labInvestigationId;
      const runIds = get().compareRunIds;
      if (!id || runIds.length < 2) return;
      windowRequest++;
      set({ compareWindow: null, compareWindowSeries: {} });
      // The runs' series are asked for first, then the comparison: the backend starts reading and inflating them
      // before it records the comparison (a committed write), and the overlay's first paint waits only for the
      // slowest of them. A run whose whole-run series is here already is not fetched again (loadRunSeries).
      const series = Promise.all(runIds.map((runId) => get().loadRunSeries(runId)));
      const opened = get().attempt(() =>
        api().call('comparisons.open', {
          investigationId: id,
          runIds,
          mode: get().compareMode,
          metric: get().metric,
        }),
      );
      const comparison = await opened;
      if (comparison) set({ comparison });
      await series;
    },
    async loadComparisonWindow(window) {
      const comparison = get().comparison;
      if (!comparison) return;
      const request = ++windowRequest;
      set({ compareWindow: window });
      if (!window) {
        set({ compareWindowSeries: {} });
        return;
      }
      const metricId = get().metric;
      const metric = graphMetric(metricId);
      const points = chartPoints();
      const answers = await Promise.all(
        comparison.runIds.map((runId) =>
          get().attempt(() =>
            api().call('runs.series', {
              runId,
              taskManagerMetric: metric.metric,
              points,
              fromSec: Math.max(0, window.fromSec),
              toSec: Math.max(0, window.toSec),
            }),
          ),
        ),
      );
      // A newer window, another metric or another comparison since: this answer is not what is shown.
      const shown = get().comparison?.runIds.join(' ');
      if (request !== windowRequest || get().metric !== metricId || shown !== comparison.runIds.join(' '))
        return;
      const views: CompareSlice['compareWindowSeries'] = {};
      comparison.runIds.forEach((runId, i) => {
        const slices = answers[i];
        if (slices) views[runId] = seriesViewOf(slices, metricId, window);
      });
      set({ compareWindowSeries: views });
    },
    closeComparison() {
      windowRequest++;
      set({ comparison: null, compareWindow: null, compareWindowSeries: {} });
    },
  };
};
