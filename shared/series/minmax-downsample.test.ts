import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './minmax-downsample';

describe('downsampleMinMax', () => {
  it('returns the samples themselves when the window is small enough', () => {
    const result = downsampleMinMax({ values: [1, 2, 3, 4], startSec: 10, stepSec: 2 }, 12, 16, 10);
    expect(Array.from(result.timesSec)).toEqual([12, 14, 16]);
    expect(Array.from(result.values)).toEqual([2, 3, 4]);
    expect(result.exact).toBe(true);
  });

  it('keeps a one-sample spike and a one-sample dip in a long series', () => {
    const values = new Float64Array(86_400).fill(100);
    values[40_001] = 900;
    values[70_000] = -5;
    const result = downsampleMinMax({ values, startSec: 0, stepSec: 1 }, 0, 86_399, 500);
    expect(result.values.length).toBeLessThanOrEqual(1000);
    expect(Math.max(...result.values)).toBe(900);
    expect(Math.min(...result.values)).toBe(-5);
    expect(result.timesSec[result.values.indexOf(900)]).toBe(40_001);
  });

  it('emits points in time order and marks all-NaN buckets as gaps', () => {
    const values = new Float64Array(1000).map((_, i) =>
      i >= 400 && i < 600 ? Number.NaN : Math.sin(i / 10),
    );
    const result = downsampleMinMax({ values, startSec: 0, stepSec: 1 }, 0, 999, 20);
    for (let i = 1; i < result.timesSec.length; i++)
      expect(result.timesSec[i]).toBeGreaterThan(result.timesSec[i - 1]!);
    expect(Array.from(result.values).some(Number.isNaN)).toBe(true);
  });

  it('preserves the extremes of any window (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 1, max: 200 }),
        (raw, buckets) => {
          const values = Float64Array.from(raw);
          const result = downsampleMinMax({ values, startSec: 0, stepSec: 1 }, 0, values.length - 1, buckets);
          expect(result.values.length).toBeLessThanOrEqual(Math.max(values.length, buckets * 2));
          expect(Math.max(...result.values)).toBe(Math.max(...values));
          expect(Math.min(...result.values)).toBe(Math.min(...values));
        },
      ),
    );
  });

  it("picks the same samples as reading each bucket's extremes back by index (property, gaps and ties included)", () => {
    /** The straightforward form: the first lowest and the first highest sample of each bucket, NaN skipped. */
    const reference = (values: Float64Array, buckets: number) => {
      const times: number[] = [];
      const out: number[] = [];
      for (let b = 0; b < buckets; b++) {
        const begin = Math.floor((b * values.length) / buckets);
        const end = Math.floor(((b + 1) * values.length) / buckets);
        let lo = -1;
        let hi = -1;
        for (let i = begin; i < end; i++) {
          if (Number.isNaN(values[i]!)) continue;
          if (lo < 0 || values[i]! < values[lo]!) lo = i;
          if (hi < 0 || values[i]! > values[hi]!) hi = i;
        }
        if (lo < 0) {
          times.push(begin);
          out.push(Number.NaN);
          continue;
        }
        for (const i of lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) {
          times.push(i);
          out.push(values[i]!);
        }
      }
      return { times, out };
    };
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(Number.NaN)), {
          minLength: 50,
          maxLength: 2000,
        }),
        fc.integer({ min: 1, max: 24 }),
        (raw, buckets) => {
          const values = Float64Array.from(raw);
          const result = downsampleMinMax({ values, startSec: 0, stepSec: 1 }, 0, values.length - 1, buckets);
          if (result.exact) return;
          const expected = reference(values, buckets);
          expect(Array.from(result.timesSec)).toEqual(expected.times);
          expect(Array.from(result.values)).toEqual(expected.out);
        },
      ),
    );
  });
});
