// The timeline of the open investigation's trail: filters, a sparse set of loaded pages (the list is virtual, so
// only the pages around what is on screen are fetched), events that arrived since, descriptions people give events,
// jumps from an event to what it changed, and the result of verifying the chain.
import type { StateCreator } from 'zustand';
import type { TrailEvent } from '../../shared/contract/trail-entities';
import { jumpTarget } from '../../shared/domain/trail-jump';
import { api } from './client-ref';
import type { PeelState } from './peel-state';
import type { TrailFilters, TrailSlice } from './trail-types';

export const TRAIL_PAGE = 200;

export const NO_TRAIL_FILTERS: TrailFilters = { ruleIds: [], categories: [], text: '' };

/** The event shown at row `index`, if its page is loaded. */
export function trailEventAt(state: Pick<TrailSlice, 'trailPages'>, index: number): TrailEvent | undefined {
  return state.trailPages[Math.floor(index / TRAIL_PAGE)]?.[index % TRAIL_PAGE];
}

export const createTrailSlice: StateCreator<PeelState, [], [], TrailSlice> = (set, get) => {
  // Every reset (another investigation, other filters, a refresh) starts a new generation; answers of an older one
  // are dropped, and its pages are not counted as on their way.
  let generation = 0;
  let inFlight = new Set<number>();

  const request = (page: number) => {
    const { trailInvestigationId, trailFilters, trailUpToSeq } = get();
    return {
      investigationId: trailInvestigationId ?? '',
      ...(trailFilters.ruleIds.length > 0 ? { ruleIds: trailFilters.ruleIds } : {}),
      ...(trailFilters.categories.length > 0 ? { categories: trailFilters.categories } : {}),
      ...(trailFilters.text.trim() !== '' ? { text: trailFilters.text.trim() } : {}),
      ...(trailUpToSeq !== null ? { upToSeq: trailUpToSeq } : {}),
      offset: page * TRAIL_PAGE,
      limit: TRAIL_PAGE,
    };
  };

  /** Drops what is loaded and reads the first page afresh (as of the newest event). */
  const reload = async () => {
    const mine = ++generation;
    inFlight = new Set([0]);
    set({ trailPages: {}, trailTotal: null, trailUpToSeq: null, trailNewEvents: 0, trailLoading: true });
    await get().attempt(async () => {
      const page = await api().call('audit.query', request(0));
      if (mine !== generation) return;
      set({ trailPages: { 0: page.events }, trailTotal: page.total, trailUpToSeq: page.upToSeq });
    });
    if (mine === generation) {
      inFlight.delete(0);
      set({ trailLoading: false });
    }
  };

  /** Replaces one event wherever it is loaded (a description was added or corrected). */
  const replaceEvent = (updated: TrailEvent) =>
    set((state) => {
      const pages: Record<number, TrailEvent[]> = {};
      for (const [key, events] of Object.entries(state.trailPages))
        pages[Number(key)] = events.map((event) => (event.seq === updated.seq ? updated : event));
      return { trailPages: pages };
    });

  return {
    trailInvestigationId: null,
    trailFilters: NO_TRAIL_FILTERS,
    trailTotal: null,
    trailUpToSeq: null,
    trailPages: {},
    trailNewEvents: 0,
    trailLoading: false,
    verifyResult: null,
    verifiedInvestigationId: null,
    verifying: false,

    async openTrail(investigationId) {
      if (get().trailInvestigationId !== investigationId)
        set({ trailInvestigationId: investigationId, trailFilters: NO_TRAIL_FILTERS });
      await reload();
    },
    async setTrailFilters(change) {
      set((state) => ({ trailFilters: { ...state.trailFilters, ...change } }));
      if (get().trailInvestigationId) await reload();
    },
    async loadTrailRows(first, last) {
      const total = get().trailTotal;
      if (total === null || total === 0) return;
      const mine = generation;
      const pages: number[] = [];
      for (
        let page = Math.floor(Math.max(0, first) / TRAIL_PAGE);
        page * TRAIL_PAGE <= Math.min(last, total - 1);
        page++
      )
        if (!get().trailPages[page] && !inFlight.has(page)) pages.push(page);
      await Promise.all(
        pages.map(async (page) => {
          inFlight.add(page);
          await get().attempt(async () => {
            const answer = await api().call('audit.query', request(page));
            if (mine !== generation) return;
            set((state) => ({ trailPages: { ...state.trailPages, [page]: answer.events } }));
          });
          if (mine === generation) inFlight.delete(page);
        }),
      );
    },
    async refreshTrail() {
      if (get().trailInvestigationId) await reload();
    },
    receiveTrailEvent(event) {
      if (event.investigationId === null || event.investigationId !== get().trailInvestigationId) return;
      const upTo = get().trailUpToSeq;
      if (upTo !== null && event.seq > upTo) set((state) => ({ trailNewEvents: state.trailNewEvents + 1 }));
    },
    async describeEvent(eventId, body) {
      const updated = await get().attempt(() => api().call('audit.describe', { eventId, body }));
      if (!updated) return false;
      replaceEvent(updated);
      return true;
    },
    jumpToEvent(event) {
      const target = jumpTarget(event);
      if (!target) return;
      switch (target.to) {
        case 'run':
          return get().openRunInLab(target.runId);
        case 'experiment':
          get().setView('lab');
          return get().selectExperiment(target.experimentId);
        case 'lab':
          return get().setView('lab');
        case 'note':
          get().setView('notebook');
          return get().requestFocus(`note-item:${target.noteId}`);
        case 'hypothesis':
          get().setView('notebook');
          return get().requestFocus(`hypothesis-item:${target.hypothesisId}`);
        case 'rule':
          get().setView('notebook');
          return get().focusRule(target.ruleId);
      }
    },
    async verifyAudit() {
      const on = get().route;
      const investigationId = on.name === 'investigation' ? on.id : null;
      set({ verifying: true });
      const result = await get().attempt(() => api().call('audit.verify', {}));
      set({
        verifying: false,
        ...(result ? { verifyResult: result, verifiedInvestigationId: investigationId } : {}),
      });
    },
    dismissVerifyResult() {
      set({ verifyResult: null, verifiedInvestigationId: null });
    },
  };
};
