// The checklist follows the evidence: which checklist items the investigation's runs, preflight and experiments
// satisfy, each with the audit event that proves it. Peel ticks an item only for a fact the trail records (a run
// shut containers down, a control job ran flat, the A/B/A proof holds); an item that asks for a person's judgement
// (read the OOM messages, looked at the graph) is only suggested, pointing at what to look at.
import type {
  ChecklistEvidence,
  EvidenceSource,
  FixProof,
  OperatorCoverage,
  Preflight,
} from '../../contract/lab-entities';
import { plural } from '../plural';
import { ListedRuns, type RunQuery, scheduled } from './evidence-runs';
import type { RunFacts } from './run-facts';

export interface EvidenceInput {
  scenarioId: string | null;
  runs: readonly RunFacts[];
  coverage: readonly OperatorCoverage[];
  proof: FixProof;
  preflight: Preflight | null;
  experimentsWithMultipleChanges: number;
  experimentCount: number;
  /** The newest experiment, whose creation proves the single-diff item; null with none. */
  lastExperimentId?: string | null;
}

/**
 * Every checklist item the evidence can tick (the rest are only suggested). The tick of an item depends only on
 * its own inputs, so a caller that knows which of these are already set can leave out the inputs only they need.
 */
export const TICKABLE_ITEMS = [
  'fail.restarts',
  'fail.back-pressure',
  'fail.reproduced',
  'fail.fast',
  'look.staircase',
  'divide.control',
  'divide.peeled',
  'divide.isolated',
  'one-change.single-diff',
  'plug.memory-settings',
  'plug.gc-flags',
  'plug.failures-fired',
  'plug.baseline',
  'verify.same-experiment',
  'verify.ab-ab',
] as const;

export type TickableItem = (typeof TICKABLE_ITEMS)[number];

/** Items whose evidence reads the coverage map, and those that read the fix proof. */
export const COVERAGE_ITEMS: readonly TickableItem[] = ['divide.isolated'];
export const PROOF_ITEMS: readonly TickableItem[] = ['verify.same-experiment', 'verify.ab-ab'];

const runRef = (run: RunFacts) => `run #${run.seq}`;
const fromRun = (run: RunFacts): EvidenceSource => ({ kind: 'run.completed', subjectId: run.id });
const FROM_PREFLIGHT: EvidenceSource = { kind: 'experiment.preflight', subjectId: null };

export function checklistEvidence(input: EvidenceInput): ChecklistEvidence[] {
  const { runs, ...rest } = input;
  return evidenceOf(new ListedRuns(runs), rest);
}

/**
 * The evidence from answers about the runs (evidence-runs.ts): from the runs themselves, or from a fold of them
 * kept up to date (evidence-fold.ts), which costs the same however many runs were folded, except where a tick
 * names every run behind it (the first time it is made).
 */
