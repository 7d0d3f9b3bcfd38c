// The worked example: the seed's story, solved step by step through the same calls a user makes (every
// experiment, run, note, hypothesis and audit event is real), so a newcomer can see what a finished
// investigation looks like: make it fail, run a control, peel layers, isolate layer 3, peel inside it to the
// operator, fix, prove A/B/A, resolve.
import type { ChannelName, RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import type { RunSummary } from '../../../../shared/contract/lab-entities';
import type { RuleId } from '../../../../shared/domain/rules';

/** A run's summary as a sentence in a note: one closing period, never two ("TaskManagers).."). */
function sentenceEnd(summary: string | null): string {
  const text = (summary ?? '').trimEnd();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
export interface SampleDriver {
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Resolves once the run's outcome is stored. */
  awaitRun(runId: string): Promise<void>;
  /** Told before each step, for progress. */
  onStep?(step: string, index: number, total: number): void;
}

export const SAMPLE_TITLE = 'Worked example: direct-memory OOMs in the ads pipeline';
const SCENARIO = 'offheap-map-leak';
const FIX = 'free-map-in-close';
const TOTAL_STEPS = 16;

export async function createSampleInvestigation(
  driver: SampleDriver,
  startedAt: number,
  onCreated?: (investigationId: string) => void,
): Promise<string> {
  let step = 0;
  const progress = (label: string) => driver.onStep?.(label, ++step, TOTAL_STEPS);
  const { call } = driver;

  progress('Opening the investigation');
  const investigation = await call('investigations.create', {
    title: SAMPLE_TITLE,
    summary:
      'Since the cluster consolidation, tasks of the ads reporting job fail with `java.lang.OutOfMemoryError: Cannot reserve … bytes of direct buffer memory`, ' +
      'often in network or RPC buffers, with back pressure on several operators. Automatic restarts hide it until the pages pile up.',
    startedAt,
  });
  const id = investigation.id;
  onCreated?.(id);
  const note = (ruleId: RuleId | null, body: string) =>
    call('notes.add', { investigationId: id, ruleId, body });
  const tick = (itemId: string) => call('checklist.set', { investigationId: id, itemId, ticked: true });
  const run = async (experimentId: string): Promise<RunSummary> => {
    const started = await call('runs.start', { experimentId });
    await driver.awaitRun(started.id);
    const lab = await call('lab.state', { investigationId: id });
    return lab.experiments.flatMap((e) => e.runs).find((r) => r.id === started.id)!;
  };

  progress('Understanding the system');
  await call('lab.setScenario', { investigationId: id, scenarioId: SCENARIO });
  await note(
    'understand-the-system',
    'Three layers: Kafka sources and deserializers; a join, a transform and **KV-store enrichment over Thrift RPC** (large `DirectByteBuffer`s); ' +
      'then aggregation, **currency conversion with an off-heap exchange-rate map** refreshed from a downloaded file, and the Druid sink.',
  );
  await tick('understand.lifecycle');
  await note(
    'keep-an-audit-trail',
    'Band-aid while we look: task off-heap and network memory raised from 2G to 5G on the production job. Remove it once fixed.',
  );
  await tick('audit.mitigation');

  progress('Creating the baseline: containers shut down every 30 minutes');
  const baseline = await call('experiments.create', {
    investigationId: id,
    parentId: null,
    params: { scenario: SCENARIO },
  });
  await call('lab.preflight', { investigationId: id, experimentId: baseline.id });

  progress('Making it fail: the baseline run');
  const baselineRun = await run(baseline.id);
  await note(
    'quit-thinking-and-look',
    `Baseline (run #${baselineRun.seq}): ${sentenceEnd(baselineRun.summary)} Direct memory steps up at every restart on the TaskManagers that were not replaced, then the OOMs start.`,
  );

  progress('Hypotheses from what we saw');
  const rpcHypothesis = await call('hypotheses.add', {
    investigationId: id,
    statement: "Layer 2's Thrift RPC buffers leak: with layer 3 removed, the staircase remains",
    ruleId: 'divide-and-conquer',
    predicts: 'leak',
  });
  const mapHypothesis = await call('hypotheses.add', {
    investigationId: id,
    statement: "Layer 3's off-heap map leaks: with layer 2 removed, the staircase remains",
    ruleId: 'divide-and-conquer',
    predicts: 'leak',
  });

  progress('Platform or application? The control job');
  const control = await call('experiments.create', {
    investigationId: id,
    parentId: baseline.id,
    params: { ...baseline.params, control: true },
  });
  const controlRun = await run(control.id);
  await note(
    'divide-and-conquer',
    `Control job (run #${controlRun.seq}): ${sentenceEnd(controlRun.summary)} The platform does not leak: it is our code.`,
  );

  progress('Peeling layer 2, layer 3');
  const peeled = await call('experiments.create', {
    investigationId: id,
    parentId: baseline.id,
    params: { ...baseline.params, removed: ['layer2', 'layer3'] },
  });
  const peeledRun = await run(peeled.id);

  progress('Restoring layer 2 (layer 3 still removed)');
  const withoutLayer3 = await call('experiments.create', {
    investigationId: id,
    parentId: peeled.id,
    params: { ...baseline.params, removed: ['layer3'] },
    hypothesisId: rpcHypothesis.id,
  });
  const withoutLayer3Run = await run(withoutLayer3.id);
  await note(
    'divide-and-conquer',
    `Layer 2, layer 3 removed (run #${peeledRun.seq}): ${peeledRun.verdict}. Layer 3 removed (run #${withoutLayer3Run.seq}): ${sentenceEnd(withoutLayer3Run.summary)} ` +
      "A minor blip after each restart (Layer 2's large RPC payloads, freed by the next young GCs) but no staircase: the RPC buffers were a red herring.",
  );

  progress('Isolating layer 3 (layer 2 removed)');
  const withoutLayer2 = await call('experiments.create', {
    investigationId: id,
    parentId: baseline.id,
    params: { ...baseline.params, removed: ['layer2'] },
    hypothesisId: mapHypothesis.id,
  });
  const withoutLayer2Run = await run(withoutLayer2.id);
  await call('comparisons.open', {
    investigationId: id,
    runIds: [baselineRun.id, peeledRun.id, withoutLayer3Run.id, withoutLayer2Run.id],
    mode: 'overlay',
    metric: 'direct',
  });

  progress('Peeling inside layer 3: without currency-convert');
  // Layer 3 alone still leaks; which of its operators? The one holding the off-heap map comes out first.
  const operatorHypothesis = await call('hypotheses.add', {
    investigationId: id,
    statement:
      "currency-convert's exchange-rate map is what leaks in layer 3: with it removed as well, the staircase goes",
    ruleId: 'divide-and-conquer',
    predicts: 'no-leak',
  });
  const withoutConverter = await call('experiments.create', {
    investigationId: id,
    parentId: withoutLayer2.id,
    params: { ...withoutLayer2.params, removed: ['layer2', 'currency-convert'] },
    hypothesisId: operatorHypothesis.id,
  });
  const withoutConverterRun = await run(withoutConverter.id);
  await note(
    'divide-and-conquer',
    `Layer 2 removed (run #${withoutLayer2Run.seq}): ${sentenceEnd(withoutLayer2Run.summary)} ` +
      `Layer 2 and currency-convert removed (run #${withoutConverterRun.seq}): ${sentenceEnd(withoutConverterRun.summary)} ` +
      'The rest of layer 3 does not leak without it: the culprit is currency-convert.',
  );

  progress('A fresh view');
  await note(
    'get-a-fresh-view',
    "Walked the platform team through it: on a task failure the JVM stays up and Flink calls close(), then open() after the restart. Anything close() doesn't free outlives the task.",
  );
  await tick('fresh.explained');
  await tick('fresh.platform-expert');

  progress('The fix, on the experiment that made it fail');
  await note(
    'verify-the-fix',
    '`currency-convert` dropped its reference to the exchange-rate map in `close()` without freeing it. Fix: `map.close()` before dropping the reference.',
  );
  const fixed = await call('fixes.apply', { experimentId: baseline.id, fixId: FIX, apply: true });
  const fixedRun = await run(fixed.id);

  progress('Without the fix: does it come back?');
  const unfixed = await call('fixes.apply', { experimentId: fixed.id, fixId: FIX, apply: false });
  await run(unfixed.id);

  progress('With the fix again');
  const refixed = await call('fixes.apply', { experimentId: unfixed.id, fixId: FIX, apply: true });
  const refixedRun = await run(refixed.id);
  await call('comparisons.open', {
    investigationId: id,
    runIds: [baselineRun.id, fixedRun.id, refixedRun.id],
    mode: 'multiples',
    metric: 'direct',
  });

  progress('Resolving with the A/B/A proof');
  await call('investigations.resolve', {
    investigationId: id,
    reason:
      'currency-convert (layer 3) leaked its off-heap exchange-rate map on every restart (close() dropped the reference without freeing it): ' +
      'layer 3 alone kept the staircase and lost it once currency-convert was removed as well. ' +
      'Fixed by freeing the map in close(); proven A/B/A on the experiment that made it fail.',
  });
  await call('checklist.set', { investigationId: id, itemId: 'verify.mitigation-removed', ticked: true });
  progress('Done');
  return id;
}
