// Where the user is (home or an investigation), what the host told us about itself, and failures to show.
import type { StateCreator } from 'zustand';
import type { AppSlice } from './app-types';
import { api } from './client-ref';
import type { PeelState } from './peel-state';

export const createAppSlice: StateCreator<PeelState, [], [], AppSlice> = (set, get) => {
  // Each store numbers its own notices.
  let nextNoticeId = 1;
  return {
    info: null,
    route: { name: 'home' },
    notices: [],
    async loadInfo() {
      await get().attempt(async () => set({ info: await api().call('app.info', {}) }));
    },
    navigate(route) {
      set({ route });
      if (route.name === 'investigation') void get().openInvestigation(route.id);
      else {
        get().closeInvestigation();
        void get().loadInvestigations();
      }
    },
    notify(tone, message) {
      const notice = { id: nextNoticeId++, tone, message };
      set((state) => ({ notices: [...state.notices.slice(-4), notice] }));
      if (tone === 'info') setTimeout(() => get().dismissNotice(notice.id), 4000);
    },
    dismissNotice(id) {
      set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
    },
    async attempt(action) {
      try {
        return await action();
      } catch (error) {
        get().notify('error', error instanceof Error ? error.message : String(error));
        return undefined;
      }
    },
  };
};
