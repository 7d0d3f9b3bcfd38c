// One line of plain English for an audit event, used by the trail panel and the exports alike.
import type { AuditKind } from './audit-kinds';
import { findRule } from './rules';

export interface DescribableEvent {
  kind: string;
  ruleId: string | null;
  payload: Record<string, unknown>;
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
const clip = (value: string, max = 140): string =>
  value.length > max ? `${value.slice(0, max - 1)}…` : value;

const DESCRIBERS: Partial<Record<AuditKind, (p: Record<string, unknown>) => string>> = {
  'investigation.created': (p) => `Opened the investigation “${text(p.title)}”`,
  'checklist.ticked': (p) => `Ticked “${text(p.text)}”`,
  'checklist.unticked': (p) => `Unticked “${text(p.text)}”`,
  'note.added': (p) => `Wrote a note: ${clip(text(p.body).replace(/\s+/g, ' '))}`,
  'note.corrected': (p) => `Corrected a note: ${clip(text(p.body).replace(/\s+/g, ' '))}`,
  'hypothesis.added': (p) => `Hypothesis: ${text(p.statement)}`,
  'hypothesis.status-changed': (p) =>
    `Marked “${clip(text(p.statement), 80)}” ${text(p.to)}${p.reason ? `: ${clip(text(p.reason))}` : ''}`,
};

export function describeAuditEvent(event: DescribableEvent): string {
  const describer = DESCRIBERS[event.kind as AuditKind];
  if (describer) return describer(event.payload);
  const summary = typeof event.payload.summary === 'string' ? `: ${clip(event.payload.summary)}` : '';
  return `${event.kind}${summary}`;
}

export function ruleLabel(ruleId: string | null): string | null {
  const rule = ruleId ? findRule(ruleId) : undefined;
  return rule ? `${rule.number}. ${rule.title}` : null;
}

/** Registers describers for kinds introduced by later features without editing this table's callers. */
export function registerDescriber(
  kind: AuditKind,
  describer: (payload: Record<string, unknown>) => string,
): void {
  DESCRIBERS[kind] = describer;
}
