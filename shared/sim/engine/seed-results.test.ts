// The seed's experiments (pinterest-direct-memory-leak.txt) must come out of the model: containers shut down
// every 30 simulated minutes over 6 hours on offheap-map-leak, peeled layer by layer, then fixed.
import { describe, expect, it } from 'vitest';
import { METRIC } from './metric-names';
import type { RunTaskManager, SimulationRun } from './run-types';
import { runSimulation } from './simulation';

const MIB = 1024 * 1024;
const MAP = 128 * MIB;
const seed = (extra: Record<string, unknown> = {}) =>
  runSimulation({ scenario: 'offheap-map-leak', ...extra });

function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median direct memory over [from, to): a level that young-GC saw-teeth do not move. */
function level(tm: RunTaskManager, from: number, to: number): number {
  const series = tm.series[METRIC.directMemoryUsed];
  return median(Array.from(series.subarray(Math.max(0, from), Math.min(series.length, to))));
}

/**
 * Steps of the staircase on TaskManagers that kept their JVM: the level in the 20 minutes before each restart
 * in place compared with the level 20 minutes after, for restarts with no other restart, fresh start or OOM of
 * that TaskManager within those 20 minutes.
 */
function restartSteps(run: SimulationRun): number[] {
  const steps: number[] = [];
  for (const tm of run.taskManagers) {
    const firstOom =
      run.events.find((e) => e.kind === 'oom' && e.taskManager === tm.id)?.t ?? Number.POSITIVE_INFINITY;
    const fresh = tm.freshStartsSec;
    for (const r of tm.restartsSec) {
      const near = (t: number) => t !== r && t > r - 1300 && t < r + 1300;
      if (r + 1200 >= firstOom || fresh.some(near) || tm.restartsSec.some(near)) continue;
      steps.push(level(tm, r + 60, r + 1200) - level(tm, r - 1260, r - 60));
    }
  }
  return steps;
}

