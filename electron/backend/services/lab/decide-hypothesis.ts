// A run decides the hypothesis its experiment tests: the same rule for simulated runs (runs.ts) and real ones
// logged from imports (imports/real-experiments.ts), so both write the same status change and audit event.
import { hypothesisOutcome } from '../../../../shared/domain/lab/hypothesis-outcome';
import type { ExperimentRecord } from '../../store/experiments-store';
import type { RecordAudit } from '../commit';
import type { ServiceContext } from '../context';
import { runFacts } from './run-records';

/** Decides `experiment`'s hypothesis from its stored run `runId`, inside the caller's transaction. */
export function decideHypothesisFromRun(
  ctx: ServiceContext,
  experiment: ExperimentRecord,
  runId: string,
  record: RecordAudit,
  now: number,
) {
  if (!experiment.hypothesisId) return;
  const hypothesis = ctx.store.hypotheses.get(experiment.hypothesisId);
  if (!hypothesis?.predicts) return;
  // A person's own decision stands; Peel only decides hypotheses that are open or that it decided itself.
  if (hypothesis.status !== 'open' && !hypothesis.decidedAutomatically) return;
  const stored = ctx.store.runs.get(runId)!;
  const facts = runFacts(stored, experiment);
  const outcome = hypothesisOutcome(
    hypothesis.predicts,
    facts,
    stored.summary ?? stored.verdict ?? 'no verdict',
  );
  ctx.store.hypotheses.setStatus(hypothesis.id, outcome.status, outcome.reason, now, {
    runId,
    automatic: true,
  });
  record({
    investigationId: experiment.investigationId,
    kind: 'hypothesis.status-changed',
    ruleId: hypothesis.ruleId ?? 'divide-and-conquer',
    payload: {
      hypothesisId: hypothesis.id,
      statement: hypothesis.statement,
      from: hypothesis.status,
      to: outcome.status,
      reason: outcome.reason,
      decidedByRunId: runId,
      automatic: true,
    },
  });
}
