// The checklist follows the evidence: which checklist items the investigation's runs, preflight and proof satisfy,
// with the runs that show it. Items with evidence are ticked for the user (once; a user's own choice stands).
import type { ChecklistEvidence, FixProof, OperatorCoverage, Preflight } from '../../contract/lab-entities';
import { completedRuns, isUnchangedCode, leakOutcome, type RunFacts } from './run-facts';

export interface EvidenceInput {
  scenarioId: string | null;
  runs: readonly RunFacts[];
  coverage: readonly OperatorCoverage[];
  proof: FixProof;
  preflight: Preflight | null;
  experimentsWithMultipleChanges: number;
  experimentCount: number;
}

const runRef = (run: RunFacts) => `run #${run.seq}`;

export function checklistEvidence(input: EvidenceInput): ChecklistEvidence[] {
  const out: ChecklistEvidence[] = [];
  const add = (itemId: string, description: string, runs: readonly RunFacts[] = []) =>
    out.push({ itemId, description, runIds: runs.map((run) => run.id) });
  const done = completedRuns(input.runs);
  const first = <T>(list: readonly T[]) => list[0];

  if (input.scenarioId)
    add('understand.topology', `scenario ${input.scenarioId}: topology diagram with memory per operator`);
  if (input.preflight)
    add('understand.memory-model', 'memory breakdown derived and checked in the preflight');

  const restarted = done.filter((run) => run.shutdownsFired > 0);
  if (restarted.length > 0)
    add('fail.restarts', `${runRef(restarted[0]!)} shut containers down ${restarted[0]!.shutdownsFired}×`, [
      restarted[0]!,
    ]);
  const paused = done.filter((run) => run.sinkPausesFired > 0);
  if (paused.length > 0) add('fail.back-pressure', `${runRef(paused[0]!)} paused the sink`, [paused[0]!]);
  const failing = done.filter(
    (run) => !run.params.control && isUnchangedCode(run) && (run.ooms > 0 || leakOutcome(run) === 'leak'),
  );
  const reproduced = first(failing);
  if (reproduced) {
    add('fail.reproduced', `${runRef(reproduced)}: ${reproduced.ooms} OOMs, verdict ${reproduced.verdict}`, [
      reproduced,
    ]);
    add('fail.fast', `${runRef(reproduced)} reproduced it in ${reproduced.params.hours} simulated hours`, [
      reproduced,
    ]);
  }

  const firstDone = first(done);
  if (firstDone)
    add('look.direct-graph', `direct memory per TaskManager of ${runRef(firstDone)}`, [firstDone]);
  const staircase = done.find((run) => leakOutcome(run) === 'leak' && (run.retainedBytesPerRestart ?? 0) > 0);
  if (staircase)
    add('look.staircase', `${runRef(staircase)} retains memory after every restart`, [staircase]);
  if (paused.length > 0)
    add('look.back-pressure', `back-pressure heat map of ${runRef(paused[0]!)}`, [paused[0]!]);
  if (done.some((run) => run.ooms > 0)) {
    const withOoms = done.find((run) => run.ooms > 0)!;
    add('look.events', `OOM messages in the events of ${runRef(withOoms)}`, [withOoms]);
  }

  const control = done.find((run) => run.params.control);
  if (control) add('divide.control', `control job ${runRef(control)}: ${control.verdict}`, [control]);
  const peeled = done.filter((run) => run.params.removed.length > 0 && !run.params.control);
  if (peeled.length > 0)
    add('divide.peeled', `${peeled.length} runs with layers or operators removed`, peeled);
  const implicated = input.coverage.filter((entry) => entry.status === 'implicated');
  const implicatedLayers = new Set(implicated.map((entry) => entry.layer));
  if (implicated.length > 0 && implicatedLayers.size === 1) {
    add(
      'divide.isolated',
      `the leak sits in ${implicated.length === 1 ? implicated[0]!.operator : [...implicatedLayers][0]}`,
      done.filter((run) => implicated.some((entry) => entry.runIds.includes(run.id))),
    );
  }

  if (input.experimentCount >= 2 && input.experimentsWithMultipleChanges === 0) {
    add(
      'one-change.single-diff',
      `all ${input.experimentCount} experiments change one thing from their parent`,
    );
  }
  const firstCheck = (id: string) => input.preflight?.checks.find((check) => check.id === id && check.ok);
  const plugItems: [string, string][] = [
    ['config', 'plug.memory-settings'],
    ['metric', 'plug.right-metric'],
    ['schedule', 'plug.failures-fired'],
    ['baseline', 'plug.baseline'],
    ['gc-flags', 'plug.gc-flags'],
  ];
  for (const [checkId, itemId] of plugItems) {
    const check = firstCheck(checkId);
    if (check) add(itemId, `preflight: ${check.detail}`);
  }

  const fixed = input.proof.steps[0];
  if (fixed?.ok && fixed.runId) {
    const run = done.find((r) => r.id === fixed.runId);
    if (run)
      add('verify.same-experiment', `${runRef(run)} with ${input.proof.fixes.join(', ')}: ${run.verdict}`, [
        run,
      ]);
  }
  if (input.proof.complete) {
    add(
      'verify.ab-ab',
      'A/B/A: with the fix flat, without it the staircase, with it again flat',
      done.filter((run) => input.proof.steps.some((step) => step.runId === run.id)),
    );
  }
  return out;
}
