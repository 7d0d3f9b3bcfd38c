import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestBackend } from '../test-backend';
import {
  createBaseline,
  derive,
  eventsOfKind,
  FIX,
  newInvestigation,
  newLabInvestigation,
  SCENARIO,
  SMALL,
  trail,
} from './test-lab';

let t: TestBackend;
let id: string;
beforeEach(async () => {
  ({ t, id } = await newLabInvestigation());
});
afterEach(() => t.dispose());

const OFF_HEAP = 'taskmanager.memory.task.off-heap.size';

describe('choosing the scenario', () => {
  it('records the choice and shows its first step', async () => {
    const lab = await t.call('lab.setScenario', { investigationId: id, scenarioId: SCENARIO });
    expect(lab.scenarioId).toBe(SCENARIO);
    expect(lab.nextStep.title).toBe('Make it fail');
    expect(lab.coverage.map((entry) => entry.status)).toEqual(Array(13).fill('untested'));
    const [chosen] = await eventsOfKind(t, id, 'investigation.scenario-chosen');
    expect(chosen).toMatchObject({ ruleId: 'understand-the-system', payload: { scenarioId: SCENARIO } });
    // Choosing it again changes nothing.
    await t.call('lab.setScenario', { investigationId: id, scenarioId: SCENARIO });
    expect(await eventsOfKind(t, id, 'investigation.scenario-chosen')).toHaveLength(1);
  });

  it('names the unknown scenario and the known ones', async () => {
    const error = await t.fail('lab.setScenario', { investigationId: id, scenarioId: 'no-such' });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(
      /^lab\.setScenario: scenarioId: there is no scenario 'no-such' \(known: .*offheap-map-leak/,
    );
  });

  it('is refused once the investigation has experiments', async () => {
    await createBaseline(t, id);
    const error = await t.fail('lab.setScenario', { investigationId: id, scenarioId: 'rpc-payload-spikes' });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'lab.setScenario: this investigation already has experiments on offheap-map-leak; start a new investigation for rpc-payload-spikes.',
    );
    expect((await t.call('lab.state', { investigationId: id })).scenarioId).toBe(SCENARIO);
  });
});

describe('memory settings', () => {
  it('previews the breakdown a configuration gives without writing anything', async () => {
    const before = (await trail(t, id)).length;
    const base = await t.call('lab.previewMemory', {
      scenarioId: SCENARIO,
      variant: null,
      configOverrides: {},
    });
    const more = await t.call('lab.previewMemory', {
      scenarioId: SCENARIO,
      variant: null,
      configOverrides: { [OFF_HEAP]: '1g' },
    });
    if (!base.ok || !more.ok) throw new Error('expected both previews to succeed');
    expect(more.config[OFF_HEAP]).toBe('1g');
    expect(more.memory.taskOffHeap).toBe(2 ** 30);
    expect(more.memory.maxDirectMemory).toBe(
      more.memory.frameworkOffHeap + more.memory.taskOffHeap + more.memory.network,
    );
    expect(more.memory.maxDirectMemory).toBeGreaterThan(base.memory.maxDirectMemory);
    expect((await trail(t, id)).length).toBe(before);
    expect(t.backend.store.db.prepare('SELECT count(*) AS n FROM audit_events').get()).toEqual({ n: 1 });
  });

  it('answers an invalid value with the message and the key, not an error', async () => {
    const preview = await t.call('lab.previewMemory', {
      scenarioId: SCENARIO,
      variant: null,
      configOverrides: { [OFF_HEAP]: 'lots' },
    });
    expect(preview).toEqual({
      ok: false,
      message: expect.stringContaining(`Could not parse value 'lots' for key '${OFF_HEAP}'`),
      keys: [OFF_HEAP],
    });
  });

  it('sets the overrides new experiments start from, on the record', async () => {
    const refused = await t.fail('lab.setConfigOverrides', { investigationId: id, configOverrides: {} });
    expect(refused).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/pick the scenario first/),
    });
    await t.call('lab.setScenario', { investigationId: id, scenarioId: SCENARIO });
    const lab = await t.call('lab.setConfigOverrides', {
      investigationId: id,
      configOverrides: { [OFF_HEAP]: '1g' },
    });
    expect(lab.configOverrides).toEqual({ [OFF_HEAP]: '1g' });
    const [edited] = await eventsOfKind(t, id, 'investigation.config-edited');
    expect(edited).toMatchObject({
      ruleId: 'check-the-plug',
      payload: { before: {}, after: { [OFF_HEAP]: '1g' }, maxDirectMemory: expect.any(Number) },
    });
    expect(edited!.payload.jvmArgs).toMatch(/-XX:MaxDirectMemorySize=/);
    const baseline = await t.call('experiments.create', {
      investigationId: id,
      parentId: null,
      params: { scenario: SCENARIO },
    });
    expect(baseline.params.configOverrides).toEqual({ [OFF_HEAP]: '1g' });
  });

  it('refuses overrides Flink would refuse, naming the key, and keeps the old ones', async () => {
    await t.call('lab.setScenario', { investigationId: id, scenarioId: SCENARIO });
    const error = await t.fail('lab.setConfigOverrides', {
      investigationId: id,
      configOverrides: { [OFF_HEAP]: 'lots' },
    });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/^lab\.setConfigOverrides: .*Could not parse value 'lots'/);
    expect(error.details).toEqual({ keys: [OFF_HEAP] });
    expect((await t.call('lab.state', { investigationId: id })).configOverrides).toEqual({});
    expect(await eventsOfKind(t, id, 'investigation.config-edited')).toEqual([]);
  });
});

