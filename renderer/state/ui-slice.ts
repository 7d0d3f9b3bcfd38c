// Overlays and panels: the command palette, the shortcuts help, the new-investigation form, the audit side panel.
import type { StateCreator } from 'zustand';
import type { PeelState } from './peel-state';
import type { UiSlice } from './ui-types';

export const createUiSlice: StateCreator<PeelState, [], [], UiSlice> = (set) => ({
  overlay: null,
  auditPanelOpen: true,
  focusedRule: null,
  focusRequest: null,
  requestFocus: (target) =>
    set((state) => ({ focusRequest: { target, serial: (state.focusRequest?.serial ?? 0) + 1 } })),
  openOverlay: (overlay) => set({ overlay }),
  closeOverlay: () => set({ overlay: null }),
  toggleAuditPanel: () => set((state) => ({ auditPanelOpen: !state.auditPanelOpen })),
  focusRule: (focusedRule) =>
    set((state) => ({
      focusedRule,
      focusRequest: focusedRule
        ? { target: `rule:${focusedRule}`, serial: (state.focusRequest?.serial ?? 0) + 1 }
        : state.focusRequest,
    })),
});
