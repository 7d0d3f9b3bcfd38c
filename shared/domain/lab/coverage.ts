// The coverage map: what the runs so far say about each operator of the scenario's job. Only runs of the code as
// written count (no fix, no hand-switched defect), and not the control job (it has none of these operators).
//   implicated: absent from a run that did not leak, present in every run that leaked, and never cleared;
//   cleared:    present in a run that was restarted and did not leak;
//   peeled:     removed in at least one run;   tested: ran in at least one run;   untested: neither.
import type { CoverageStatus, OperatorCoverage } from '../../contract/lab-entities';
import { completedRuns, isUnchangedCode, leakOutcome, type RunFacts } from './run-facts';

export interface ScenarioOperator {
  id: string;
  layer: string;
}

const runLabel = (run: RunFacts) => `run #${run.seq}`;

export function operatorCoverage(
  operators: readonly ScenarioOperator[],
  runs: readonly RunFacts[],
): OperatorCoverage[] {
  const evidence = completedRuns(runs).filter((run) => !run.params.control && isUnchangedCode(run));
  const leaking = evidence.filter((run) => leakOutcome(run) === 'leak');
  const clean = evidence.filter((run) => leakOutcome(run) === 'no-leak');
  return operators.map((operator) => {
    const present = (run: RunFacts) => run.operators.includes(operator.id);
    const clearedBy = clean.filter(present);
    const cleanWithout = clean.filter((run) => !present(run));
    const leakingWith = leaking.filter(present);
    const status = (s: CoverageStatus, reason: string, runIds: string[]): OperatorCoverage => ({
      operator: operator.id,
      layer: operator.layer,
      status: s,
      reason,
      runIds,
    });
    if (clearedBy.length > 0) {
      return status(
        'cleared',
        `ran without a leak in ${clearedBy.map(runLabel).join(', ')}`,
        clearedBy.map((r) => r.id),
      );
    }
    if (cleanWithout.length > 0 && leakingWith.length > 0 && leakingWith.length === leaking.length) {
      return status(
        'implicated',
        `present in every leaking run (${leakingWith.map(runLabel).join(', ')}); without it ${cleanWithout.map(runLabel).join(', ')} did not leak`,
        [...leakingWith, ...cleanWithout].map((r) => r.id),
      );
    }
    const peeledIn = evidence.filter((run) => !present(run));
    if (peeledIn.length > 0) {
      return status(
        'peeled',
        `removed in ${peeledIn.map(runLabel).join(', ')}`,
        peeledIn.map((r) => r.id),
      );
    }
    const testedIn = evidence.filter(present);
    if (testedIn.length > 0) {
      return status(
        'tested',
        `ran in ${testedIn.map(runLabel).join(', ')}; not yet cleared`,
        testedIn.map((r) => r.id),
      );
    }
    return status('untested', 'no run has included or removed it yet', []);
  });
}

/** Operators still under suspicion: every operator that has not been cleared. */
export function suspects(coverage: readonly OperatorCoverage[]): string[] {
  return coverage.filter((entry) => entry.status !== 'cleared').map((entry) => entry.operator);
}