describe('creating experiments', () => {
  it('creates the baseline with every default filled in, choosing the scenario on the way', async () => {
    const baseline = await t.call('experiments.create', {
      investigationId: id,
      parentId: null,
      params: { scenario: SCENARIO },
    });
    expect(baseline).toMatchObject({
      seq: 1,
      parentId: null,
      label: 'baseline',
      diff: [],
      createdBy: 'tester',
    });
    // Every field explicit, so the stored parameters alone reproduce the run.
    const scenario = (await t.call('scenarios.list', {})).find((each) => each.id === SCENARIO)!;
    const { failContainers, payloadSpikes, ...rest } = baseline.params;
    expect(rest).toEqual({
      scenario: SCENARIO,
      variant: null,
      removed: [],
      fixes: [],
      defects: {},
      control: false,
      pauseSink: [],
      hours: scenario.defaultHours,
      parallelism: scenario.defaultParallelism,
      seed: 1,
      configOverrides: {},
    });
    // The seed's schedule: containers shut down every 30 minutes.
    expect(failContainers.map((f) => f.atSec)).toEqual(Array.from({ length: 11 }, (_, i) => 1800 * (i + 1)));
    for (const f of failContainers) expect(f.count).toBeGreaterThanOrEqual(1);
    // And Layer 2's replay after each of them: large RPC payloads for a few minutes.
    expect(payloadSpikes.map((p) => p.fromSec)).toEqual(failContainers.map((f) => f.atSec));
    const kinds = (await trail(t, id)).map((event) => event.kind);
    expect(kinds).toEqual(['investigation.created', 'investigation.scenario-chosen', 'experiment.created']);
    const [created] = await eventsOfKind(t, id, 'experiment.created');
    expect(created).toMatchObject({
      ruleId: 'make-it-fail',
      payload: { experimentId: baseline.id, seq: 1, parentId: null, diff: [], params: baseline.params },
    });
  });

  it('derives an experiment with its exact diff and a label from it', async () => {
    const baseline = await createBaseline(t, id);
    const peeled = await derive(t, baseline, { removed: ['layer2', 'layer3'] });
    expect(peeled).toMatchObject({
      seq: 2,
      parentId: baseline.id,
      label: 'removed layer 2, layer 3',
      diff: [{ dimension: 'topology', description: 'removed layer 2, layer 3' }],
      multiChangeConfirmed: false,
    });
    const [, created] = await eventsOfKind(t, id, 'experiment.created');
    expect(created).toMatchObject({
      ruleId: 'divide-and-conquer',
      payload: { parentSeq: 1, label: 'removed layer 2, layer 3', multiChangeConfirmed: false },
    });
    // The preview says the same before anything is created, and writes nothing.
    const { changes } = await t.call('experiments.diff', {
      parentId: peeled.id,
      params: { ...peeled.params, removed: ['layer3'] },
    });
    expect(changes).toEqual([{ dimension: 'topology', description: 'restored layer 2' }]);
    expect((await t.call('lab.state', { investigationId: id })).experiments).toHaveLength(2);
  });

  it('stops an experiment that changes two things until it is confirmed, then records it so', async () => {
    const baseline = await createBaseline(t, id);
    const twoChanges = { removed: ['layer3'], pauseSink: [{ fromSec: 600, toSec: 900, slowdown: 0 }] };
    const error = await t.fail('experiments.create', {
      investigationId: id,
      parentId: baseline.id,
      params: { ...baseline.params, ...twoChanges },
    });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'This experiment changes 2 things from #1: removed layer 3; sink pause 600-900 s. ' +
        'Change one thing at a time, or confirm to record it as a step that changed several.',
    );
    expect(error.details).toEqual({
      changes: [
        { dimension: 'topology', description: 'removed layer 3' },
        { dimension: 'pauseSink', description: 'sink pause 600-900 s' },
      ],
    });
    expect((await t.call('lab.state', { investigationId: id })).experiments).toHaveLength(1);

    const confirmed = await derive(t, baseline, twoChanges, { confirmMultiChange: true });
    expect(confirmed.multiChangeConfirmed).toBe(true);
    expect(confirmed.label).toBe('removed layer 3; sink pause 600-900 s');
    const [, created] = await eventsOfKind(t, id, 'experiment.created');
    expect(created).toMatchObject({ ruleId: 'change-one-thing', payload: { multiChangeConfirmed: true } });
    const lab = await t.call('lab.state', { investigationId: id });
    expect(lab.warnings).toEqual([
      expect.objectContaining({ ruleId: 'change-one-thing', refs: [confirmed.id] }),
    ]);
  });

  it('records a confirmed experiment that changes one thing as a single change', async () => {
    const baseline = await createBaseline(t, id);
    const single = await derive(t, baseline, { removed: ['layer3'] }, { confirmMultiChange: true });
    expect(single.multiChangeConfirmed).toBe(false);
  });

  it('refuses a parent from another investigation', async () => {
    const other = await newInvestigation(t, 'Another incident');
    const foreign = await createBaseline(t, other);
    const error = await t.fail('experiments.create', {
      investigationId: id,
      parentId: foreign.id,
      params: foreign.params,
    });
    expect(error).toMatchObject({
      code: 'invalid-request',
      message: 'experiments.create: parentId: the parent belongs to another investigation.',
    });
  });

  it('refuses a hypothesis of another investigation', async () => {
    const other = await newInvestigation(t, 'Another incident');
    const hypothesis = await t.call('hypotheses.add', {
      investigationId: other,
      statement: 'Layer 3 leaks',
      ruleId: null,
    });
    const error = await t.fail('experiments.create', {
      investigationId: id,
      parentId: null,
      params: SMALL,
      hypothesisId: hypothesis.id,
    });
    expect(error.code).toBe('not-found');
  });

  it('names the field of a bad parameter', async () => {
    const error = await t.fail('experiments.create', {
      investigationId: id,
      parentId: null,
      params: { ...SMALL, failContainers: [{ atSec: 99_999, count: 1 }] },
    });
    expect(error).toEqual({
      code: 'invalid-request',
      message: 'experiments.create: params.failContainers[0].atSec: 99999 s is outside the run (0 to 7200 s)',
      details: { field: 'params.failContainers[0].atSec' },
    });
    const unknownLayer = await t.fail('experiments.create', {
      investigationId: id,
      parentId: null,
      params: { ...SMALL, removed: ['layer9'] },
    });
    expect(unknownLayer.details).toEqual({ field: 'params.removed[0]' });
    expect(unknownLayer.message).toMatch(/unknown operator or layer 'layer9'/);
    expect(await trail(t, id)).toHaveLength(1);
  });

  it('names the Flink key of a bad configuration value', async () => {
    const error = await t.fail('experiments.create', {
      investigationId: id,
      parentId: null,
      params: { ...SMALL, configOverrides: { [OFF_HEAP]: 'lots' } },
    });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(
      new RegExp(`^experiments\\.create: params\\.configOverrides\\.${OFF_HEAP.replaceAll('.', '\\.')}: `),
    );
    expect(error.details).toEqual({ field: `params.configOverrides.${OFF_HEAP}` });
  });

  it('refuses an experiment on another scenario than the investigation works on', async () => {
    await createBaseline(t, id);
    const error = await t.fail('experiments.create', {
      investigationId: id,
      parentId: null,
      params: { scenario: 'rpc-payload-spikes' },
    });
    expect(error.message).toBe(
      'experiments.create: params.scenario: this investigation works on offheap-map-leak, not rpc-payload-spikes.',
    );
  });

  it('applies and removes a fix as the one change of a derived experiment', async () => {
    const baseline = await createBaseline(t, id);
    const fixed = await t.call('fixes.apply', { experimentId: baseline.id, fixId: FIX, apply: true });
    expect(fixed).toMatchObject({
      parentId: baseline.id,
      params: { fixes: [FIX] },
      diff: [{ dimension: 'fixes', description: `applied fix ${FIX}` }],
    });
    const [applied] = await eventsOfKind(t, id, 'fix.applied');
    expect(applied).toMatchObject({
      ruleId: 'verify-the-fix',
      payload: { fixId: FIX, applied: true, fromSeq: 1, seq: 2, experimentId: fixed.id },
    });
    // Applying a fix is an experiment until a run verifies it.
    const lab = await t.call('lab.state', { investigationId: id });
    expect(lab.warnings.map((warning) => warning.ruleId)).toEqual(['verify-the-fix']);
    const unfixed = await t.call('fixes.apply', { experimentId: fixed.id, fixId: FIX, apply: false });
    expect(unfixed.params.fixes).toEqual([]);
    expect(unfixed.label).toBe(`removed fix ${FIX}`);
    const unknown = await t.fail('fixes.apply', { experimentId: baseline.id, fixId: 'reboot', apply: true });
    expect(unknown.message).toBe(
      "fixes.apply: fixId: offheap-map-leak has no fix 'reboot' (known: free-map-in-close).",
    );
  });
});
