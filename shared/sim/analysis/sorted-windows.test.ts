import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelOf } from './memory-level';
import { WindowLevels } from './sorted-windows';

describe('WindowLevels', () => {
  it('gives each width the levels of its windows, as read from the bins directly', () => {
    const grid = fc
      .array(fc.oneof(fc.constantFrom(Number.NaN, 5, 5, 5), fc.integer({ min: -20, max: 20 })), {
        maxLength: 700,
        size: 'max',
      })
      .map((v) => Float64Array.from(v));
    fc.assert(
      fc.property(grid, (y) => {
        const windows = new WindowLevels(y, new Float64Array(y.length));
        const widths: number[] = [];
        for (let level = windows.next(); level !== undefined; level = windows.next()) {
          const { w, stride, count } = windows;
          widths.push(w);
          expect(count).toBe(Math.floor((y.length - w) / stride) + 1);
          const direct = Array.from({ length: count }, (_, k) => levelOf(y, k * stride, k * stride + w));
          expect(Array.from(level.subarray(0, count))).toEqual(direct);
        }
        // Widths 2, 4, 8 ... while four windows' worth fits.
        expect(widths).toEqual(widths.map((_, i) => 2 ** (i + 1)).filter((w) => 4 * w <= y.length));
      }),
      { numRuns: 300 },
    );
  });
});
