import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../../shared/contract/events';
import type { ExperimentParams } from '../../../../shared/contract/lab-entities';
import { OPERATOR_METRICS, parseSeriesKey } from '../../../../shared/domain/lab/series-keys';
import { runSimulation } from '../../../../shared/sim/engine/simulation';
import type { TestBackend } from '../test-backend';
import { recordRunStart } from './runs';
import {
  awaitRun,
  createBaseline,
  derive,
  eventsOfKind,
  newLabInvestigation,
  runToEnd,
  SMALL,
  storedRun,
} from './test-lab';

let t: TestBackend;
let id: string;
beforeEach(async () => {
  ({ t, id } = await newLabInvestigation());
});
afterEach(() => t.dispose());

const DIRECT = 'Status.JVM.Memory.Direct.MemoryUsed';
const pushed = <N extends PushEvent['name']>(name: N) =>
  t.events.filter((event): event is Extract<PushEvent, { name: N }> => event.name === name);

/** The stored series of a run, decoded, by key. */
function storedSeries(runId: string): Map<string, Float32Array> {
  const keys = t.backend.store.runs.listSeriesKeys(runId);
  return new Map(keys.map((key) => [key, t.backend.store.runs.getSeries(runId, key)!.values]));
}

const bytesOf = (values: Float32Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

describe('running an experiment', () => {
  it('reports progress, then stores the outcome, its series and its audit events', async () => {
    const baseline = await createBaseline(t, id);
    const started = await t.call('runs.start', { experimentId: baseline.id });
    expect(started).toMatchObject({ seq: 1, status: 'running', startedBy: 'tester', verdict: null });
    expect(started.durationSec).toBe(7200);
    await awaitRun(t, started.id);

    const progress = pushed('run.progress').map((event) => event.payload);
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) expect(p).toMatchObject({ runId: started.id, investigationId: id });
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    const [finished] = pushed('run.finished');
    expect(finished?.payload).toMatchObject({
      investigationId: id,
      run: { id: started.id, status: 'completed' },
    });
    expect(t.events.findIndex((e) => e.name === 'run.finished')).toBeGreaterThan(
      t.events.findLastIndex((e) => e.name === 'run.progress'),
    );

    const run = await storedRun(t, started.id);
    expect(run).toMatchObject({ status: 'completed', finishedAt: expect.any(Number), error: null });
    expect(run.verdict).toMatch(/^(leak|sawtooth)$/);
    expect(run.restarts).toBeGreaterThan(0);
    expect(run.summary).toMatch(/^Direct memory: /);

    const detail = await t.call('runs.get', { runId: started.id });
    const keys = detail.seriesKeys.map((key) => parseSeriesKey(key)!);
    const tmIds = detail.taskManagers.map((tm) => tm.id);
    expect(tmIds).toEqual(['tm-1', 'tm-2']);
    for (const tm of tmIds) expect(detail.seriesKeys).toContain(`tm/${tm}/${DIRECT}`);
    const opKeys = keys.filter((key) => key.scope === 'op');
    for (const op of detail.plan.operators)
      for (const metric of OPERATOR_METRICS)
        expect(opKeys).toContainEqual({ scope: 'op', owner: op.id, metric });
    expect(new Set(keys.map((key) => key.owner))).toEqual(
      new Set([...tmIds, ...detail.plan.operators.map((op) => op.id)]),
    );

    const [startedEvent] = await eventsOfKind(t, id, 'run.started');
    expect(startedEvent?.payload).toEqual({
      runId: started.id,
      seq: 1,
      experimentId: baseline.id,
      experimentSeq: 1,
      seed: 1,
      params: baseline.params,
    });
    const [completed] = await eventsOfKind(t, id, 'run.completed');
    expect(completed?.payload).toMatchObject({
      runId: started.id,
      seq: 1,
      seed: 1,
      durationSec: 7200,
      restarts: run.restarts,
      ooms: run.ooms,
      summary: run.summary,
    });
    const [verdict] = await eventsOfKind(t, id, 'verdict.recorded');
    expect(verdict).toMatchObject({
      ruleId: 'quit-thinking-and-look',
      payload: {
        runId: started.id,
        verdict: run.verdict,
        retainedBytesPerRestart: run.retainedBytesPerRestart,
      },
    });
  });

  it('gives bit-identical series when the same experiment runs again', async () => {
    const baseline = await createBaseline(t, id);
    const first = await runToEnd(t, baseline.id);
    const second = await runToEnd(t, baseline.id);
    expect(second.seq).toBe(2);
    const a = storedSeries(first.id);
    const b = storedSeries(second.id);
    expect([...b.keys()]).toEqual([...a.keys()]);
    // Stored lean: the kept series (direct memory per TaskManager, back pressure per operator) are on disk.
    expect(a.size).toBeGreaterThan(10);
    expect(t.backend.store.runs.derivation(second.id)?.keys).toEqual(
      t.backend.store.runs.derivation(first.id)?.keys,
    );
    for (const [key, values] of a) expect(bytesOf(b.get(key)!).equals(bytesOf(values)), key).toBe(true);
    expect(second).toMatchObject({
      verdict: first.verdict,
      restarts: first.restarts,
      ooms: first.ooms,
      peakDirectBytes: first.peakDirectBytes,
    });
  });

  it("reproduces a run from nothing but its audit trail's payload", async () => {
    const baseline = await createBaseline(t, id);
    const peeled = await derive(t, baseline, { removed: ['layer3'] });
    const run = await runToEnd(t, peeled.id);
    const started = (await eventsOfKind(t, id, 'run.started')).find((e) => e.payload.runId === run.id)!;
    // The trail went through JSON; the simulator takes it as it is.
    const replay = runSimulation(JSON.parse(JSON.stringify(started.payload.params)) as ExperimentParams);
    const stored = storedSeries(run.id);
    for (const tm of replay.taskManagers) {
      const key = `tm/${tm.id}/${DIRECT}`;
      expect(bytesOf(stored.get(key)!).equals(bytesOf(Float32Array.from(tm.series[DIRECT as never])))).toBe(
        true,
      );
    }
    expect(replay.analysis.verdict).toBe(run.verdict);
  });

  it('cancels a run: nothing stored but the cancellation', async () => {
    const baseline = await createBaseline(t, id);
    const started = await t.call('runs.start', { experimentId: baseline.id });
    const cancelled = await t.call('runs.cancel', { runId: started.id });
    expect(cancelled).toMatchObject({ id: started.id, status: 'cancelled', error: 'The run was cancelled.' });
    await awaitRun(t, started.id);
    expect(t.backend.store.runs.get(started.id)?.status).toBe('cancelled');
    expect(t.backend.store.runs.listSeriesKeys(started.id)).toEqual([]);
    expect(await eventsOfKind(t, id, 'run.cancelled')).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ runId: started.id, seq: 1 }) }),
    ]);
    expect(await eventsOfKind(t, id, 'run.completed')).toEqual([]);
    expect(await eventsOfKind(t, id, 'verdict.recorded')).toEqual([]);
    expect(pushed('run.finished').map((e) => e.payload.run.status)).toEqual(['cancelled']);
    const error = await t.fail('runs.get', { runId: started.id });
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'runs.get: run #1 is cancelled; only completed runs have results.',
    });
    // Cancelling a run that has ended changes nothing.
    expect((await t.call('runs.cancel', { runId: started.id })).status).toBe('cancelled');
    expect(await eventsOfKind(t, id, 'run.cancelled')).toHaveLength(1);
  });

  it('marks a run left running by a crash as failed at the next start, on the record', async () => {
    const baseline = await createBaseline(t, id);
    // Recorded as started, never finished: what a Peel killed mid-run leaves behind.
    const runId = recordRunStart(t.backend.context, t.backend.store.experiments.get(baseline.id)!);
    t = t.reopen();
    const run = t.backend.store.runs.get(runId)!;
    expect(run).toMatchObject({
      status: 'failed',
      error: 'Peel stopped while this run was in progress; run it again.',
    });
    const [failed] = await eventsOfKind(t, id, 'run.failed');
    expect(failed?.payload).toMatchObject({ runId, seq: 1, experimentId: baseline.id });
    // Once is enough: opening again finds nothing left running.
    t = t.reopen();
    expect(await eventsOfKind(t, id, 'run.failed')).toHaveLength(1);
  });

  it('survives Peel closing mid-run: the run is failed when it opens again', async () => {
    const baseline = await createBaseline(t, id);
    const started = await t.call('runs.start', { experimentId: baseline.id });
    const inFlight = t.backend.context.lab.jobs.get(started.id)!.stored;
    t = t.reopen();
    // Nothing left to store it in: the run's end settles quietly (no unhandled rejection in the app).
    await expect(inFlight).resolves.toBeUndefined();
    expect(t.backend.store.runs.get(started.id)).toMatchObject({
      status: 'failed',
      error: 'Peel stopped while this run was in progress; run it again.',
    });
  });
});

