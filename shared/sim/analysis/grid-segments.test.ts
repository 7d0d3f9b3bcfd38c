import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GridSegments } from './grid-segments';
import { levelOf } from './memory-level';
import { interquartileRange, median, quantile } from './robust-statistics';

// What GridSegments answers, computed directly from the bins: its caches and merged orders must not change a thing.
function trendAtEdges(y: Float64Array, from: number, to: number): [number, number] {
  const centre = median(y, from, to);
  if (to - from < 8) return [centre, centre];
  const mid = Math.floor((from + to) / 2);
  const slope = (median(y, mid, to) - median(y, from, mid)) / ((to - from) / 2);
  const half = (to - from) / 2;
  return [centre - slope * half, centre + slope * half];
}

function spreadOver(y: Float64Array, from: number, to: number): number {
  const width = Math.min(8, y.length);
  const windows: { from: number; spread: number }[] = [];
  for (let start = 0; start + width <= y.length; start += Math.max(1, width / 2)) {
    let held = 0;
    for (let i = start; i < start + width; i++) if (Number.isFinite(y[i] as number)) held++;
    if (held >= width / 2) windows.push({ from: start, spread: interquartileRange(y, start, start + width) });
  }
  let inside = windows.filter((w) => w.from >= from && w.from + 8 <= to);
  if (inside.length === 0) inside = windows.filter((w) => w.from < to && w.from + 8 > from);
  return inside.length > 0
    ? quantile(
        inside.map((w) => w.spread),
        0.25,
      ) || 0
    : 0;
}

// Grids with gaps, runs of one value and steps.
const grid = fc
  .array(fc.oneof(fc.constantFrom(Number.NaN, 10, 10, 10, 20), fc.integer({ min: 0, max: 40 })), {
    minLength: 1,
    maxLength: 160,
    size: 'max',
  })
  .map((v) => Float64Array.from(v));

/** Cuts inside the grid, and an order in which to drop them. */
const cutsAndDrops = grid.chain((y) =>
  fc.tuple(
    fc.constant(y),
    fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, y.length - 1) }), { maxLength: 40, size: 'max' }),
    fc.array(fc.nat(), { maxLength: 40, size: 'max' }),
  ),
);

function boundsOf(y: Float64Array, cuts: readonly number[]): number[] {
  return [0, ...[...cuts].filter((c) => c > 0 && c < y.length).sort((a, b) => a - b), y.length];
}

describe('GridSegments', () => {
  it('answers as the direct computation does, while cuts are dropped', () => {
    fc.assert(
      fc.property(cutsAndDrops, ([y, cuts, drops]) => {
        const segments = new GridSegments(y);
        let bounds = boundsOf(y, cuts);
        const asked: { from: number; to: number; pairEnd: number; answers: number[] }[] = [];
        for (let round = 0; ; round++) {
          for (let k = 0; k + 1 < bounds.length; k++) {
            const from = bounds[k] as number;
            const to = bounds[k + 1] as number;
            const pairEnd = bounds[Math.min(k + 2, bounds.length - 1)] as number;
            asked.push({
              from,
              to,
              pairEnd,
              answers: [
                segments.level(from, to),
                segments.trendAtStart(from, to),
                segments.trendAtEnd(from, to),
                segments.count(from, to),
                segments.spreadOver(from, pairEnd),
              ],
            });
          }
          if (bounds.length <= 2 || round >= drops.length) break;
          const dropped = 1 + ((drops[round] as number) % (bounds.length - 2));
          bounds = bounds.filter((_, i) => i !== dropped);
        }
        for (const { from, to, pairEnd, answers } of asked) {
          expect(answers).toEqual([
            levelOf(y, from, to),
            ...trendAtEdges(y, from, to),
            y.subarray(from, to).filter(Number.isFinite).length,
            spreadOver(y, from, pairEnd),
          ]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads the spread of the windows inside a range, or of those overlapping it', () => {
    fc.assert(
      fc.property(grid, fc.nat(), fc.nat(), (y, a, b) => {
        const from = a % (y.length + 1);
        const to = from + (b % (y.length + 1 - from));
        expect(new GridSegments(y).spreadOver(from, to)).toBe(spreadOver(y, from, to));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses to answer once a newer one has taken over the shared arrays', () => {
    const older = new GridSegments(Float64Array.of(1, 2, 3));
    new GridSegments(Float64Array.of(4, 5, 6));
    expect(() => older.level(0, 3)).toThrow(/newer/);
  });
});
