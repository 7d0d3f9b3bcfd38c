// The open investigation: its checklist, notes and hypotheses, and every change the user makes to them.
import type { StateCreator } from 'zustand';
import type { ChecklistTick, InvestigationDetail } from '../../shared/contract/entities';
import { findChecklistItem } from '../../shared/domain/rules';
import { api } from './client-ref';
import type { InvestigationSlice } from './investigation-types';
import type { PeelState } from './peel-state';

export const createInvestigationSlice: StateCreator<PeelState, [], [], InvestigationSlice> = (set, get) => {
  const currentId = () => get().detail?.investigation.id;
  // Answers can arrive out of order: only the latest open (or a close after it) may decide what is shown.
  let openRequest = 0;
  /** Applies `change` only while investigation `id` is still the one shown. */
  const whileShowing = (id: string, change: (detail: InvestigationDetail) => Partial<InvestigationDetail>) =>
    set((state) =>
      state.detail?.investigation.id === id ? { detail: { ...state.detail, ...change(state.detail) } } : {},
    );

  return {
    detail: null,
    detailLoading: false,
    async openInvestigation(id) {
      const request = ++openRequest;
      set({ detailLoading: true, detail: get().detail?.investigation.id === id ? get().detail : null });
      await get().attempt(async () => {
        const detail = await api().call('investigations.get', { id });
        if (request !== openRequest) return;
        set({ detail });
        await Promise.all([
          get().loadAudit(id),
          get().loadLab(id),
          get().loadExchange(id),
          get().loadDrillSession(id),
        ]);
      });
      if (request === openRequest) set({ detailLoading: false });
    },
    closeInvestigation() {
      openRequest++;
      set({ detail: null, detailLoading: false });
      get().clearAudit();
    },
    async refreshDetail() {
      const id = currentId();
      if (!id) return;
      await get().attempt(async () => {
        const detail = await api().call('investigations.get', { id });
        if (currentId() === id) set({ detail });
      });
    },
    async setChecklistItem(itemId, ticked) {
      const id = currentId();
      if (!id) return;
      const replaceTick = (tick: ChecklistTick) =>
        set((state) => {
          if (!state.detail || state.detail.investigation.id !== id) return {};
          const others = state.detail.checklist.filter((existing) => existing.itemId !== itemId);
          return { detail: { ...state.detail, checklist: [...others, tick] } };
        });
      const previous = get().detail?.checklist.find((tick) => tick.itemId === itemId);
      // Show the tick at once (a checkbox that lags a click feels broken); the stored answer replaces it.
      const ruleId = findChecklistItem(itemId)?.rule.id;
      if (ruleId) replaceTick({ itemId, ruleId, ticked, at: Date.now(), by: get().info?.user ?? '' });
      const stored = await get().attempt(() =>
        api().call('checklist.set', { investigationId: id, itemId, ticked }),
      );
      if (stored) replaceTick(stored);
      else if (previous) replaceTick(previous);
      else if (ruleId) replaceTick({ itemId, ruleId, ticked: false, at: Date.now(), by: '' });
    },
    async addNote(ruleId, body) {
      const id = currentId();
      if (!id) return false;
      const note = await get().attempt(() => api().call('notes.add', { investigationId: id, ruleId, body }));
      if (!note) return false;
      whileShowing(id, (detail) => ({ notes: [...detail.notes, note] }));
      return true;
    },
    async correctNote(noteId, body) {
      const note = await get().attempt(() => api().call('notes.correct', { noteId, body }));
      if (!note) return false;
      set((state) =>
        state.detail
          ? {
              detail: { ...state.detail, notes: state.detail.notes.map((n) => (n.id === noteId ? note : n)) },
            }
          : {},
      );
      return true;
    },
    async addHypothesis(statement, ruleId, predicts = null) {
      const id = currentId();
      if (!id) return false;
      const hypothesis = await get().attempt(() =>
        api().call('hypotheses.add', { investigationId: id, statement, ruleId, predicts }),
      );
      if (!hypothesis) return false;
      whileShowing(id, (detail) => ({ hypotheses: [...detail.hypotheses, hypothesis] }));
      return true;
    },
    async correctHypothesis(hypothesisId, statement) {
      const updated = await get().attempt(() =>
        api().call('hypotheses.correct', { hypothesisId, statement }),
      );
      if (!updated) return false;
      set((state) =>
        state.detail
          ? {
              detail: {
                ...state.detail,
                hypotheses: state.detail.hypotheses.map((h) => (h.id === hypothesisId ? updated : h)),
              },
            }
          : {},
      );
      return true;
    },
    async setHypothesisStatus(hypothesisId, status, reason) {
      const updated = await get().attempt(() =>
        api().call('hypotheses.setStatus', { hypothesisId, status, reason }),
      );
      if (!updated) return false;
      set((state) =>
        state.detail
          ? {
              detail: {
                ...state.detail,
                hypotheses: state.detail.hypotheses.map((h) => (h.id === hypothesisId ? updated : h)),
              },
            }
          : {},
      );
      return true;
    },
  };
};
