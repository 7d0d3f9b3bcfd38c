// The lab runtime's own worker pool (sim-worker.ts through tsx, real threads): warmed up only when a host asks.
import { describe, expect, it } from 'vitest';
import { createLabRuntime } from './lab-runtime';
import { defaultPoolSize, type WorkerPool } from './worker-runner';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the lab runtime', () => {
  it("warms its pool up after the host's delay, and starts no thread when not asked to", async () => {
    const asked = createLabRuntime(undefined, { warmAfterMs: 0 });
    const quiet = createLabRuntime();
    try {
      const pool = asked.runner as WorkerPool;
      for (let waited = 0; pool.stats().started < defaultPoolSize() && waited < 10_000; waited += 50) {
        await settle(50);
      }
      expect(pool.stats().started).toBe(defaultPoolSize());
      expect((quiet.runner as WorkerPool).stats().started).toBe(0);
    } finally {
      await asked.close();
      await quiet.close();
    }
  }, 30_000);

  it('closed before its delay, starts nothing', async () => {
    const runtime = createLabRuntime(undefined, { warmAfterMs: 100 });
    await runtime.close();
    await settle(300);
    expect((runtime.runner as WorkerPool).stats().started).toBe(0);
  });
});
