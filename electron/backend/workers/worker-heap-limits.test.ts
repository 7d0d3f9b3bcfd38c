import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SIM_WORKER_HEAP_LIMITS } from './worker-runner';

// A worker that allocates as a simulation does (many short-lived objects, a good share of them surviving a
// scavenge or two), then reports how big V8 let its young generation grow.
const ALLOCATING = `
const { parentPort } = require('node:worker_threads');
const { getHeapSpaceStatistics } = require('node:v8');
const kept = new Array(20000);
for (let i = 0; i < 3000000; i++) kept[i % kept.length] = { i, text: 'x' + i, list: [i, i + 1] };
const young = getHeapSpaceStatistics()
  .filter((space) => space.space_name === 'new_space')
  .reduce((sum, space) => sum + space.space_size, 0);
parentPort.postMessage(young);
`;

function youngGenerationAfterWork(options: ConstructorParameters<typeof Worker>[1]): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(ALLOCATING, { ...options, eval: true });
    worker.once('message', (bytes: number) => {
      resolve(bytes);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('the simulation worker heap limits', () => {
  it('keep the young generation within its bound under an allocation-heavy load', async () => {
    const bound = SIM_WORKER_HEAP_LIMITS.maxYoungGenerationSizeMb * 2 ** 20;
    const limited = await youngGenerationAfterWork({ resourceLimits: SIM_WORKER_HEAP_LIMITS });
    expect(limited).toBeGreaterThan(0);
    expect(limited).toBeLessThanOrEqual(bound);
    // The same work in a worker left to V8's default grows it past that bound: the bound is what holds it.
    const unlimited = await youngGenerationAfterWork({});
    expect(unlimited).toBeGreaterThan(bound);
  }, 60_000);
});
