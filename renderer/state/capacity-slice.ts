// The run queue, the disk figure and the run-size estimate: read with lab.capacity when the lab changes or another
// experiment is selected, and the queue kept current by the backend's run.queue push events.
import type { StateCreator } from 'zustand';
import type { CapacitySlice } from './capacity-types';
import { api } from './client-ref';
import { allRuns } from './lab-runs';
import type { PeelState } from './peel-state';

export const createCapacitySlice: StateCreator<PeelState, [], [], CapacitySlice> = (set, get) => {
  // Answers can overtake each other; only the newest request's may land.
  let request = 0;
  return {
    runQueue: null,
    diskUse: null,
    runEstimate: null,

    async loadCapacity(investigationId, experimentId) {
      const mine = ++request;
      const capacity = await get().attempt(() =>
        api().call('lab.capacity', { investigationId, experimentId }),
      );
      if (!capacity || mine !== request) return;
      set({
        runQueue: capacity.queue,
        diskUse: { investigationId, disk: capacity.disk },
        runEstimate: capacity.estimate,
      });
    },
    receiveRunQueue(queue) {
      set({ runQueue: queue });
      // A run of the open lab started elsewhere (another window, a script, a sweep) shows in the list when it joins
      // the queue, not when some run next finishes.
      const { lab, labInvestigationId: id } = get();
      if (!lab || !id) return;
      const listed = new Set(allRuns(lab).map((run) => run.id));
      const named = [...queue.waiting, ...queue.running];
      if (named.some((entry) => entry.investigationId === id && !listed.has(entry.runId)))
        void get().refreshLab();
    },
  };
};
