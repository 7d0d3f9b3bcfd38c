// Where an audit event leads: the thing it changed, in the view that shows it (a run or an experiment in the lab,
// a note, a hypothesis or a checklist item in the notebook). Read from the payload the services write.
import type { AuditKind } from './audit-kinds';
import { findChecklistItem } from './rules';

export type TrailJump =
  | { to: 'run'; runId: string; label: string }
  | { to: 'experiment'; experimentId: string; label: string }
  | { to: 'note'; noteId: string; label: string }
  | { to: 'hypothesis'; hypothesisId: string; label: string }
  | { to: 'rule'; ruleId: string; label: string }
  | { to: 'lab'; label: string };

interface JumpableEvent {
  kind: string;
  ruleId: string | null;
  payload: Record<string, unknown>;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

export function jumpTarget(event: JumpableEvent): TrailJump | null {
  const p = event.payload;
  switch (event.kind as AuditKind) {
    case 'run.started':
    case 'run.completed':
    case 'run.cancelled':
    case 'run.failed':
    case 'verdict.recorded': {
      const runId = str(p.runId);
      return runId ? { to: 'run', runId, label: 'Open the run' } : null;
    }
    case 'comparison.opened': {
      const runId = Array.isArray(p.runIds) ? str(p.runIds[0]) : undefined;
      return runId ? { to: 'run', runId, label: 'Open the first run compared' } : null;
    }
    case 'experiment.created':
    case 'experiment.preflight':
    case 'fix.applied': {
      const experimentId = str(p.experimentId);
      return experimentId ? { to: 'experiment', experimentId, label: 'Open the experiment' } : null;
    }
    case 'sweep.completed':
    case 'resolution.marked':
    case 'investigation.scenario-chosen':
    case 'investigation.config-edited':
      return { to: 'lab', label: 'Open the lab' };
    case 'note.added':
    case 'note.corrected': {
      const noteId = str(p.noteId);
      return noteId ? { to: 'note', noteId, label: 'Show the note' } : null;
    }
    case 'hypothesis.added':
    case 'hypothesis.corrected':
    case 'hypothesis.status-changed': {
      const hypothesisId = str(p.hypothesisId);
      return hypothesisId ? { to: 'hypothesis', hypothesisId, label: 'Show the hypothesis' } : null;
    }
    case 'checklist.ticked':
    case 'checklist.unticked': {
      const ruleId = findChecklistItem(str(p.itemId) ?? '')?.rule.id ?? event.ruleId;
      return ruleId ? { to: 'rule', ruleId, label: 'Show the checklist' } : null;
    }
    default:
      return null;
  }
}