describe("the seed's results (offheap-map-leak, containers shut down every 30 min for 6 h)", () => {
  it('Figure 3: the full job climbs a staircase of one map per restart and eventually OOMs', () => {
    const run = seed();
    const steps = restartSteps(run);
    expect(steps.length).toBeGreaterThanOrEqual(5);
    for (const step of steps) expect(Math.abs(step - MAP)).toBeLessThan(32 * MIB);
    expect(run.analysis.ooms).toBeGreaterThan(0);
    const oom = run.events.find((e) => e.kind === 'oom');
    expect(oom?.message).toMatch(
      /^java\.lang\.OutOfMemoryError: Cannot reserve \d+ bytes of direct buffer memory/,
    );
    // -XX:+DisableExplicitGC: no reservation ever ran a full GC to rescue itself.
    expect(run.analysis.fullGcs).toBe(0);
    // Nothing old is ever collected, so the drops of the crash loop after the first OOM are young GCs freeing
    // the maps of restarts that lived seconds: the verdict reads the climb before it, a leak.
    expect(run.analysis.verdict).toBe('leak');
    expect(
      run.analysis.perTaskManager.some((tm) => /until the first OOM at \d+:\d\d:\d\d/.test(tm.summary)),
    ).toBe(true);
    expect(Math.abs(run.analysis.retainedBytesPerRestart - MAP)).toBeLessThan(16 * MIB);
  });

  it('Figure 4: the control job on the same platform stays flat', () => {
    const run = seed({ control: true });
    expect(run.plan.operators.map((op) => op.id)).toEqual(['control-source', 'control-sink']);
    expect(run.analysis.verdict).toBe('flat');
    expect(run.analysis.ooms).toBe(0);
  });

  it('without its replay spikes, the same job with layer 3 removed is flat: the blip is the payloads', () => {
    const run = seed({ removed: ['layer3'], payloadSpikes: [] });
    expect(run.analysis.verdict).toBe('flat');
  });

  it('Figure 6: with layers 2 and 3 removed the job stays flat', () => {
    const run = seed({ removed: ['layer2', 'layer3'] });
    expect(run.plan.operators.some((op) => op.layer === 'layer2' || op.layer === 'layer3')).toBe(false);
    expect(run.analysis.verdict).toBe('flat');
    expect(run.analysis.ooms).toBe(0);
  });

  it('Figure 7: with layer 3 removed, a minor blip but no definitive staircase', () => {
    const run = seed({ removed: ['layer3'] });
    expect(run.plan.rewiring[0]).toMatch(/^removed layer 3 .*kvstore-enrich now feeds a discarding sink/);
    // Layer 2's large RPC payloads after each restart: a rise that the young GCs take back, nothing kept.
    expect(run.analysis.verdict).toBe('blip');
    expect(run.analysis.retainedBytesPerRestart).toBe(0);
    expect(run.analysis.summary).toMatch(
      /^Direct memory: blip, a rise right after restarts that settles back/,
    );
    const blips = run.analysis.perTaskManager.filter((tm) => tm.verdict === 'blip');
    expect(blips.length).toBeGreaterThan(run.taskManagers.length / 2);
    for (const tm of blips) expect(tm.summary).toMatch(/right after restarts, settles back/);
    expect(run.events.some((e) => e.kind === 'payload-spike' && e.operator === 'kvstore-enrich')).toBe(true);
    expect(run.analysis.ooms).toBe(0);
    for (const step of restartSteps(run)) expect(Math.abs(step)).toBeLessThan(32 * MIB);
  });

  it('Figure 8: with layer 2 removed the staircase is back', () => {
    const run = seed({ removed: ['layer2'] });
    expect(['leak', 'sawtooth']).toContain(run.analysis.verdict);
    expect(Math.abs(run.analysis.retainedBytesPerRestart - MAP)).toBeLessThan(16 * MIB);
    const steps = restartSteps(run);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const step of steps) expect(Math.abs(step - MAP)).toBeLessThan(32 * MIB);
  });

  it('Figure 9: with the fix applied nothing is kept across the same restarts', () => {
    const run = seed({ fixes: ['free-map-in-close'] });
    expect(run.plan.defects).toEqual([
      expect.objectContaining({ id: 'map-not-freed-in-close', active: false }),
    ]);
    // The staircase is gone; what is left is Layer 2's replay after each restart, which settles back.
    expect(['flat', 'blip']).toContain(run.analysis.verdict);
    expect(run.analysis.retainedBytesPerRestart).toBe(0);
    expect(run.analysis.ooms).toBe(0);
    expect(run.analysis.restarts).toBeGreaterThanOrEqual(10);
    for (const step of restartSteps(run)) expect(Math.abs(step)).toBeLessThan(32 * MIB);
  });

  it('Figure 2: pausing the sink back-pressures the operators upstream within seconds', () => {
    const run = seed({
      hours: 0.5,
      failContainers: [],
      pauseSink: [{ fromSec: 600, toSec: 1200, slowdown: 0 }],
    });
    const bp = (id: string) =>
      run.operators.find((op) => op.id === id)?.backPressuredTimeMsPerSecond as Float32Array;
    for (const id of ['format-druid-rows', 'currency-convert', 'aggregate-spend', 'kvstore-enrich']) {
      expect(bp(id)[590], `${id} before the pause`).toBeLessThan(50);
      const first = bp(id).findIndex((v, t) => t >= 600 && v > 900);
      expect(first, `${id} back-pressured`).toBeGreaterThanOrEqual(600);
      expect(first - 600, `${id} seconds until back-pressured`).toBeLessThan(15);
    }
    for (const id of ['kafka-impressions', 'kafka-clicks', 'kafka-conversions']) {
      const first = bp(id).findIndex((v, t) => t >= 600 && v > 900);
      expect(first - 600, `${id} seconds until back-pressured`).toBeLessThan(120);
      expect(first - 600).toBeGreaterThanOrEqual(0);
    }
    const sink = run.operators.find((op) => op.id === 'druid-sink');
    expect(sink?.busyTimeMsPerSecond[700]).toBe(1000);
    expect(run.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['sink-paused', 'sink-resumed']));
  });
});
