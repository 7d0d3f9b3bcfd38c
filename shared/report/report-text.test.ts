import { describe, expect, it } from 'vitest';
import { isoMillis } from './report-text';

describe('isoMillis', () => {
  it('says what Date#toISOString says, across days, years, the epoch and the ends of the Date range', () => {
    const times = [
      0,
      -0,
      1,
      -1,
      999,
      86_399_999,
      86_400_000,
      -86_400_000,
      -86_400_001,
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 0, 1) + 86_399_999,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1),
      Date.UTC(-1, 5, 6, 7, 8, 9, 10),
      8.64e15,
      -8.64e15,
      1.5,
      -1.5,
    ];
    // A seeded walk through the years in between, in order and out of it (the day cache must not leak).
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      times.push(Math.round((x / 2147483648 - 0.5) * 2 * 4e14), Date.UTC(2026, 0, 1) + i * 997);
    }
    for (const ms of times) expect(isoMillis(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('throws as Date does outside its range or for NaN', () => {
    for (const ms of [8.64e15 + 1, -8.64e15 - 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => isoMillis(ms), String(ms)).toThrow(RangeError);
    }
  });
});
