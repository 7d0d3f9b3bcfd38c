// An async client that keeps its queue after close() leaks only what back pressure queued; the simulator runs
// scenarios handed to it outside the catalog (a training drill's), with params naming them.
import { describe, expect, it } from 'vitest';
import type { ScenarioDefinition } from '../scenarios/scenario-types';
import {
  containersEveryHalfHour,
  SEED_JOB_DEFAULTS,
  seedJob,
  seedPlatform,
  seedPlatformConfig,
} from '../scenarios/seed-job';
import { runSimulation } from './simulation';

const MIB = 1024 * 1024;

const keepsQueue: ScenarioDefinition = {
  id: 'test-async-queue',
  title: 'test',
  description: 'test',
  hiddenCause: 'test',
  fixDescription: 'test',
  defects: [{ id: 'queue-kept', description: 'kept', fixedBy: 'release' }],
  fixes: [{ id: 'release', description: 'release' }],
  variants: [],
  defaultHours: 4,
  defaultParallelism: 4,
  defaultFaults: (hours, parallelism) => ({
    failContainers: containersEveryHalfHour(hours, parallelism),
    pauseSink: [],
    payloadSpikes: [],
  }),
  build: ({ defects }) => {
    const graph = seedJob({ ...SEED_JOB_DEFAULTS, mapBytes: 32 * MIB });
    const rpc = graph.operators.find((op) => op.id === 'kvstore-enrich')?.rpc;
    if (rpc) rpc.keepsQueueOnClose = defects.has('queue-kept');
    return { graph, config: seedPlatformConfig(), platform: seedPlatform() };
  },
};

// Every shutdown at 30-minute marks falls inside a 10-minute sink stall around it.
const stalls = Array.from({ length: 7 }, (_, i) => ({
  fromSec: 1500 + 1800 * i,
  toSec: 2100 + 1800 * i,
  slowdown: 0,
}));

describe('an async queue kept after close()', () => {
  it('leaks what back pressure queued, and nothing without back pressure or with the fix', () => {
    const run = (extra: Record<string, unknown>) =>
      runSimulation({ scenario: keepsQueue.id, ...extra }, { scenario: keepsQueue }).analysis;
    const underPressure = run({ pauseSink: stalls });
    expect(['leak', 'sawtooth']).toContain(underPressure.verdict);
    expect(underPressure.retainedBytesPerRestart).toBeGreaterThan(32 * MIB);
    expect(['flat', 'blip']).toContain(run({}).verdict);
    expect(['flat', 'blip']).toContain(run({ pauseSink: stalls, fixes: ['release'] }).verdict);
  }, 180_000);

  it('refuses params naming another scenario than the one handed in', () => {
    expect(() => runSimulation({ scenario: 'offheap-map-leak' }, { scenario: keepsQueue })).toThrow(
      /scenario: expected 'test-async-queue'/,
    );
  });
});
