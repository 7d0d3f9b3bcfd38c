// Each built-in scenario has its own signature, and the seed's variants show the other shapes of the same bug
// (JVM reference, rules 5 and 6).
import { describe, expect, it } from 'vitest';
import { METRIC } from './metric-names';
import type { RunOperator, SimulationRun } from './run-types';
import { runSimulation } from './simulation';

const MIB = 1024 * 1024;
const run = (scenario: string, extra: Record<string, unknown> = {}) => runSimulation({ scenario, ...extra });

function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function maxOver(
  r: SimulationRun,
  metric: (typeof METRIC)[keyof typeof METRIC],
  from: number,
  to: number,
): number {
  let max = 0;
  for (const tm of r.taskManagers) {
    for (const v of tm.series[metric].subarray(from, to)) if (v > max) max = v;
  }
  return max;
}

describe('rpc-payload-spikes: a red herring', () => {
  it('spikes direct memory while payloads are large, then gives it all back: no leak, no OOM', () => {
    const r = run('rpc-payload-spikes');
    const spike = r.params.payloadSpikes[0];
    expect(spike).toBeDefined();
    const from = spike?.fromSec ?? 0;
    const to = spike?.toSec ?? 0;
    const before = maxOver(r, METRIC.directMemoryUsed, from - 900, from);
    const during = maxOver(r, METRIC.directMemoryUsed, from, to);
    expect(during - before).toBeGreaterThan(100 * MIB);
    const tm = r.taskManagers.find(
      (t) => !t.containers.some((c) => c.endSec !== null && c.endSec > from - 900 && c.endSec < to + 900),
    );
    const series = tm?.series[METRIC.directMemoryUsed] as Float64Array;
    expect(
      Math.abs(median(series.subarray(to + 120, to + 900)) - median(series.subarray(from - 900, from - 120))),
    ).toBeLessThan(48 * MIB);
    expect(r.analysis.ooms).toBe(0);
    expect(['flat', 'blip']).toContain(r.analysis.verdict);
  });
});

describe('platform-netty-leak: the platform leaks, the job is innocent', () => {
  it('climbs one allocator (64 MiB) per restart in the control job too, and stops with the platform fix', () => {
    const control = run('platform-netty-leak', { control: true });
    expect(control.analysis.verdict).toBe('leak');
    expect(Math.abs(control.analysis.retainedBytesPerRestart - 64 * MIB)).toBeLessThan(4 * MIB);
    const fixed = run('platform-netty-leak', { control: true, fixes: ['upgrade-platform'] });
    expect(fixed.analysis.verdict).toBe('flat');
    const job = run('platform-netty-leak');
    expect(['leak', 'sawtooth']).toContain(job.analysis.verdict);
    expect(Math.abs(job.analysis.retainedBytesPerRestart - 64 * MIB)).toBeLessThan(8 * MIB);
  });
});

describe('underprovisioned-direct: too small, not leaking', () => {
  it('OOMs only under back pressure (and the catch-up right after it); nothing stays after restarts', () => {
    const r = run('underprovisioned-direct');
    const slow = r.params.pauseSink;
    const ooms = r.events.filter((e) => e.kind === 'oom');
    expect(ooms.length).toBeGreaterThan(0);
    for (const oom of ooms) {
      const near = slow.some((p) => oom.t >= p.fromSec && oom.t < p.toSec + 300);
      expect(near, `OOM at ${oom.t} s away from a slow sink`).toBe(true);
    }
    expect(ooms.some((oom) => slow.some((p) => oom.t >= p.fromSec && oom.t < p.toSec))).toBe(true);
    const enrich = r.operators.find((op) => op.id === 'aggregate-spend');
    const first = ooms[0]?.t ?? 0;
    expect(
      median((enrich as RunOperator).backPressuredTimeMsPerSecond.subarray(first - 10, first)),
    ).toBeGreaterThan(500);
    expect(r.analysis.verdict).not.toBe('leak');
    const fixed = run('underprovisioned-direct', { fixes: ['all'] });
    expect(fixed.plan.config['taskmanager.memory.task.off-heap.size']).toBe('512m');
    expect(fixed.analysis.ooms).toBe(0);
    expect(fixed.analysis.verdict).toBe('flat');
  });
});

