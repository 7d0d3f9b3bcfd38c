import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressNonMaxima } from './non-maximum-suppression';

/** The definition: strongest first (of two as strong, the earlier), unless one taken lies within the radius. */
function greedy(positions: number[], strengths: number[], radius: number): number[] {
  const order = positions
    .map((_, i) => i)
    .sort((a, b) => (strengths[b] as number) - (strengths[a] as number));
  const taken: number[] = [];
  for (const i of order) {
    if (taken.some((j) => Math.abs((positions[j] as number) - (positions[i] as number)) <= radius)) continue;
    taken.push(i);
  }
  return positions.map((_, i) => (taken.includes(i) ? 1 : 0));
}

describe('suppressNonMaxima', () => {
  it('takes what greedy suppression strongest first takes', () => {
    const points = fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(1, 2, 2, 3, 5, 8)), {
      maxLength: 150,
      size: 'max',
    });
    fc.assert(
      fc.property(points, fc.constantFrom(1, 2, 4, 8), (p, radius) => {
        // Positions ascending with gaps of 1 to 4; strengths with many ties and monotone runs.
        const positions: number[] = [];
        let at = 0;
        for (const [gap] of p) {
          at += gap;
          positions.push(at);
        }
        const strengths = p.map(([, s]) => s);
        const taken = suppressNonMaxima(
          Float64Array.from(positions),
          Float64Array.from(strengths),
          positions.length,
          radius,
        );
        expect(Array.from(taken.subarray(0, positions.length))).toEqual(greedy(positions, strengths, radius));
      }),
      { numRuns: 1000 },
    );
  });

  it('handles a long climb, each point stronger than the one before', () => {
    const n = 5000;
    const positions = Float64Array.from({ length: n }, (_, i) => i);
    const taken = suppressNonMaxima(positions, Float64Array.from(positions), n, 1);
    // Taken from the top down, every other point.
    expect(taken[n - 1]).toBe(1);
    expect(taken[n - 2]).toBe(0);
    expect(taken[n - 3]).toBe(1);
  });
});
