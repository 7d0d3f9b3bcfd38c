import { describe, expect, it } from 'vitest';
import { cleanSeries, medianSpacing, toGrid } from './series-grid';

describe('cleanSeries', () => {
  it('drops missing samples and sorts late ones into place', () => {
    const s = cleanSeries([0, 2, 1, 3, Number.NaN], [10, Number.NaN, 11, 13, 14]);
    expect(Array.from(s.timesSec)).toEqual([0, 1, 3]);
    expect(Array.from(s.values)).toEqual([10, 11, 13]);
  });
});

describe('toGrid', () => {
  it('gives evenly spaced samples one bin each', () => {
    const times = Array.from({ length: 100 }, (_, i) => 1000 + i * 15);
    const grid = toGrid(
      cleanSeries(
        times,
        times.map((t) => t * 2),
      ),
    );
    expect(grid.values).toHaveLength(100);
    expect(grid.binSec).toBe(15);
    expect(Array.from(grid.values)).toEqual(times.map((t) => t * 2));
    expect(Array.from(grid.firstSampleSec)).toEqual(times);
  });

  it('leaves gaps empty and summarises long series with the median of each bin', () => {
    const times = [0, 1, 2, 3, 10, 11];
    const grid = toGrid(cleanSeries(times, [5, 5, 5, 5, 7, 7]));
    expect(Number.isNaN(grid.values[6] as number)).toBe(true);
    const long = Array.from({ length: 10000 }, (_, i) => i);
    const summarised = toGrid(
      cleanSeries(
        long,
        long.map((i) => (i % 50 === 0 ? 1e9 : 1)),
      ),
      0,
      long.length,
      100,
    );
    expect(summarised.values).toHaveLength(100);
    expect(Array.from(summarised.values).every((v) => v === 1)).toBe(true);
  });

  it('measures the median spacing of irregular samples', () => {
    expect(medianSpacing([0, 1, 3, 4, 5])).toBe(1);
    expect(medianSpacing([7])).toBe(0);
  });
});
