// The home screen's list of investigations: search, refresh, and creating a new one.
import type { StateCreator } from 'zustand';
import { api } from './client-ref';
import type { InvestigationsSlice } from './investigations-types';
import type { PeelState } from './peel-state';

export const createInvestigationsSlice: StateCreator<PeelState, [], [], InvestigationsSlice> = (set, get) => {
  // Each list request takes a number: only the newest one's answer may land.
  let listRequest = 0;
  return {
    investigations: [],
    investigationsLoaded: false,
    query: '',
    setQuery(query) {
      set({ query });
      void get().loadInvestigations();
    },
    async loadInvestigations() {
      const requestId = ++listRequest;
      const query = get().query.trim();
      await get().attempt(async () => {
        // The marks are keyed by investigation, so they are asked for beside the list, not after it.
        const marks = get().loadExchangeMarks();
        const investigations = await api().call('investigations.list', query ? { query } : {});
        // A slower answer to an older search must not replace a newer one.
        if (requestId === listRequest) set({ investigations, investigationsLoaded: true });
        await marks;
      });
    },
    async openWorkedExample() {
      const created = await get().attempt(() => api().call('sample.create', {}));
      if (!created) return;
      get().notify(
        'info',
        'The worked example is running its experiments: watch the lab and the trail fill in.',
      );
      get().navigate({ name: 'investigation', id: created.investigationId });
      get().setView('lab');
    },
    async createInvestigation(request) {
      return get().attempt(async () => {
        const investigation = await api().call('investigations.create', request);
        get().navigate({ name: 'investigation', id: investigation.id });
        return investigation;
      });
    },
  };
};
