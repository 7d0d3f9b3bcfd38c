import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallestKeys } from './smallest-keys';

describe('smallestKeys', () => {
  it('picks the front of a stable sort by key', () => {
    // Few distinct keys: ties decide most picks.
    const keys = fc.array(fc.constantFrom(0, 0.25, 0.5, 0.5, 1, -1, 3), { maxLength: 120, size: 'max' });
    fc.assert(
      fc.property(keys, fc.nat(130), (k, wanted) => {
        const count = Math.min(wanted, k.length);
        const order = new Int32Array(k.length);
        smallestKeys(Float64Array.from(k), k.length, count, order);
        const stable = k.map((_, i) => i).sort((a, b) => (k[a] as number) - (k[b] as number));
        expect([...order.subarray(0, count)].sort((a, b) => a - b)).toEqual(
          stable.slice(0, count).sort((a, b) => a - b),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
