import { describe, expect, it } from 'vitest';
import { Prng } from './prng';

describe('Prng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const sa = Array.from({ length: 20 }, () => a.nextUint32());
    const sb = Array.from({ length: 20 }, () => b.nextUint32());
    const sc = Array.from({ length: 20 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const rng = new Prng(7);
    const buckets = new Array<number>(10).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      min = Math.min(min, x);
      max = Math.max(max, x);
      buckets[Math.floor(x * 10)]! += 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(600);
  });

  it('samples distinct indices in range', () => {
    const rng = new Prng(3);
    const picked = rng.sample(32, 5);
    expect(picked).toHaveLength(5);
    expect(new Set(picked).size).toBe(5);
    for (const i of picked) expect(i >= 0 && i < 32).toBe(true);
    expect(rng.sample(3, 10)).toEqual([0, 1, 2]);
  });

  it('distinguishes seeds above 2^32', () => {
    expect(new Prng(1).nextUint32()).not.toBe(new Prng(1 + 2 ** 32).nextUint32());
  });
});