describe('hypotheses tested by a run', () => {
  async function hypothesis(predicts: 'leak' | 'no-leak', statement = "Layer 3's map leaks") {
    return t.call('hypotheses.add', {
      investigationId: id,
      statement,
      ruleId: 'divide-and-conquer',
      predicts,
    });
  }
  const current = async (hypothesisId: string) =>
    (await t.call('investigations.get', { id })).hypotheses.find((h) => h.id === hypothesisId)!;

  it('are supported or refuted by the run of their experiment, on the record', async () => {
    const remains = await hypothesis('leak');
    const goes = await hypothesis('no-leak', 'The full job does not leak');
    const baseline = await createBaseline(t, id);
    const again = await derive(t, baseline, {}, { hypothesisId: goes.id });
    const bound = await derive(t, baseline, { seed: 2 }, { hypothesisId: remains.id });
    const run = await runToEnd(t, bound.id);
    expect(await current(remains.id)).toMatchObject({
      status: 'supported',
      decidedByRunId: run.id,
      decidedAutomatically: true,
      reason: `Run #1: ${run.summary?.replace(/\.$/, '')}; predicted the leak to remain.`,
    });
    // The other hypothesis is bound to another experiment: this run does not decide it.
    expect((await current(goes.id)).status).toBe('open');
    const refuting = await runToEnd(t, again.id);
    expect(await current(goes.id)).toMatchObject({ status: 'refuted', decidedByRunId: refuting.id });
    const changes = await eventsOfKind(t, id, 'hypothesis.status-changed');
    expect(
      changes.map((e) => [e.payload.hypothesisId, e.payload.from, e.payload.to, e.payload.automatic]),
    ).toEqual([
      [remains.id, 'open', 'supported', true],
      [goes.id, 'open', 'refuted', true],
    ]);
  });

  it('are left inconclusive by a run that was never restarted', async () => {
    const h = await hypothesis('no-leak', 'Without shutdowns nothing leaks');
    const calm = await createBaseline(t, id, { ...SMALL, failContainers: [] });
    const bound = await derive(t, calm, { seed: 3 }, { hypothesisId: h.id });
    await runToEnd(t, bound.id);
    expect(await current(h.id)).toMatchObject({ status: 'inconclusive', decidedAutomatically: true });
  });

  it("leave a person's own decision standing", async () => {
    const h = await hypothesis('no-leak');
    const baseline = await createBaseline(t, id);
    const bound = await derive(t, baseline, { seed: 2 }, { hypothesisId: h.id });
    await runToEnd(t, bound.id);
    expect((await current(h.id)).status).toBe('refuted');
    await t.call('hypotheses.setStatus', {
      hypothesisId: h.id,
      status: 'inconclusive',
      reason: 'Two TaskManagers are too few to say',
    });
    await runToEnd(t, bound.id);
    expect(await current(h.id)).toMatchObject({
      status: 'inconclusive',
      reason: 'Two TaskManagers are too few to say',
      decidedAutomatically: false,
    });
    expect(await eventsOfKind(t, id, 'hypothesis.status-changed')).toHaveLength(2);
  });

  it('are not decided when they predict nothing', async () => {
    const h = await t.call('hypotheses.add', {
      investigationId: id,
      statement: 'Something leaks',
      ruleId: null,
    });
    const baseline = await createBaseline(t, id);
    const bound = await derive(t, baseline, { seed: 2 }, { hypothesisId: h.id });
    await runToEnd(t, bound.id);
    expect((await current(h.id)).status).toBe('open');
  });
});

