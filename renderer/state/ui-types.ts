// The ui slice's shape: overlays, panels and keyboard focus requests.

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
