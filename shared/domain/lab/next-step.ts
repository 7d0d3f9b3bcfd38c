// Suggests the next step from where the investigation stands, following the seed's method: make it fail, run a
// control, peel the layer that halves the suspects, isolate, fix, prove A/B/A, resolve. Each suggestion names the
// rule it serves and, where it is one click, the experiment to derive.
import type { FixProof, NextStep, NextStepAction, OperatorCoverage } from '../../contract/lab-entities';
import { proposeBisect, type ScenarioOperator } from './bisect';
import { suspects } from './coverage';
import { describeTargets } from './experiment-diff';
import { completedRuns, isUnchangedCode, leakOutcome, type RunFacts } from './run-facts';

export interface NextStepInput {
  scenarioId: string | null;
  scenarioOperators: readonly ScenarioOperator[];
  fixIds: readonly string[];
  experiments: readonly { id: string; seq: number; parentId: string | null; params: RunFacts['params'] }[];
  runs: readonly RunFacts[];
  coverage: readonly OperatorCoverage[];
  proof: FixProof;
  preflightDone: boolean;
  resolved: boolean;
}

const step = (
  ruleId: string,
  title: string,
  detail: string,
  derive: NextStep['derive'] = null,
  action: NextStepAction | null = null,
): NextStep => ({
  ruleId,
  title,
  detail,
  derive,
  action,
});

const act = (
  kind: NextStepAction['kind'],
  label: string,
  experimentId: string | null = null,
  fixId: string | null = null,
): NextStepAction => ({ kind, label, experimentId, fixId });

export function suggestNextStep(input: NextStepInput): NextStep {
  if (input.resolved) {
    return step(
      'get-a-fresh-view',
      'Hand it over',
      'Resolved with its proof. Export the trail for the postmortem or a colleague.',
      null,
      act('export', 'Export the hand-over…'),
    );
  }
  if (!input.scenarioId) {
    return step(
      'understand-the-system',
      'Pick the system',
      'Choose the scenario this investigation works on to see its topology and memory model.',
    );
  }
  if (input.experiments.length === 0) {
    return step(
      'make-it-fail',
      'Make it fail',
      'Create the baseline: the full job with containers shut down on a schedule, so every restart shows what it leaves behind.',
      { fromExperimentId: null, changes: {}, label: 'baseline' },
    );
  }
  // A fix that has been verified moves the investigation on to its proof, whatever else is still open (the seed
  // isolated layer 3 and fixed it without peeling its operators one by one); resolving asks for nothing more.
  if (input.proof.complete) {
    return step(
      'verify-the-fix',
      'Mark it resolved',
      'The A/B/A proof is complete: with the fix flat, without it the staircase, with it again flat.',
      null,
      act('resolve', 'Mark it resolved…'),
    );
  }
  if (input.proof.steps[0]?.ok) {
    return step(
      'verify-the-fix',
      'Complete the A/B/A proof',
      input.proof.missing ?? 'Run the same experiment without the fix, then with it again.',
      null,
      proofAction(input),
    );
  }
  const runs = completedRuns(input.runs);
  const baselineRuns = runs.filter(
    (run) => !run.params.control && run.params.removed.length === 0 && isUnchangedCode(run),
  );
  const baselineExperiment =
    input.experiments.find(
      (e) => !e.params.control && e.params.removed.length === 0 && e.params.fixes.length === 0,
    ) ?? input.experiments[0]!;
  if (!input.preflightDone) {
    return step(
      'check-the-plug',
      'Check the plug',
      'Run the preflight: the memory settings in effect, the metric on screen, the failure schedule.',
      null,
      act('preflight', `Check the plug on #${baselineExperiment.seq}`, baselineExperiment.id),
    );
  }
  if (baselineRuns.length === 0) {
    return step(
      'make-it-fail',
      'Run the baseline',
      'Run the baseline experiment and watch direct memory across the restarts.',
      null,
      act('run', `Run experiment #${baselineExperiment.seq}`, baselineExperiment.id),
    );
  }
  const baseline = baselineRuns.find((run) => leakOutcome(run) === 'leak') ?? baselineRuns.at(-1)!;
  if (leakOutcome(baseline) !== 'leak') {
    return step(
      'make-it-fail',
      'Make it fail harder',
      `Run #${baseline.seq} shows ${baseline.verdict ?? 'nothing'}: add container shutdowns or pause the sink to bring the failure on.`,
      null,
      act('open-derive', `Derive from #${baseline.experimentSeq}…`, baseline.experimentId),
    );
  }
  const control = runs.find((run) => run.params.control);
  if (!control) {
    return step(
      'divide-and-conquer',
      'Run the control job',
      `Run #${baseline.seq} leaks. Run a trivial source-to-sink job on the same platform settings: does the platform leak too?`,
      { fromExperimentId: baseline.experimentId, changes: { control: true }, label: 'control job' },
    );
  }
  if (leakOutcome(control) === 'leak') {
    return step(
      'get-a-fresh-view',
      'The platform leaks too',
      `The control job (run #${control.seq}) leaks without your operators: the cause is below the job. Take it to the platform team.`,
      null,
      act('export', 'Export the hand-over…'),
    );
  }
  // One cause at a time: an operator the job leaked without is not it, and cutting it again would only repeat a run.
  const leakedWithout = new Set(
    runs
      .filter((run) => !run.params.control && isUnchangedCode(run) && leakOutcome(run) === 'leak')
      .flatMap((run) => input.scenarioOperators.filter((op) => !run.operators.includes(op.id)))
      .map((op) => op.id),
  );
  const suspectIds = suspects(input.coverage).filter((id) => !leakedWithout.has(id));
  const implicated = input.coverage.filter((entry) => entry.status === 'implicated');
  const proposal = proposeBisect(input.scenarioOperators, suspectIds, baseline.params.removed);
  const isolated = implicated.length > 0 && (implicated.length === 1 || !proposal);
  if (!isolated && proposal) {
    return step(
      'divide-and-conquer',
      `Peel ${describeTargets(proposal.remove)}`,
      `${proposal.reason}. Same failure schedule, one change.`,
      {
        fromExperimentId: baseline.experimentId,
        changes: { removed: [...baseline.params.removed, ...proposal.remove] },
        label: `removed ${describeTargets(proposal.remove)}`,
      },
    );
  }
  const fix = input.fixIds[0];
  return step(
    'verify-the-fix',
    'Fix it and re-run the same experiment',
    `The leak sits in ${implicated.map((entry) => entry.operator).join(', ') || 'the suspects left'}. Apply the fix and re-run run #${baseline.seq}'s experiment.`,
    fix
      ? { fromExperimentId: baseline.experimentId, changes: { fixes: [fix] }, label: `applied fix ${fix}` }
      : null,
  );
}

/** The run that completes the A/B/A proof next: the same experiment without the fix, or with it again. */
function proofAction(input: NextStepInput): NextStepAction | null {
  const [withFix, without] = input.proof.steps;
  const fix = input.proof.fixes[0];
  if (!fix) return null;
  const experimentOf = (runId: string | null | undefined) =>
    input.runs.find((run) => run.id === runId)?.experimentId ?? null;
  if (!without?.ok) {
    const from = experimentOf(withFix?.runId);
    return from ? act('remove-fix', `Run without fix ${fix}`, from, fix) : null;
  }
  const from = experimentOf(without.runId);
  return from ? act('apply-fix', `Apply fix ${fix} again and re-run`, from, fix) : null;
}
