// Replay: starts re-running the open investigation's recorded runs in the backend, follows the pushed progress,
// cancels, and keeps the result (which run, if any, did not give what its chain recorded).
import type { StateCreator } from 'zustand';
import { api } from './client-ref';
import type { PeelState } from './peel-state';
import type { ReplaySlice } from './replay-types';

export const createReplaySlice: StateCreator<PeelState, [], [], ReplaySlice> = (set, get) => ({
  replay: null,

  async startReplay(investigationId) {
    const started = await get().attempt(() => api().call('audit.replayStart', { investigationId }));
    if (!started) return;
    set({
      replay: {
        replayId: started.replayId,
        investigationId,
        done: 0,
        total: started.total,
        current: '',
        result: null,
      },
    });
  },
  async cancelReplay() {
    const replay = get().replay;
    if (replay && !replay.result)
      await get().attempt(() => api().call('audit.replayCancel', { replayId: replay.replayId }));
  },
  dismissReplay() {
    set({ replay: null });
  },
  receiveReplayProgress(payload) {
    const replay = get().replay;
    // Only the replay this window started, and only while it runs: a late progress event never hides a result.
    if (!replay || replay.replayId !== payload.replayId || replay.result) return;
    set({ replay: { ...replay, done: payload.done, total: payload.total, current: payload.current } });
  },
  receiveReplayFinished(payload) {
    const replay = get().replay;
    if (!replay || replay.replayId !== payload.replayId) return;
    set({ replay: { ...replay, done: payload.result.replayed, current: '', result: payload.result } });
  },
});
