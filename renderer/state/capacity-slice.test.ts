// The capacity slice against a real backend: the queue arrives through push events as runs are queued and
// cancelled, and the disk figure and estimate through lab.capacity.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBaseline, gatedRunner, newInvestigation } from '../../electron/backend/services/lab/test-lab';
import { createTestBackend, type TestBackend } from '../../electron/backend/services/test-backend';
import { queuePositionOf } from './run-queue-position';
import type { createPeelStore } from './store';
import { wireStore } from './wire-store.test-support';

let t: TestBackend;
let store: ReturnType<typeof createPeelStore>;
let open!: () => void;
beforeEach(() => {
  // Simulations wait for the test, so the one slot stays taken while it looks at the line.
  const gate = gatedRunner();
  open = gate.open;
  t = createTestBackend({ runner: gate.runner, runQueue: { slots: 1, maxWaiting: 4 } });
  store = wireStore(t).store;
});
afterEach(() => t.dispose());

describe('the capacity slice', () => {
  it('follows the pushed queue, and reads the disk figure and the estimate', async () => {
    const id = await newInvestigation(t);
    const baseline = await createBaseline(t, id);
    const a = await t.call('runs.start', { experimentId: baseline.id });
    const b = await t.call('runs.start', { experimentId: baseline.id });
    const c = await t.call('runs.start', { experimentId: baseline.id });
    const queue = () => store.getState().runQueue;
    expect([a, b, c].map((run) => queuePositionOf(queue(), run.id))).toEqual([null, 1, 2]);
    await t.call('runs.cancel', { runId: b.id });
    expect(queuePositionOf(queue(), c.id)).toBe(1);
    expect(queuePositionOf(queue(), b.id)).toBeNull();

    open();
    await Promise.all([a, c].map((run) => t.backend.context.lab.jobs.get(run.id)?.stored));
    await store.getState().loadCapacity(id, baseline.id);
    const { diskUse, runEstimate } = store.getState();
    expect(diskUse).toMatchObject({ investigationId: id, disk: { runs: 3 } });
    expect(diskUse!.disk.bytes).toBe(t.backend.store.runs.diskUse(id).bytes);
    expect(runEstimate).toMatchObject({ experimentId: baseline.id });
    expect(queue()).toMatchObject({ waiting: [], running: [] });
  });
});
