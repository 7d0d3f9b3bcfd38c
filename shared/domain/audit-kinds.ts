// The kinds of audit event Peel writes, grouped into the categories the trail can be filtered by.
// A kind is `<subject>.<verb>`; its category is what a reader filters on ("show me the hypotheses").
import { TRAINING_AUDIT_KINDS } from '../training/training-audit-kinds';

export const AUDIT_CATEGORIES = [
  'investigation',
  'checklist',
  'note',
  'hypothesis',
  'experiment',
  'run',
  'verdict',
  'comparison',
  'fix',
  'resolution',
  'export',
  'training',
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const AUDIT_KINDS = {
  'investigation.created': 'investigation',
  'investigation.scenario-chosen': 'investigation',
  'investigation.config-edited': 'investigation',
  'investigation.imported': 'investigation',
  'investigation.continued': 'investigation',
  'checklist.ticked': 'checklist',
  'checklist.unticked': 'checklist',
  'note.added': 'note',
  'note.corrected': 'note',
  'hypothesis.added': 'hypothesis',
  'hypothesis.corrected': 'hypothesis',
  'hypothesis.status-changed': 'hypothesis',
  'experiment.created': 'experiment',
  'experiment.preflight': 'experiment',
  'run.started': 'run',
  'run.completed': 'run',
  'run.cancelled': 'run',
  'run.failed': 'run',
  'run.data-discarded': 'run',
  'verdict.recorded': 'verdict',
  'comparison.opened': 'comparison',
  'sweep.completed': 'experiment',
  'fix.applied': 'fix',
  'resolution.marked': 'resolution',
  'event.described': 'note',
  'export.written': 'export',
  'config.imported': 'investigation',
  'metrics.imported': 'run',
  'experiment.real-logged': 'experiment',
  ...TRAINING_AUDIT_KINDS,
} as const satisfies Record<string, AuditCategory>;

export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_NAMES = Object.keys(AUDIT_KINDS) as AuditKind[];

export function categoryOf(kind: AuditKind): AuditCategory {
  return AUDIT_KINDS[kind];
}
