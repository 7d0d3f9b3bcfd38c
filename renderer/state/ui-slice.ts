// Overlays and panels: the command palette, the shortcuts help, the new-investigation form, the audit side panel.
import type { StateCreator } from 'zustand';
import type { PeelState } from './store';

export type Overlay = 'palette' | 'help' | 'new-investigation' | 'import-bundle' | null;

export interface UiSlice {
  overlay: Overlay;
  auditPanelOpen: boolean;
  /** The rule section the user last jumped to (scrolls it into view). */
  focusedRule: string | null;
  /** A request to move keyboard focus to a named input; `serial` changes on every request so repeats work. */
  focusRequest: { target: string; serial: number } | null;
  requestFocus(target: string): void;
  openOverlay(overlay: Exclude<Overlay, null>): void;
  closeOverlay(): void;
  toggleAuditPanel(): void;
  focusRule(ruleId: string | null): void;
}

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