describe('onheap-swap-gc: the heap, not direct memory', () => {
  it('moves the old generation and G1 cycles while direct memory stays flat', () => {
    const r = run('onheap-swap-gc');
    const fixed = run('onheap-swap-gc', { fixes: ['update-map-in-place'] });
    expect(r.analysis.verdict).toBe('flat');
    expect(r.analysis.ooms).toBe(0);
    expect(r.analysis.concurrentCycles).toBeGreaterThan(5 * Math.max(1, fixed.analysis.concurrentCycles));
    const oldGenSwing = (x: SimulationRun) => {
      const old = x.taskManagers[0]?.series[METRIC.oldGenUsed] as Float32Array;
      let min = Number.POSITIVE_INFINITY;
      let max = 0;
      for (const v of old.subarray(3600, 7200))
        if (Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
      return max - min;
    };
    expect(oldGenSwing(r)).toBeGreaterThan(300 * MIB);
    expect(oldGenSwing(r)).toBeGreaterThan(2 * oldGenSwing(fixed));
    expect(r.analysis.gcTimeMs).toBeGreaterThan(fixed.analysis.gcTimeMs);
    expect(Math.abs(r.analysis.peakDirectBytes - fixed.analysis.peakDirectBytes)).toBeLessThan(32 * MIB);
  });
});

describe('offheap-map-leak variants', () => {
  it("explicit-gc: the reservation's System.gc() cuts the staircase back (saw-tooth), no OOM", () => {
    const r = run('offheap-map-leak', { variant: 'explicit-gc' });
    expect(r.plan.explicitGcDisabled).toBe(false);
    expect(r.analysis.ooms).toBe(0);
    expect(r.analysis.fullGcs).toBeGreaterThan(0);
    expect(r.events.find((e) => e.kind === 'full-gc')?.message).toMatch(/Pause Full \(System\.gc\(\)\)/);
    expect(r.analysis.verdict).toBe('sawtooth');
  });

  it('unsafe-map: direct memory stays flat while resident memory climbs until YARN kills the container', () => {
    const r = run('offheap-map-leak', { variant: 'unsafe-map' });
    // No staircase in direct memory: at most Layer 2's replay blip after restarts.
    expect(['flat', 'blip']).toContain(r.analysis.verdict);
    expect(r.analysis.ooms).toBe(0);
    const kill = r.events.find((e) => e.kind === 'container-killed');
    expect(kill?.message).toMatch(
      /^Container \[pid=\d+,containerID=container_e01_\S+\] is running \d+B beyond the 'PHYSICAL' memory limit\. Current usage: /,
    );
    const tm = r.taskManagers.find((t) => t.id === kill?.taskManager);
    const killedAt = kill?.t ?? 0;
    const resident = tm?.series[METRIC.residentMemory] as Float32Array;
    expect(resident[killedAt]).toBeGreaterThan(r.plan.containerLimitBytes);
    const restarts = (tm?.restartsSec ?? []).filter((t) => t < killedAt);
    expect(restarts.length).toBeGreaterThanOrEqual(3);
    // The same TaskManager's direct memory did not climb with it.
    const direct = tm?.series[METRIC.directMemoryUsed] as Float64Array;
    expect(direct[killedAt - 10] as number).toBeLessThan(900 * MIB);
  });

  it('static-map: the old map stays reachable, so every open() fails once the limit is reached', () => {
    const r = run('offheap-map-leak', { variant: 'static-map', hours: 4 });
    expect(r.analysis.verdict).toBe('leak');
    const mapOoms = r.events.filter((e) => e.kind === 'oom' && e.operator === 'currency-convert');
    expect(mapOoms.length).toBeGreaterThan(10);
    expect(mapOoms[0]?.message).toContain('Cannot reserve 134217728 bytes of direct buffer memory');
  });
});
