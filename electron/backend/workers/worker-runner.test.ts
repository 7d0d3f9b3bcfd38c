// The worker runner from the TypeScript sources: sim-worker.ts loaded through tsx in a real worker thread.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeExperimentParams } from '../../../shared/sim/engine/experiment-params';
import { runSimulation } from '../../../shared/sim/engine/simulation';
import { SMALL } from '../services/lab/test-lab';
import { prepareRun, releaseSeries, storableRun } from './prepare-run';
import { SimulationCancelled } from './simulation-runner';
import {
  checkWorkerFile,
  createWorkerRunner as createPool,
  SIM_WORKER_IDLE_HEAP_LIMIT_BYTES,
  WARM_UP_RUNS,
  type WorkerPool,
  type WorkerPoolOptions,
} from './worker-runner';

const DIRECT = 'Status.JVM.Memory.Direct.MemoryUsed';
const params = normalizeExperimentParams(SMALL);

const pools: WorkerPool[] = [];
const createWorkerRunner = (options?: WorkerPoolOptions, size?: number) => {
  const pool = createPool(undefined, size, options);
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

describe('the worker runner', () => {
  it('runs a simulation in a worker thread with progress, giving the same run as in-process', async () => {
    const runner = createWorkerRunner();
    const fractions: number[] = [];
    const job = runner(params, (_simSec, fraction) => fractions.push(fraction));
    const run = await job.result;
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    const local = runSimulation(params);
    expect(run.analysis).toEqual(local.analysis);
    for (const [i, tm] of run.taskManagers.entries()) {
      const theirs = tm.series[DIRECT as never] as Float64Array;
      const ours = local.taskManagers[i]!.series[DIRECT as never] as Float64Array;
      expect(Buffer.from(theirs.buffer).equals(Buffer.from(ours.buffer))).toBe(true);
    }
  }, 30_000);

  it('posts back only what storing the run needs when asked for the prepared run, the same as in-process', async () => {
    const runner = createWorkerRunner();
    const stored = await runner(params, () => {}, undefined, 'prepared').result;
    // Nothing of the run's events, plan, series or full analysis crosses to the caller's thread.
    expect(Object.keys(stored).sort()).toEqual([
      'analysis',
      'durationSec',
      'prepared',
      'seed',
      'taskManagerIds',
    ]);
    expect(Object.keys(stored.analysis)).not.toContain('backPressure');
    const local = runSimulation(params);
    const expected = storableRun(local, prepareRun(local, { lean: true }));
    expect(stored.analysis).toEqual(expected.analysis);
    expect(stored.taskManagerIds).toEqual(['tm-1', 'tm-2']);
    expect(stored.seed).toBe(params.seed);
    expect(stored.prepared.seriesHash).toBe(expected.prepared.seriesHash);
    expect(stored.prepared.detailHash).toBe(expected.prepared.detailHash);
    expect(stored.prepared.series.map((series) => series.key)).toEqual(
      expected.prepared.series.map((series) => series.key),
    );
    // Once stored, the blobs' memory is given back at once, not left for a collection.
    const sizes = stored.prepared.series.map((series) => series.data.buffer.byteLength);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    releaseSeries(stored.prepared);
    for (const series of stored.prepared.series) expect(series.data.buffer.byteLength).toBe(0);
  }, 30_000);

  it('can be cancelled, and runs the next simulation after that', async () => {
    const runner = createWorkerRunner();
    const job = runner({ ...params, hours: 24 }, () => {});
    job.cancel();
    await expect(job.result).rejects.toBeInstanceOf(SimulationCancelled);
    const next = await runner(params, () => {}).result;
    expect(next.analysis.restarts).toBeGreaterThan(0);
  }, 30_000);

  it('replaces a worker whose heap is above the bound once it has posted its run, losing no run', async () => {
    // A bound every worker passes: each run is followed by a fresh thread.
    const runner = createWorkerRunner({ idleHeapLimitBytes: 1 }, 1);
    const local = runSimulation(params);
    for (let i = 0; i < 3; i++) {
      const fractions: number[] = [];
      const stored = await runner(
        params,
        (_simSec, fraction) => fractions.push(fraction),
        undefined,
        'prepared',
      ).result;
      expect(stored.analysis.summary).toBe(local.analysis.summary);
      expect(fractions.at(-1)).toBe(1);
    }
    // Two runs at once on a pool of one: the second waits in line and runs on the replacement.
    const [a, b] = await Promise.all([runner(params, () => {}).result, runner(params, () => {}).result]);
    expect(a.analysis).toEqual(local.analysis);
    expect(b.analysis).toEqual(local.analysis);
    expect(runner.stats()).toEqual({ started: 6, retired: 5 });
    // Cancelling still ends the run at once, and the pool goes on.
    const long = runner({ ...params, hours: 24 }, () => {});
    long.cancel();
    await expect(long.result).rejects.toBeInstanceOf(SimulationCancelled);
    expect((await runner(params, () => {}).result).analysis).toEqual(local.analysis);
  }, 60_000);

  it('keeps a warm worker whose heap stays below the bound', async () => {
    const runner = createWorkerRunner({ idleHeapLimitBytes: SIM_WORKER_IDLE_HEAP_LIMIT_BYTES }, 1);
    for (let i = 0; i < 3; i++) await runner(params, () => {}, undefined, 'prepared').result;
    expect(runner.stats()).toEqual({ started: 1, retired: 0 });
  }, 60_000);

  it('tidies its own thread once it has handed runs out, on the next turn of the event loop', async () => {
    let tidied = 0;
    const runner = createWorkerRunner({ whileSimulating: () => tidied++ }, 1);
    const [a, b] = [runner(params, () => {}), runner(params, () => {})];
    // Not in the call that started the runs: its caller answers first.
    expect(tidied).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(tidied).toBe(1);
    await a.result;
    await b.result;
    // The second run was handed out when the first came back.
    expect(tidied).toBe(2);
  }, 30_000);

  it('warms its threads up on short runs, and a job that comes meanwhile stops every warm-up and runs at once', async () => {
    const runner = createWorkerRunner(undefined, 2);
    // Every thread started and finished its warm-up; none replaced.
    expect(await runner.warm()).toBe(2);
    expect(runner.stats()).toEqual({ started: 2, retired: 0 });
    expect(WARM_UP_RUNS.length).toBeGreaterThan(0);
    // A job right after another warm-up starts stops both threads' warm-ups (its own, and the other's, which would
    // take the cores it needs), and is the run it would have been on a cold thread.
    const warming = runner.warm();
    const run = await runner(params, () => {}).result;
    expect(run.analysis).toEqual(runSimulation(params).analysis);
    expect(await warming).toBe(0);
    expect(runner.stats()).toEqual({ started: 2, retired: 0 });
  }, 60_000);

  it('does not warm up while a run is under way', async () => {
    const runner = createWorkerRunner(undefined, 2);
    const job = runner({ ...params, hours: 24 }, () => {});
    expect(await runner.warm()).toBe(0);
    // Only the run's own thread was started.
    expect(runner.stats()).toEqual({ started: 1, retired: 0 });
    job.cancel();
    await expect(job.result).rejects.toBeInstanceOf(SimulationCancelled);
  }, 30_000);

  it('settles a warm-up whose thread is gone', async () => {
    const runner = createWorkerRunner(undefined, 1);
    const warming = runner.warm();
    await runner.close();
    await expect(warming).resolves.toBe(0);
  }, 30_000);

  it('passes on what the simulator refuses', async () => {
    const runner = createWorkerRunner();
    const job = runner({ ...params, removed: ['layer1'] }, () => {});
    await expect(job.result).rejects.toThrow(/layer1 leaves the job without a source/);
  }, 30_000);

  it('close() ends a running job as cancelled and stops its threads, so the process can exit', async () => {
    const runner = createWorkerRunner();
    const job = runner({ ...params, hours: 24 }, () => {});
    const cancelled = expect(job.result).rejects.toBeInstanceOf(SimulationCancelled);
    await runner.close();
    await cancelled;
  }, 30_000);
});

describe('the bundled worker file', () => {
  it('runs only when it is the file the build hashed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-worker-'));
    try {
      const path = join(dir, 'sim-worker.mjs');
      writeFileSync(path, 'export {};\n');
      const built = createHash('sha256').update('export {};\n').digest('hex');
      expect(() => checkWorkerFile(path, built)).not.toThrow();
      writeFileSync(path, 'export {}; /* changed after installation */\n');
      expect(() => checkWorkerFile(path, built)).toThrow(
        /is not the one this Peel was built with .* Reinstall Peel/,
      );
      // Run from the sources (tests, tsx) there is no build hash, and nothing to check.
      expect(() => checkWorkerFile(path, undefined)).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
