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

interface Classified {
  status: CoverageStatus;
  /** The runs behind the status, in the order its reason names them. */
  runs: RunFacts[];
  /** For 'implicated': how many of those runs leaked (they come first). */
  leakingCount: number;
}

/** Each operator's status and the runs behind it, without the sentences (what the checklist evidence needs). */
function classify(operators: readonly ScenarioOperator[], runs: readonly RunFacts[]): Classified[] {
  const evidence = completedRuns(runs).filter((run) => !run.params.control && isUnchangedCode(run));
  const leaking = evidence.filter((run) => leakOutcome(run) === 'leak');
  const clean = evidence.filter((run) => leakOutcome(run) === 'no-leak');
  return operators.map((operator) => {
    const present = (run: RunFacts) => run.operators.includes(operator.id);
    const clearedBy = clean.filter(present);
    if (clearedBy.length > 0) return { status: 'cleared', runs: clearedBy, leakingCount: 0 };
    const cleanWithout = clean.filter((run) => !present(run));
    const leakingWith = leaking.filter(present);
    if (cleanWithout.length > 0 && leakingWith.length > 0 && leakingWith.length === leaking.length)
      return {
        status: 'implicated',
        runs: [...leakingWith, ...cleanWithout],
        leakingCount: leakingWith.length,
      };
    const peeledIn = evidence.filter((run) => !present(run));
    if (peeledIn.length > 0) return { status: 'peeled', runs: peeledIn, leakingCount: 0 };
    const testedIn = evidence.filter(present);
    if (testedIn.length > 0) return { status: 'tested', runs: testedIn, leakingCount: 0 };
    return { status: 'untested', runs: [], leakingCount: 0 };
  });
}

/**
 * The runs a sentence names: all of them, or the first `limit` and how many more (a screen's sentence about a
 * thousand runs names a few; the runs themselves stay in `runIds`).
 */
function runLabels(list: readonly RunFacts[], limit: number): string {
  if (list.length <= limit) return list.map(runLabel).join(', ');
  return `${list.slice(0, limit).map(runLabel).join(', ')} and ${list.length - limit} more`;
}

function reasonFor(entry: Classified, limit: number): string {
  const labels = (list: readonly RunFacts[]) => runLabels(list, limit);
  switch (entry.status) {
    case 'cleared':
      return `ran without a leak in ${labels(entry.runs)}`;
    case 'implicated':
      return `present in every leaking run (${labels(entry.runs.slice(0, entry.leakingCount))}); without it ${labels(entry.runs.slice(entry.leakingCount))} did not leak`;
    case 'peeled':
      return `removed in ${labels(entry.runs)}`;
    case 'tested':
      return `ran in ${labels(entry.runs)}; not yet cleared`;
    case 'untested':
      return 'no run has included or removed it yet';
  }
}

/** `labelLimit`: how many runs each reason names before "and N more" (all of them unless given). */
export function operatorCoverage(
  operators: readonly ScenarioOperator[],
  runs: readonly RunFacts[],
  labelLimit = Number.POSITIVE_INFINITY,
): OperatorCoverage[] {
  return classify(operators, runs).map((entry, i) => ({
    operator: operators[i]!.id,
    layer: operators[i]!.layer,
    status: entry.status,
    reason: reasonFor(entry, labelLimit),
    runIds: entry.runs.map((r) => r.id),
  }));
}

/**
 * The implicated entries of the coverage map, exactly as `operatorCoverage` gives them except for the reason
 * (left empty): what the checklist evidence reads. Implicated means no run without a leak had the operator (so
 * every one of them is a run without it), there was one, and every leaking run had it: each test stops at the
 * first run that settles it, and no sentence naming every run is written for every operator.
 */
export function implicatedCoverage(
  operators: readonly ScenarioOperator[],
  runs: readonly RunFacts[],
): OperatorCoverage[] {
  const evidence = completedRuns(runs).filter((run) => !run.params.control && isUnchangedCode(run));
  const leaking = evidence.filter((run) => leakOutcome(run) === 'leak');
  const clean = evidence.filter((run) => leakOutcome(run) === 'no-leak');
  if (leaking.length === 0 || clean.length === 0) return [];
  return operators.flatMap((operator) => {
    const present = (run: RunFacts) => run.operators.includes(operator.id);
    if (clean.some(present) || !leaking.every(present)) return [];
    return [
      {
        operator: operator.id,
        layer: operator.layer,
        status: 'implicated' as const,
        reason: '',
        runIds: [...leaking, ...clean].map((r) => r.id),
      },
    ];
  });
}

/** Operators still under suspicion: every operator that has not been cleared. */
export function suspects(coverage: readonly OperatorCoverage[]): string[] {
  return coverage.filter((entry) => entry.status !== 'cleared').map((entry) => entry.operator);
}
