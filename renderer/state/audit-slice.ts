// The open investigation's audit trail, newest first; live events are merged in as the backend pushes them.
import type { StateCreator } from 'zustand';
import type { AuditEvent } from '../../shared/contract/entities';
import type { AuditSlice } from './audit-types';
import { api } from './client-ref';
import type { PeelState } from './peel-state';

export const createAuditSlice: StateCreator<PeelState, [], [], AuditSlice> = (set, get) => ({
  auditEvents: [],
  auditInvestigationId: null,
  async loadAudit(investigationId) {
    // Another investigation's trail is dropped, not merged: seq numbers are global, so it would interleave.
    if (get().auditInvestigationId !== investigationId)
      set({ auditInvestigationId: investigationId, auditEvents: [] });
    await get().attempt(async () => {
      const events = await api().call('audit.list', { investigationId, limit: 500 });
      if (get().auditInvestigationId === investigationId)
        set({ auditEvents: mergeNewestFirst(get().auditEvents, events) });
    });
  },
  receiveAuditEvent(event) {
    if (event.investigationId !== get().auditInvestigationId) return;
    set((state) => ({ auditEvents: mergeNewestFirst(state.auditEvents, [event]) }));
  },
  clearAudit() {
    set({ auditEvents: [], auditInvestigationId: null });
  },
});

/** Merges by sequence number: a pushed event and a fetched page may overlap, and neither may duplicate. */
export function mergeNewestFirst(
  existing: readonly AuditEvent[],
  incoming: readonly AuditEvent[],
): AuditEvent[] {
  const bySeq = new Map<number, AuditEvent>();
  for (const event of existing) bySeq.set(event.seq, event);
  for (const event of incoming) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}
