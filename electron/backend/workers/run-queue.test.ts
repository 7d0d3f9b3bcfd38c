// The run queue on its own, with jobs the test settles by hand: who runs, who waits and where, the bound, cancel.
import { describe, expect, it } from 'vitest';
import type { FinishedRun } from './prepare-run';
import { createRunQueue, RunQueueFull } from './run-queue';
import { SimulationCancelled, type SimulationJob } from './simulation-runner';

/** A job that ends when the test says so, and records whether it was started and cancelled. */
function handJob() {
  const state = { started: false, cancelled: false };
  let finish!: (run: FinishedRun) => void;
  let fail!: (error: unknown) => void;
  const start = (): SimulationJob => {
    state.started = true;
    const result = new Promise<FinishedRun>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    return {
      result,
      cancel: () => {
        state.cancelled = true;
        fail(new SimulationCancelled());
      },
    };
  };
  return { state, start, finish: (run = {} as FinishedRun) => finish(run) };
}

const entry = (n: number) => ({ runId: `run-${n}`, investigationId: 'inv-1' });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the run queue', () => {
  it('runs as many as it has slots and lines up the rest, each knowing its place', async () => {
    const queue = createRunQueue(2, 32);
    const jobs = [0, 1, 2, 3, 4].map(() => handJob());
    const submitted = jobs.map((job, n) => queue.submit(entry(n), job.start));
    expect(jobs.map((job) => job.state.started)).toEqual([true, true, false, false, false]);
    expect([0, 1, 2, 3, 4].map((n) => queue.positionOf(`run-${n}`))).toEqual([null, null, 1, 2, 3]);

    jobs[0]!.finish();
    await submitted[0]!.result;
    await settle();
    expect(jobs[2]!.state.started).toBe(true);
    expect([2, 3, 4].map((n) => queue.positionOf(`run-${n}`))).toEqual([null, 1, 2]);
    expect(queue.snapshot().running.map((r) => r.runId)).toEqual(['run-1', 'run-2']);
  });

  it('refuses a run beyond its bound of waiting runs, and takes one again once there is room', async () => {
    const queue = createRunQueue(1, 2);
    const jobs = [0, 1, 2].map(() => handJob());
    for (const [n, job] of jobs.entries()) queue.submit(entry(n), job.start);
    expect(queue.hasRoom()).toBe(false);
    const extra = handJob();
    expect(() => queue.submit(entry(9), extra.start)).toThrow(RunQueueFull);
    expect(() => queue.submit(entry(9), extra.start)).toThrow(
      /2 runs are already waiting .*Nothing was started/,
    );
    expect(extra.state.started).toBe(false);
    expect(queue.snapshot().waiting).toHaveLength(2);

    jobs[0]!.finish();
    await settle();
    expect(queue.hasRoom()).toBe(true);
    queue.submit(entry(9), extra.start);
    expect(queue.positionOf('run-9')).toBe(2);
  });

  it('takes a cancelled waiting run out of line without ever starting it, and moves the others up', async () => {
    const queue = createRunQueue(1, 32);
    const jobs = [0, 1, 2].map(() => handJob());
    const submitted = jobs.map((job, n) => queue.submit(entry(n), job.start));
    const changes: string[][] = [];
    queue.onChange((snapshot) => changes.push(snapshot.waiting.map((w) => w.runId)));

    submitted[1]!.cancel();
    await expect(submitted[1]!.result).rejects.toBeInstanceOf(SimulationCancelled);
    expect(jobs[1]!.state.started).toBe(false);
    expect(queue.positionOf('run-2')).toBe(1);
    expect(changes).toEqual([['run-2']]);

    // Cancelling a running run cancels its job; the next in line starts.
    submitted[0]!.cancel();
    await expect(submitted[0]!.result).rejects.toBeInstanceOf(SimulationCancelled);
    await settle();
    expect(jobs[0]!.state.cancelled).toBe(true);
    expect(jobs[2]!.state.started).toBe(true);
    expect(queue.snapshot()).toMatchObject({ waiting: [], running: [{ runId: 'run-2' }] });
  });

  it('frees the slot of a run whose start throws, failing that run only', async () => {
    const queue = createRunQueue(1, 32);
    const broken = queue.submit(entry(0), () => {
      throw new Error('no worker');
    });
    await expect(broken.result).rejects.toThrow('no worker');
    const next = handJob();
    queue.submit(entry(1), next.start);
    expect(next.state.started).toBe(true);
  });
});
