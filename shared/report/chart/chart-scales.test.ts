import { describe, expect, it } from 'vitest';
import { linearScale, unionRange, valueRangeFor } from './chart-scales';
import type { ChartSeries } from './chart-series';
import { extentIn, valueAt } from './chart-series';

const MiB = 1024 ** 2;

function series(id: string, points: Array<[number, number]>): ChartSeries {
  return {
    id,
    label: id,
    timesSec: Float64Array.from(points.map((p) => p[0])),
    values: Float64Array.from(points.map((p) => p[1])),
  };
}

const a = series('a', [
  [0, 100 * MiB],
  [60, 300 * MiB],
  [120, Number.NaN],
  [180, 200 * MiB],
]);
const b = series('b', [
  [0, 50 * MiB],
  [90, 900 * MiB],
  [180, 80 * MiB],
]);

describe('valueRangeFor', () => {
  it('starts memory at zero and leaves headroom above the highest visible value', () => {
    const range = valueRangeFor([a], new Set(), { fromSec: 0, toSec: 180 });
    expect(range.min).toBe(0);
    expect(range.max).toBeCloseTo(330 * MiB);
  });

  it('always shows the limit line, and ignores hidden series', () => {
    const limit = [{ value: 1024 * MiB, label: 'direct memory limit' }];
    expect(valueRangeFor([a, b], new Set(['b']), { fromSec: 0, toSec: 180 }, limit).max).toBeGreaterThan(
      1024 * MiB,
    );
    expect(valueRangeFor([a, b], new Set(['b']), { fromSec: 0, toSec: 180 }).max).toBeLessThan(400 * MiB);
  });

  it('includes negative values for a difference chart', () => {
    const diff = series('d', [
      [0, -200 * MiB],
      [60, 100 * MiB],
    ]);
    const range = valueRangeFor([diff], new Set(), { fromSec: 0, toSec: 60 });
    expect(range.min).toBeLessThan(-200 * MiB);
    expect(range.max).toBeGreaterThan(100 * MiB);
  });

  it('gives an empty chart a unit range', () => {
    expect(valueRangeFor([], new Set(), { fromSec: 0, toSec: 1 })).toEqual({ min: 0, max: 1 });
  });
});

describe('series lookups', () => {
  it('reads the latest sample at or before the cursor, NaN in gaps and when stale', () => {
    expect(valueAt(a, 75, 120)).toBe(300 * MiB);
    expect(valueAt(a, 130, 120)).toBeNaN();
    expect(valueAt(a, -1, 120)).toBeNaN();
    expect(valueAt(b, 170, 30)).toBeNaN();
  });

  it('finds the extent of a window including the neighbours that draw into it', () => {
    expect(extentIn(b, 10, 80)).toEqual({ min: 50 * MiB, max: 900 * MiB });
    expect(extentIn(series('e', []), 0, 10)).toBeNull();
  });
});

describe('scales', () => {
  it('maps values linearly, flipped for y', () => {
    const y = linearScale(0, 100, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(25)).toBe(150);
    expect(
      unionRange([
        { min: 0, max: 5 },
        { min: -1, max: 3 },
      ]),
    ).toEqual({ min: -1, max: 5 });
  });
});
