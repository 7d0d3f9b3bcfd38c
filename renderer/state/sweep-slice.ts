// Sweeps: starting one from an experiment, cancelling it, and following the progress and result the backend pushes.
import type { StateCreator } from 'zustand';
import { api } from './client-ref';
import type { PeelState } from './peel-state';
import type { SweepSlice } from './sweep-types';

export const createSweepSlice: StateCreator<PeelState, [], [], SweepSlice> = (set, get) => ({
  sweep: null,

  async startSweep(experimentId, include) {
    const started = await get().attempt(() => api().call('sweeps.start', { experimentId, include }));
    // The sweep's news can arrive before this reply (a sweep whose removals were all run before finishes at once):
    // what it already said about this sweep stands.
    if (started && get().sweep?.sweepId !== started.sweepId)
      set({
        sweep: { sweepId: started.sweepId, done: 0, total: started.total, current: '', result: null },
      });
  },
  async cancelSweep() {
    const sweep = get().sweep;
    if (sweep) await get().attempt(() => api().call('sweeps.cancel', { sweepId: sweep.sweepId }));
  },
  receiveSweepProgress(payload) {
    if (payload.investigationId !== get().labInvestigationId) return;
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
    if (payload.investigationId !== get().labInvestigationId) return;
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
});