describe('the checklist follows the evidence', () => {
  const ticked = async (itemId: string) =>
    (await t.call('investigations.get', { id })).checklist.find((tick) => tick.itemId === itemId);

  it('ticks items a run satisfies, once, and never again after the user unticks them', async () => {
    const baseline = await createBaseline(t, id);
    const run = await runToEnd(t, baseline.id);
    expect(await ticked('fail.restarts')).toMatchObject({
      ticked: true,
      by: 'tester',
      ruleId: 'make-it-fail',
    });
    const ticks = await eventsOfKind(t, id, 'checklist.ticked');
    const restarts = ticks.find((e) => e.payload.itemId === 'fail.restarts');
    const [completed] = await eventsOfKind(t, id, 'run.completed');
    expect(restarts?.payload).toMatchObject({
      auto: true,
      evidence: expect.stringMatching(/^run #1 shut containers down \d+×$/),
      runIds: [run.id],
      evidenceEventSeq: completed!.seq,
    });
    expect(ticks.map((e) => e.payload.itemId)).toEqual(
      expect.arrayContaining(['fail.reproduced', 'look.staircase', 'plug.baseline']),
    );
    // Looking and reading are a person's to claim: suggested, never ticked.
    for (const item of ['understand.topology', 'look.direct-graph', 'look.events'])
      expect(ticks.map((e) => e.payload.itemId)).not.toContain(item);
    for (const tick of ticks) expect(tick.payload.auto).toBe(true);

    await t.call('checklist.set', { investigationId: id, itemId: 'fail.restarts', ticked: false });
    await runToEnd(t, baseline.id);
    expect(await ticked('fail.restarts')).toMatchObject({ ticked: false });
    const after = await eventsOfKind(t, id, 'checklist.ticked');
    expect(after.filter((e) => e.payload.itemId === 'fail.restarts')).toHaveLength(1);
    expect(after.filter((e) => e.payload.auto === true)).toHaveLength(ticks.length);
  });
});
