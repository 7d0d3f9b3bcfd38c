import { describe, expect, it } from 'vitest';
import { cyclesOf, floorGrid } from './floor-grid';
import { findLevelSteps } from './restart-detection';
import { cleanSeries, toGrid } from './series-grid';
import { gaussian, MiB, seededRandom } from './test-series';

/**
 * Direct memory of a JVM sampled every 250 ms: a 12 MiB base, RPC garbage ramping 8 MiB over each 2.5 s young-GC
 * cycle (with jitter), and `step` more from each restart on (restarts every 60 s).
 */
function gcSawtooth(seed: number, step: number) {
  const random = seededRandom(seed);
  const times: number[] = [];
  const values: number[] = [];
  let phase = 0;
  let period = 2.5;
  for (let t = 0; t < 360; t += 0.25) {
    phase += 0.25;
    if (phase >= period) {
      phase = 0;
      period = 2 + random();
    }
    const restarts = Math.floor(t / 60);
    times.push(t);
    values.push(12 * MiB + restarts * step + (8 * MiB * phase) / period + 0.3 * MiB * gaussian(random));
  }
  return cleanSeries(times, values);
}

describe('floorGrid', () => {
  it('reads the GC rhythm: about one peak per cycle on a saw-tooth, one per three bins in white noise', () => {
    const series = gcSawtooth(1, 0);
    expect(cyclesOf(toGrid(series).values).binsPerCycle).toBeGreaterThan(6);
    const random = seededRandom(2);
    const noise = Float64Array.from({ length: 3000 }, () => gaussian(random));
    expect(cyclesOf(noise).binsPerCycle).toBeCloseTo(3, 0);
  });

  it("finds 5 MiB steps under an 8 MiB GC saw-tooth that the series' own grid misses", () => {
    const onOwnGrid: number[] = [];
    for (const seed of [3, 4, 5]) {
      const series = gcSawtooth(seed, 5 * MiB);
      const grid = toGrid(series);
      onOwnGrid.push(findLevelSteps(grid).steps.length);
      const floor = floorGrid(series, 0, series.timesSec.length, grid);
      expect(floor.binSec).toBeGreaterThan(grid.binSec);
      const steps = findLevelSteps(floor).steps;
      expect(steps).toHaveLength(5);
      steps.forEach((s, k) => {
        expect(Math.abs(s.timeSec - 60 * (k + 1))).toBeLessThan(6);
      });
    }
    expect(onOwnGrid.some((n) => n < 5)).toBe(true);
  });

  it('finds no step in the saw-tooth alone, and leaves a series without a rhythm on its own grid', () => {
    const series = gcSawtooth(6, 0);
    const grid = toGrid(series);
    expect(findLevelSteps(floorGrid(series, 0, series.timesSec.length, grid)).steps).toEqual([]);
    const random = seededRandom(7);
    const noise = cleanSeries(
      Array.from({ length: 1000 }, (_, i) => i),
      Array.from({ length: 1000 }, () => gaussian(random)),
    );
    const noiseGrid = toGrid(noise);
    expect(floorGrid(noise, 0, 1000, noiseGrid)).toBe(noiseGrid);
  });
});
