// The worker runner from the TypeScript sources: sim-worker.ts loaded through tsx in a real worker thread.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeExperimentParams } from '../../../shared/sim/engine/experiment-params';
import { runSimulation } from '../../../shared/sim/engine/simulation';
import { SMALL } from '../services/lab/test-lab';
import { prepareRun, storableRun } from './prepare-run';
import { SimulationCancelled } from './simulation-runner';
import { checkWorkerFile, createWorkerRunner as createPool, type WorkerPool } from './worker-runner';

const DIRECT = 'Status.JVM.Memory.Direct.MemoryUsed';
const params = normalizeExperimentParams(SMALL);

const pools: WorkerPool[] = [];
const createWorkerRunner = () => {
  const pool = createPool();
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
  }, 30_000);

  it('can be cancelled, and runs the next simulation after that', async () => {
    const runner = createWorkerRunner();
    const job = runner({ ...params, hours: 24 }, () => {});
    job.cancel();
    await expect(job.result).rejects.toBeInstanceOf(SimulationCancelled);
    const next = await runner(params, () => {}).result;
    expect(next.analysis.restarts).toBeGreaterThan(0);
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
