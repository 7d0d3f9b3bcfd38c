// The lab's run queue through the contract: runs beyond the workers wait visibly (pushed with their place in line),
// a bound refuses more with nothing written, a run cancelled while it waits never runs and leaves only its
// cancellation on the record; and the disk figure and run-size estimate the lab shows beside them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../../shared/contract/events';
import { createTestBackend, type TestBackend } from '../test-backend';
import { DEFAULT_BYTES_PER_SAMPLE } from './capacity';
import { awaitRun, createBaseline, eventsOfKind, gatedRunner, newInvestigation, storedRun } from './test-lab';

let t: TestBackend;
let id: string;
let gate: ReturnType<typeof gatedRunner>;
beforeEach(async () => {
  gate = gatedRunner();
  t = createTestBackend({ runner: gate.runner, runQueue: { slots: 1, maxWaiting: 2 } });
  id = await newInvestigation(t);
});
afterEach(() => t.dispose());

const lastQueue = () =>
  t.events.filter((e): e is Extract<PushEvent, { name: 'run.queue' }> => e.name === 'run.queue').at(-1)
    ?.payload;

describe('the run queue', () => {
  it('shows runs beyond the workers as queued with their place in line, and refuses beyond its bound', async () => {
    const baseline = await createBaseline(t, id);
    const a = await t.call('runs.start', { experimentId: baseline.id });
    const b = await t.call('runs.start', { experimentId: baseline.id });
    const c = await t.call('runs.start', { experimentId: baseline.id });
    expect(gate.started).toHaveLength(1);
    expect(lastQueue()).toMatchObject({
      slots: 1,
      maxWaiting: 2,
      running: [{ runId: a.id, investigationId: id }],
      waiting: [
        { runId: b.id, investigationId: id, position: 1 },
        { runId: c.id, investigationId: id, position: 2 },
      ],
    });
    const capacity = await t.call('lab.capacity', { investigationId: id });
    expect(capacity.queue.waiting.map((w) => [w.runId, w.position])).toEqual([
      [b.id, 1],
      [c.id, 2],
    ]);

    const eventsBefore = (await eventsOfKind(t, id, 'run.started')).length;
    const refused = await t.fail('runs.start', { experimentId: baseline.id });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/^runs\.start: 2 runs are already waiting .* Nothing was started\.$/);
    expect((await eventsOfKind(t, id, 'run.started')).length).toBe(eventsBefore);
    expect((await t.call('lab.state', { investigationId: id })).experiments[0]!.runs).toHaveLength(3);

    gate.open();
    await Promise.all([a, b, c].map((run) => awaitRun(t, run.id)));
    for (const run of [a, b, c]) expect((await storedRun(t, run.id)).status).toBe('completed');
    expect(lastQueue()).toMatchObject({ waiting: [], running: [] });
  });

  it('cancels a queued run without running it: nothing stored but its cancellation event', async () => {
    const baseline = await createBaseline(t, id);
    const a = await t.call('runs.start', { experimentId: baseline.id });
    const b = await t.call('runs.start', { experimentId: baseline.id });
    const c = await t.call('runs.start', { experimentId: baseline.id });

    const cancelled = await t.call('runs.cancel', { runId: b.id });
    expect(cancelled).toMatchObject({ id: b.id, status: 'cancelled', verdict: null });
    await awaitRun(t, b.id);
    expect(lastQueue()?.waiting).toEqual([{ runId: c.id, investigationId: id, position: 1 }]);

    const events = await eventsOfKind(t, id, 'run.cancelled');
    expect(events.map((e) => e.payload.runId)).toEqual([b.id]);
    expect(await eventsOfKind(t, id, 'run.completed')).toHaveLength(0);
    const stored = t.backend.store.runs.get(b.id)!;
    expect(stored).toMatchObject({ status: 'cancelled', verdict: null, summary: null });
    expect(t.backend.store.runs.listSeriesKeys(b.id)).toEqual([]);

    gate.open();
    await Promise.all([a, c].map((run) => awaitRun(t, run.id)));
    // The cancelled run never reached the simulator: only a and c ran.
    expect(gate.started).toHaveLength(2);
    expect((await storedRun(t, b.id)).status).toBe('cancelled');
    expect(t.backend.store.runs.listSeriesKeys(b.id)).toEqual([]);
    expect((await eventsOfKind(t, id, 'run.completed')).map((e) => e.payload.runId).sort()).toEqual(
      [a.id, c.id].sort(),
    );
  });
});

