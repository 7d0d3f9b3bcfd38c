// Comparing runs: picking them, choosing how they are drawn, and opening the comparison (the backend states what
// differs and records that it was opened) with every picked run's series.
import type { StateCreator } from 'zustand';
import { api } from './client-ref';
import type { CompareSlice } from './compare-types';
import type { PeelState } from './peel-state';

export const createCompareSlice: StateCreator<PeelState, [], [], CompareSlice> = (set, get) => ({
  compareRunIds: [],
  compareMode: 'overlay',
  comparison: null,

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
    // The runs' series are asked for right behind the comparison, not after its answer: the overlay's first paint
    // waits only for the slowest of them.
    const opened = get().attempt(() =>
      api().call('comparisons.open', {
        investigationId: id,
        runIds,
        mode: get().compareMode,
        metric: get().metric,
      }),
    );
    const series = Promise.all(runIds.map((runId) => get().loadRunSeries(runId)));
    const comparison = await opened;
    if (comparison) set({ comparison });
    await series;
  },
  closeComparison() {
    set({ comparison: null });
  },
});
