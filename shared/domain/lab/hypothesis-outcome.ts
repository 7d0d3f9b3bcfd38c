// Deciding a hypothesis from the run made to test it: it predicted the leak would remain or go; the run's outcome
// supports it, refutes it, or (unclear run) leaves it inconclusive. The reason names the run and its verdict.
import type { HypothesisStatus } from '../../contract/entities';
import { leakOutcome, type RunFacts } from './run-facts';

export function hypothesisOutcome(
  predicts: 'leak' | 'no-leak',
  run: RunFacts,
  runSummary: string,
): { status: HypothesisStatus; reason: string } {
  const outcome = leakOutcome(run);
  // The summary is a sentence of its own; inside this one it loses its closing period ("restarts.; predicted").
  const said = runSummary.replace(/[.\s]+$/, '');
  const predicted = predicts === 'leak' ? 'the leak to remain' : 'no leak';
  if (outcome === 'unclear') {
    return {
      status: 'inconclusive',
      reason: `Run #${run.seq} is not conclusive (${said}); predicted ${predicted}.`,
    };
  }
  const agrees = outcome === predicts;
  return {
    status: agrees ? 'supported' : 'refuted',
    reason: `Run #${run.seq}: ${said}; predicted ${predicted}.`,
  };
}
