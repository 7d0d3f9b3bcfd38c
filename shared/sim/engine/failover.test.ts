// The task lifecycle at job level: container shutdowns, restarts in place, checkpoints under back pressure and
// the restart strategies' verdicts, as Flink's failure handling has them (reference/flink-memory.md section e).
import { describe, expect, it } from 'vitest';
import { METRIC } from './metric-names';
import { runSimulation } from './simulation';

// Without the seed's replay spikes: these tests are about failover, not Layer 2's payloads.
const base = {
  scenario: 'offheap-map-leak',
  fixes: ['all'],
  hours: 1,
  parallelism: 4,
  failContainers: [],
  payloadSpikes: [],
};

describe('a container shut down', () => {
  it('ends its JVM, restarts the region in place elsewhere and brings a fresh container', () => {
    const run = runSimulation({ ...base, failContainers: [{ atSec: 600, names: ['tm-2'] }] });
    const kinds = run.events
      .filter((e) => e.t >= 600)
      .map((e) => `${e.kind}${e.taskManager ? `@${e.taskManager}` : ''}`);
    expect(kinds.slice(0, 4)).toEqual([
      'container-shutdown@tm-2',
      'task-failure@tm-2',
      'taskmanager-started@tm-2',
      'restart',
    ]);
    const tm2 = run.taskManagers[1];
    expect(tm2?.containers.map((c) => c.id)).toEqual([
      'container_e01_1700000000000_0001_01_000003',
      'container_e01_1700000000000_0001_01_000006',
    ]);
    const started = tm2?.freshStartsSec[1] ?? 0;
    expect(started).toBeGreaterThan(600);
    const direct = tm2?.series[METRIC.directMemoryUsed] as Float64Array;
    expect(Number.isNaN(direct[600] as number)).toBe(true);
    expect(Number.isNaN(direct[started] as number)).toBe(false);
    // The others kept their JVMs: close() then open() in place, once.
    for (const tm of [run.taskManagers[0], run.taskManagers[2], run.taskManagers[3]]) {
      expect(tm?.freshStartsSec).toEqual([0]);
      expect(tm?.restartsSec).toHaveLength(1);
    }
    expect(run.analysis.restarts).toBe(1);
  });
});

describe('checkpoints under back pressure', () => {
  it('expire behind a paused sink and, with no tolerance, fail the job over', () => {
    const run = runSimulation({ ...base, pauseSink: [{ fromSec: 300, toSec: 3000, slowdown: 0 }] });
    const expired = run.events.find((e) => e.kind === 'checkpoint-expired');
    expect(expired).toBeDefined();
    expect(expired?.t ?? 0).toBeGreaterThan(300 + 600 - 61);
    expect(expired?.message).toContain('Exceeded checkpoint tolerable failure threshold');
    expect(run.events.some((e) => e.kind === 'restart' && e.t >= (expired?.t ?? 0))).toBe(true);
  });

  it('expire without a failover while failures are tolerated', () => {
    const run = runSimulation({
      ...base,
      pauseSink: [{ fromSec: 300, toSec: 2000, slowdown: 0 }],
      configOverrides: { 'execution.checkpointing.tolerable-failed-checkpoints': '5' },
    });
    expect(run.analysis.checkpointsExpired).toBeGreaterThan(0);
    expect(run.analysis.restarts).toBe(0);
    expect(run.analysis.checkpointsCompleted).toBeGreaterThan(run.analysis.checkpointsExpired);
  });
});

describe('restart strategies', () => {
  it('none: the first failure fails the job, and nothing runs afterwards', () => {
    const run = runSimulation({
      ...base,
      failContainers: [{ atSec: 600, count: 1 }],
      configOverrides: { 'restart-strategy.type': 'none' },
    });
    expect(run.analysis.jobFailed).toBe(true);
    expect(run.events.find((e) => e.kind === 'job-failed')?.t).toBe(600);
    const source = run.operators[0]?.busyTimeMsPerSecond as Float32Array;
    expect(Number.isNaN(source[1200] as number)).toBe(true);
  });

  it('fixed-delay with one attempt survives one failure and fails at the second', () => {
    const run = runSimulation({
      ...base,
      failContainers: [
        { atSec: 600, count: 1 },
        { atSec: 1800, count: 1 },
      ],
      configOverrides: {
        'restart-strategy.type': 'fixed-delay',
        'restart-strategy.fixed-delay.delay': '10 s',
      },
    });
    expect(run.analysis.restarts).toBe(1);
    expect(run.events.find((e) => e.kind === 'restart')?.t).toBeGreaterThanOrEqual(615);
    expect(run.events.find((e) => e.kind === 'job-failed')?.t).toBe(1800);
  });
});
