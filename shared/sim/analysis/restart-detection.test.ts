import { describe, expect, it } from 'vitest';
import { detectRestarts, findLevelSteps } from './restart-detection';
import { cleanSeries, toGrid } from './series-grid';
import { generateSeries, MiB, type SeriesRecipe } from './test-series';

const hour = { durationSec: 3600, sampleSec: 15, baseline: 400 * MiB, noise: 2 * MiB };

function nearest(times: number[], t: number): number {
  return Math.min(...times.map((x) => Math.abs(x - t)));
}

describe('detectRestarts', () => {
  it('finds every restart of a staircase, within one scrape', () => {
    const s = generateSeries({ ...hour, seed: 1, restarts: 9, retainedPerRestart: 24 * MiB });
    const found = detectRestarts(s.timesSec, s.values);
    expect(found).toHaveLength(9);
    for (const r of s.trueRestartsSec) expect(nearest(found, r)).toBeLessThanOrEqual(15);
  });

  it('finds the restarts whose full GC cuts a saw-tooth (they step down)', () => {
    const recipe: SeriesRecipe = {
      ...hour,
      seed: 2,
      restarts: 11,
      retainedPerRestart: 32 * MiB,
      limit: 540 * MiB,
      resetByFullGc: true,
    };
    const s = generateSeries(recipe);
    const found = detectRestarts(s.timesSec, s.values);
    expect(found).toHaveLength(11);
    for (const r of s.trueRestartsSec) expect(nearest(found, r)).toBeLessThanOrEqual(15);
  });

  it('finds nothing in noise, GC ramps and RPC spikes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const s = generateSeries({
        ...hour,
        seed,
        restarts: 6,
        gcRamp: 10 * MiB,
        gcPeriodSec: 75,
        rpcSpike: 64 * MiB,
        rpcPerMinute: 0.3,
        rpcSec: 15,
      });
      expect(detectRestarts(s.timesSec, s.values)).toEqual([]);
    }
  });

  it('sees through spikes right after a restart and reports the restart where the spike starts', () => {
    const s = generateSeries({
      ...hour,
      seed: 3,
      restarts: 6,
      retainedPerRestart: 32 * MiB,
      afterRestartSpike: 80 * MiB,
      transientSec: 45,
    });
    const found = detectRestarts(s.timesSec, s.values);
    expect(found).toHaveLength(6);
    for (const r of s.trueRestartsSec) expect(nearest(found, r)).toBeLessThanOrEqual(15);
  });

  it('ignores a dip between close() and open() when nothing is retained', () => {
    const times: number[] = [];
    const values: number[] = [];
    for (let t = 0; t < 3000; t += 10) {
      const inDip = [500, 1000, 1500, 2000, 2500].some((r) => t >= r && t < r + 20);
      times.push(t);
      values.push(inDip ? 100 * MiB : 132 * MiB);
    }
    expect(detectRestarts(times, values)).toEqual([]);
  });

  it('reports step heights (up for a leak, down for a reset)', () => {
    const times = Array.from({ length: 400 }, (_, i) => i);
    const values = times.map((t) => (t < 100 ? 50 : t < 200 ? 66 : t < 300 ? 82 : 50) * MiB);
    const { steps } = findLevelSteps(toGrid(cleanSeries(times, values)));
    expect(steps.map((s) => [s.timeSec, s.height / MiB])).toEqual([
      [100, 16],
      [200, 16],
      [300, -32],
    ]);
  });

  it('returns nothing for series too short or without finite values', () => {
    expect(detectRestarts([], [])).toEqual([]);
    expect(detectRestarts([0, 1, 2], [1, 2, 3])).toEqual([]);
    expect(detectRestarts([0, 1, 2, 3], [Number.NaN, Number.NaN, Number.NaN, Number.NaN])).toEqual([]);
  });
});
