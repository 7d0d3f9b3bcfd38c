import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GridSegments } from './grid-segments';
import { LevelFit } from './level-fit';

// Grids with gaps, runs of one value and steps; cuts inside them, and an order in which to drop them.
const cutsAndDrops = fc
  .array(fc.oneof(fc.constantFrom(Number.NaN, 10, 10, 10, 20), fc.integer({ min: 0, max: 40 })), {
    minLength: 1,
    maxLength: 160,
    size: 'max',
  })
  .map((v) => Float64Array.from(v))
  .chain((y) =>
    fc.tuple(
      fc.constant(y),
      fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, y.length - 1) }), { maxLength: 40, size: 'max' }),
      fc.array(fc.nat(), { maxLength: 40, size: 'max' }),
    ),
  );

function cutsInside(y: Float64Array, cuts: readonly number[]): Int32Array {
  return Int32Array.from(cuts.filter((c) => c > 0 && c < y.length).sort((a, b) => a - b));
}

describe('LevelFit', () => {
  it('after dropping cuts, holds what a fit of the remaining cuts from scratch holds', () => {
    fc.assert(
      fc.property(cutsAndDrops, fc.constantFrom(1e-9, 1, 5), ([y, cuts, drops], floor) => {
        const initial = cutsInside(y, cuts);
        const fit = new LevelFit(new GridSegments(y), initial, floor);
        const snapshots: { cuts: number[]; values: number[][] }[] = [];
        const snapshot = () =>
          snapshots.push({
            cuts: Array.from(fit.bounds.subarray(1, fit.cutCount + 1)),
            values: [
              Array.from(fit.levels.subarray(0, fit.cutCount + 1)),
              Array.from(fit.heights.subarray(0, fit.cutCount)),
              Array.from(fit.thresholds.subarray(0, fit.cutCount)),
              Array.from(fit.strengths.subarray(0, fit.cutCount)),
            ],
          });
        snapshot();
        for (const d of drops) {
          if (fit.cutCount === 0) break;
          // Drop one cut, or a run of up to three (as an excursion is dropped).
          const first = d % fit.cutCount;
          const last = Math.min(fit.cutCount - 1, first + (d % 3));
          fit.drop((k) => k >= first && k <= last);
          snapshot();
        }
        for (const { cuts: remaining, values } of snapshots) {
          const fresh = new LevelFit(new GridSegments(y), Int32Array.from(remaining), floor);
          expect(values).toEqual([
            Array.from(fresh.levels.subarray(0, fresh.cutCount + 1)),
            Array.from(fresh.heights.subarray(0, fresh.cutCount)),
            Array.from(fresh.thresholds.subarray(0, fresh.cutCount)),
            Array.from(fresh.strengths.subarray(0, fresh.cutCount)),
          ]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