describe("an investigation's disk figure", () => {
  /** What its runs keep, summed run by run from the stored blobs and columns themselves. */
  function summedBytes(investigationId: string): number {
    const rows = t.backend.store.db
      .prepare<[string], { id: string; analysis: unknown; topology: unknown; events: unknown }>(
        'SELECT id, analysis, topology, events FROM runs WHERE investigation_id = ?',
      )
      .all(investigationId);
    let bytes = 0;
    for (const row of rows) {
      for (const blob of t.backend.store.runs.seriesBlobs(row.id)) bytes += blob.data.byteLength;
      for (const value of [row.analysis, row.topology, row.events]) {
        if (value === null) continue;
        bytes += typeof value === 'string' ? Buffer.byteLength(value) : (value as Buffer).byteLength;
      }
    }
    return bytes;
  }

  it('is what its runs keep, kept current as runs are stored, and estimates a run from its parameters', async () => {
    gate.open();
    const baseline = await createBaseline(t, id);
    expect((await t.call('lab.capacity', { investigationId: id })).disk).toEqual({ bytes: 0, runs: 0 });
    const before = await t.call('lab.capacity', { investigationId: id, experimentId: baseline.id });
    expect(before.estimate).toMatchObject({
      experimentId: baseline.id,
      basis: expect.stringContaining('measured'),
    });
    // A lean run (a built-in scenario) keeps direct memory per TaskManager and back pressure per operator.
    expect(before.estimate!.seriesCount).toBeGreaterThan(5);
    expect(before.estimate!.samples).toBe(before.estimate!.seriesCount * 7200);

    const first = await t.call('runs.start', { experimentId: baseline.id });
    await awaitRun(t, first.id);
    const once = await t.call('lab.capacity', { investigationId: id, experimentId: baseline.id });
    expect(once.disk).toEqual({ bytes: summedBytes(id), runs: 1 });
    expect(once.disk.bytes).toBeGreaterThan(10_000);
    // The series the estimate counts are the series the run stored, one sample per simulated second.
    expect(t.backend.store.runs.listSeriesKeys(first.id)).toHaveLength(before.estimate!.seriesCount);
    // Learned from the stored run, the estimate of the same experiment is that run's size.
    expect(once.estimate!.basis).toMatch(/this investigation's 1 runs/);
    expect(Math.abs(once.estimate!.bytes - once.disk.bytes) / once.disk.bytes).toBeLessThan(0.01);
    expect(before.estimate!.bytes).toBeCloseTo(
      before.estimate!.samples * DEFAULT_BYTES_PER_SAMPLE + 38 * 1024,
      -1,
    );

    const other = await newInvestigation(t, 'Another one');
    const second = await t.call('runs.start', { experimentId: baseline.id });
    await awaitRun(t, second.id);
    const twice = await t.call('lab.capacity', { investigationId: id });
    expect(twice.disk).toEqual({ bytes: summedBytes(id), runs: 2 });
    expect(twice.disk.bytes).toBeGreaterThan(once.disk.bytes);
    expect((await t.call('lab.capacity', { investigationId: other })).disk).toEqual({ bytes: 0, runs: 0 });

    // Kept current without reading every run again: a cancelled run is counted (its record, no series; or all of
    // it, if it completed before the cancel reached it), and a discard is (its series gone).
    const running = await t.call('runs.start', { experimentId: baseline.id });
    await t.call('runs.cancel', { runId: running.id });
    await awaitRun(t, running.id);
    const afterCancel = await t.call('lab.capacity', { investigationId: id });
    expect(afterCancel.disk).toEqual({ bytes: summedBytes(id), runs: 3 });
    await t.call('runs.discardData', { runId: first.id });
    const afterDiscard = await t.call('lab.capacity', { investigationId: id });
    expect(afterDiscard.disk).toEqual({ bytes: summedBytes(id), runs: 3 });
    expect(afterDiscard.disk.bytes).toBeLessThan(afterCancel.disk.bytes);
    expect(afterDiscard.disk).toEqual({
      bytes: t.backend.store.runs.diskUse(id).bytes,
      runs: t.backend.store.runs.diskUse(id).runs,
    });
  });
});
