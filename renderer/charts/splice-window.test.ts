import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../shared/series/minmax-downsample';
import { spliceWindow } from './splice-window';

/** A day of one-second samples: a slow climb, a seeded wobble, a one-sample spike and a gap. */
function daySamples(): Float32Array {
  const values = new Float32Array(86_400);
  let seed = 7;
  for (let i = 0; i < values.length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    values[i] = 1000 + i / 100 + (seed / 2_147_483_648) * 50;
  }
  values[40_001] = 9000;
  values.fill(Number.NaN, 60_000, 60_100);
  return values;
}

function extremes(times: ArrayLike<number>, values: ArrayLike<number>, from: number, to: number) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    const v = values[i] as number;
    if (t < from || t > to || Number.isNaN(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { min, max };
}

describe('a zoomed window set into the whole run', () => {
  const samples = daySamples();
  const series = { values: samples, startSec: 0, stepSec: 1 };
  const whole = downsampleMinMax(series, 0, 86_399, 1200);

  it('keeps the coarse points outside the window and the finer ones inside, in time order', () => {
    const window = downsampleMinMax(series, 39_000, 42_000, 1200);
    const spliced = spliceWindow(whole, window, 39_000, 42_000);
    for (let i = 1; i < spliced.timesSec.length; i++)
      expect(spliced.timesSec[i]!).toBeGreaterThan(spliced.timesSec[i - 1]!);
    const outside = Array.from(whole.timesSec).filter((t) => t < 39_000 || t > 42_000);
    expect(Array.from(spliced.timesSec).filter((t) => t < 39_000 || t > 42_000)).toEqual(outside);
    const inside = Array.from(spliced.timesSec).filter((t) => t >= 39_000 && t <= 42_000);
    expect(inside).toEqual(Array.from(window.timesSec));
    expect(inside.length).toBeGreaterThan(
      Array.from(whole.timesSec).filter((t) => t >= 39_000 && t <= 42_000).length,
    );
  });

  it('draws the same envelope as the samples at every zoom: the spike and the window extremes stay', () => {
    for (const [from, to] of [
      [0, 86_399],
      [30_000, 50_000],
      [39_990, 40_010],
      [59_950, 60_200],
    ] as const) {
      const window = downsampleMinMax(series, from, to, 1200);
      const spliced = spliceWindow(whole, window, from, to);
      expect(extremes(spliced.timesSec, spliced.values, from, to)).toEqual(
        extremes(
          Float32Array.from(samples, (_v, i) => i),
          samples,
          from,
          to,
        ),
      );
      expect(extremes(spliced.timesSec, spliced.values, 0, 86_399)).toEqual(
        extremes(whole.timesSec, whole.values, 0, 86_399),
      );
    }
  });

  it('keeps the gap: a window over missing samples still breaks the line', () => {
    const window = downsampleMinMax(series, 59_950, 60_200, 1200);
    const spliced = spliceWindow(whole, window, 59_950, 60_200);
    const gap = Array.from(spliced.timesSec).findIndex((t) => t >= 60_000 && t < 60_100);
    expect(Number.isNaN(spliced.values[gap]!)).toBe(true);
  });

  it('leaves the whole run as it is for a window with no points, and refuses mismatched arrays', () => {
    const empty = { timesSec: new Float32Array(0), values: new Float32Array(0) };
    expect(Array.from(spliceWindow(whole, empty, 10, 20).values)).toEqual(
      Array.from(Float32Array.from(whole.values)),
    );
    expect(() =>
      spliceWindow(whole, { timesSec: new Float32Array(2), values: new Float32Array(1) }, 0, 1),
    ).toThrow(/different number of times and values/);
  });
});
