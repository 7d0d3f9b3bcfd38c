// One line of plain English for an audit event, used by the trail panel and the exports alike.

import { TRAINING_DESCRIBERS } from '../training/training-describers';
import type { AuditKind } from './audit-kinds';
import { plural, pluralNoun } from './plural';
import { findRule } from './rules';

export interface DescribableEvent {
  kind: string;
  ruleId: string | null;
  payload: Record<string, unknown>;
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
/** A payload's count with its noun agreed ("1 restart"); a value that is not a number is shown as it is. */
const counted = (value: unknown, noun: string): string =>
  typeof value === 'number' ? plural(value, noun) : `${text(value)} ${pluralNoun(2, noun)}`;
const clip = (value: string, max = 140): string =>
  value.length > max ? `${value.slice(0, max - 1)}…` : value;

const DESCRIBERS: Partial<Record<AuditKind, (p: Record<string, unknown>) => string>> = {
  'investigation.created': (p) => `Opened the investigation “${text(p.title)}”`,
  'checklist.ticked': (p) => `Ticked “${text(p.text)}”`,
  'checklist.unticked': (p) => `Unticked “${text(p.text)}”`,
  'note.added': (p) => `Wrote a note: ${clip(text(p.body).replace(/\s+/g, ' '))}`,
  'note.corrected': (p) => `Corrected a note: ${clip(text(p.body).replace(/\s+/g, ' '))}`,
  'hypothesis.added': (p) => `Hypothesis: ${text(p.statement)}`,
  'hypothesis.corrected': (p) => `Corrected a hypothesis: ${text(p.statement)}`,
  'event.described': (p) =>
    `${p.correctsDescriptionId ? 'Corrected the description of' : 'Described'} event #${text(p.eventSeq)}: ${clip(text(p.body).replace(/\s+/g, ' '))}`,
  'hypothesis.status-changed': (p) =>
    `${p.automatic ? 'Peel marked' : 'Marked'} “${clip(text(p.statement), 80)}” ${text(p.to)}${p.reason ? `: ${clip(text(p.reason))}` : ''}`,
  'investigation.scenario-chosen': (p) => `Chose the system: ${text(p.title)} (${text(p.scenarioId)})`,
  'investigation.config-edited': (p) =>
    `Changed the memory settings: ${
      Object.entries((p.after as Record<string, string>) ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || 'back to the scenario’s'
    }`,
  'experiment.created': (p) =>
    `Experiment #${text(p.seq)}: ${text(p.label)}${p.parentSeq ? ` (from #${text(p.parentSeq)})` : ''}${p.multiChangeConfirmed ? ' — several changes, confirmed' : ''}`,
  'experiment.preflight': (p) => {
    const checks = (p.checks as { ok: boolean }[] | undefined) ?? [];
    return `Preflight for experiment #${text(p.experimentSeq)}: ${checks.filter((c) => c.ok).length}/${plural(checks.length, 'check')} passed`;
  },
  // A real experiment's run is imported metrics, not a simulation: every line about it says so.
  'run.started': (p) =>
    p.real === true
      ? `Recorded REAL run #${text(p.seq)} of experiment #${text(p.experimentSeq)} (imported metrics, not simulated)`
      : `Started run #${text(p.seq)} of experiment #${text(p.experimentSeq)} (seed ${text(p.seed)})`,
  'run.completed': (p) =>
    `${p.real === true ? 'REAL run' : 'Run'} #${text(p.seq)} finished: ${counted(p.restarts, 'restart')}, ${counted(p.ooms, 'OOM')}, ${counted(p.fullGcs, 'full GC')}`,
  'run.cancelled': (p) => `Run #${text(p.seq)} cancelled`,
  'run.failed': (p) => `Run #${text(p.seq)} failed: ${clip(text(p.reason))}`,
  'verdict.recorded': (p) => `Run #${text(p.seq)}: ${text(p.summary)}`,
  'comparison.opened': (p) =>
    `Compared runs ${((p.runSeqs as number[]) ?? []).map((s) => `#${s}`).join(', ')} (${text(p.mode)}, ${text(p.metric)})`,
  'sweep.completed': (p) =>
    `Auto-peel sweep of #${text(p.baseSeq)}: ${((p.rows as unknown[]) ?? []).length} removals ranked`,
  'fix.applied': (p) =>
    `${p.applied ? 'Applied' : 'Removed'} fix ${text(p.fixId)} → experiment #${text(p.seq)}`,
  'resolution.marked': (p) => `Resolved: ${clip(text(p.reason))}`,
  'config.imported': (p) => {
    const findings = ((p.findings as { id: string }[] | undefined) ?? []).map((f) => f.id);
    return `Checked the real config ${text(p.fileName)} (sha256 ${text(p.contentSha256).slice(0, 12)}…): ${findings.length === 0 ? 'no findings' : findings.join(', ')}`;
  },
  'metrics.imported': (p) =>
    `Imported ${text(p.series)} series (${counted(p.points, 'point')}) from ${clip(text(p.source), 100)} (sha256 ${text(p.contentSha256).slice(0, 12)}…)`,
  'experiment.real-logged': (p) =>
    `REAL experiment #${text(p.experimentSeq)} (run #${text(p.runSeq)}): ${clip(text(p.description))}`,
  'export.written': (p) => {
    const head = (p.head as { count?: number; hash?: string } | undefined) ?? {};
    return `Exported as ${text(p.format).toUpperCase()} (${text(p.via)}), ending at chain head #${text(head.count)} ${text(head.hash).slice(0, 12)}…`;
  },
  'investigation.imported': (p) => {
    const head = (p.head as { count?: number; hash?: string } | undefined) ?? {};
    return `Imported “${text(p.title)}” from ${text(p.exportedBy)}’s bundle (${counted(p.events, 'event')}, chain head ${text(head.hash).slice(0, 12)}…)`;
  },
  'investigation.continued': (p) => {
    const head = (p.importedHead as { hash?: string } | undefined) ?? {};
    return `Continued “${text(p.importedTitle)}” (imported from ${text(p.exportedBy)}) in a new branch, from chain head ${text(head.hash).slice(0, 12)}…`;
  },
  ...TRAINING_DESCRIBERS,
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