export function evidenceOf(runs: RunQuery, input: Omit<EvidenceInput, 'runs'>): ChecklistEvidence[] {
  const out: ChecklistEvidence[] = [];
  const entry = (
    mode: ChecklistEvidence['mode'],
    itemId: string,
    description: string,
    source: EvidenceSource | null,
    named: readonly RunFacts[],
  ) => out.push({ itemId, description, runIds: named.map((run) => run.id), mode, source, eventSeq: null });
  const tick = (
    itemId: TickableItem,
    description: string,
    source: EvidenceSource,
    named: readonly RunFacts[] = [],
  ) => entry('tick', itemId, description, source, named);
  const suggest = (
    itemId: string,
    description: string,
    source: EvidenceSource | null,
    named: readonly RunFacts[] = [],
  ) => entry('suggest', itemId, description, source, named);
  const last = <T>(list: readonly T[]) => list[list.length - 1];

  if (input.scenarioId)
    suggest(
      'understand.topology',
      `the topology of ${input.scenarioId} is drawn in the lab: go through every operator, its layer and its memory`,
      null,
    );
  if (input.preflight)
    suggest(
      'understand.memory-model',
      'the preflight derived the memory breakdown: check the direct-memory limit against the config',
      FROM_PREFLIGHT,
    );

  const restarted = runs.first('restarted');
  if (restarted)
    tick(
      'fail.restarts',
      `${runRef(restarted)} shut containers down ${restarted.shutdownsFired}×`,
      fromRun(restarted),
      [restarted],
    );
  const paused = runs.first('paused');
  if (paused) tick('fail.back-pressure', `${runRef(paused)} paused the sink`, fromRun(paused), [paused]);
  const reproduced = runs.first('reproduced');
  if (reproduced) {
    tick(
      'fail.reproduced',
      `${runRef(reproduced)}: ${plural(reproduced.ooms, 'OOM')}, verdict ${reproduced.verdict}`,
      fromRun(reproduced),
      [reproduced],
    );
    tick(
      'fail.fast',
      `${runRef(reproduced)} reproduced it in ${reproduced.params.hours} simulated hours`,
      fromRun(reproduced),
      [reproduced],
    );
  }

  const firstDone = runs.first('done');
  if (firstDone)
    suggest('look.direct-graph', `open the direct-memory graph of ${runRef(firstDone)}`, fromRun(firstDone), [
      firstDone,
    ]);
  const staircase = runs.first('staircase');
  if (staircase)
    tick(
      'look.staircase',
      `${runRef(staircase)} measured the memory retained after every restart`,
      fromRun(staircase),
      [staircase],
    );
  if (paused)
    suggest('look.back-pressure', `open the back-pressure heat map of ${runRef(paused)}`, fromRun(paused), [
      paused,
    ]);
  const withOoms = runs.first('withOoms');
  if (withOoms)
    suggest(
      'look.events',
      `read the ${withOoms.ooms} OOM messages in the events table of ${runRef(withOoms)}`,
      fromRun(withOoms),
      [withOoms],
    );

  const control = runs.first('control');
  if (control)
    tick('divide.control', `control job ${runRef(control)}: ${control.verdict}`, fromRun(control), [control]);
  const peeled = runs.peeled;
  if (peeled.length > 0)
    tick(
      'divide.peeled',
      `${peeled.length} run${peeled.length === 1 ? '' : 's'} with layers or operators removed`,
      fromRun(last(peeled)!),
      peeled,
    );
  const implicated = input.coverage.filter((c) => c.status === 'implicated');
  const implicatedLayers = new Set(implicated.map((c) => c.layer));
  if (implicated.length > 0 && implicatedLayers.size === 1) {
    const showing = runs.completedAmong(new Set(implicated.flatMap((c) => c.runIds)));
    const newest = last(showing);
    if (newest)
      tick(
        'divide.isolated',
        `the leak sits in ${implicated.length === 1 ? implicated[0]!.operator : [...implicatedLayers][0]}`,
        fromRun(newest),
        showing,
      );
  }

  if (input.experimentCount >= 2 && input.experimentsWithMultipleChanges === 0 && input.lastExperimentId) {
    tick(
      'one-change.single-diff',
      `all ${plural(input.experimentCount, 'experiment')} change one thing from their parent`,
      { kind: 'experiment.created', subjectId: input.lastExperimentId },
    );
  }

  const passed = (id: string) => input.preflight?.checks.find((check) => check.id === id && check.ok);
  const config = passed('config');
  if (config) tick('plug.memory-settings', `preflight: ${config.detail}`, FROM_PREFLIGHT);
  const gcFlags = passed('gc-flags');
  if (gcFlags) tick('plug.gc-flags', `preflight: ${gcFlags.detail}`, FROM_PREFLIGHT);
  if (input.preflight)
    suggest(
      'plug.right-metric',
      'the graphs read direct memory (Status.JVM.Memory.Direct.MemoryUsed): confirm it is the metric you meant',
      FROM_PREFLIGHT,
    );
  const fired = runs.first('fired');
  if (fired) {
    const asked = scheduled(fired);
    tick(
      'plug.failures-fired',
      `${runRef(fired)}: all ${asked.shutdowns} scheduled container shutdowns fired${asked.pauses > 0 ? ` and all ${asked.pauses} sink pauses began` : ''}`,
      fromRun(fired),
      [fired],
    );
  }
  const baseline = runs.first('baseline');
  if (baseline)
    tick(
      'plug.baseline',
      `${runRef(baseline)} ran the job as written: ${baseline.verdict}`,
      fromRun(baseline),
      [baseline],
    );

  const fixed = input.proof.steps[0];
  const fixedRun = fixed?.ok && fixed.runId ? runs.completedRun(fixed.runId) : undefined;
  if (fixedRun)
    tick(
      'verify.same-experiment',
      `${runRef(fixedRun)} with ${input.proof.fixes.join(', ')}: ${fixedRun.verdict}`,
      fromRun(fixedRun),
      [fixedRun],
    );
  if (input.proof.complete) {
    const proofRuns = runs.completedAmong(
      new Set(input.proof.steps.flatMap((step) => (step.runId ? [step.runId] : []))),
    );
    const closing = last(proofRuns);
    if (closing)
      tick(
        'verify.ab-ab',
        'A/B/A: with the fix flat, without it the staircase, with it again flat',
        fromRun(closing),
        proofRuns,
      );
  }
  return out;
}
