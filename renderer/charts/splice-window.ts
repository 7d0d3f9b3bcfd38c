// A zoomed window's finer points set into a whole run's coarse ones: the chart keeps the whole run (panning out of
// the window shows the coarse points until the next window comes) and shows the window at its own resolution. Both
// are min/max downsamples of the same samples (each bucket keeps its lowest and highest), so the envelope is the same
// at every zoom: inside the window each coarse bucket's extremes are among the finer points.

export interface TimedValues {
  timesSec: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** The first index whose time is at least `t` (times ascending). */
function firstAtOrAfter(times: ArrayLike<number>, t: number, inclusive: boolean): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = times[mid] as number;
    if (inclusive ? v < t : v <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `whole`'s points before `fromSec` and after `toSec`, with `window`'s points (which cover [fromSec, toSec]) between
 * them. A window with no points leaves `whole` as it is.
 */
export function spliceWindow(
  whole: TimedValues,
  window: TimedValues,
  fromSec: number,
  toSec: number,
): { timesSec: Float32Array; values: Float32Array } {
  if (window.timesSec.length !== window.values.length || whole.timesSec.length !== whole.values.length) {
    throw new Error('spliceWindow: a series has a different number of times and values');
  }
  const count = window.timesSec.length;
  if (count === 0)
    return { timesSec: Float32Array.from(whole.timesSec), values: Float32Array.from(whole.values) };
  const from = Math.min(fromSec, window.timesSec[0] as number);
  const to = Math.max(toSec, window.timesSec[count - 1] as number);
  const before = firstAtOrAfter(whole.timesSec, from, true);
  const after = firstAtOrAfter(whole.timesSec, to, false);
  const length = before + count + (whole.timesSec.length - after);
  const timesSec = new Float32Array(length);
  const values = new Float32Array(length);
  let o = 0;
  for (let i = 0; i < before; i++, o++) {
    timesSec[o] = whole.timesSec[i] as number;
    values[o] = whole.values[i] as number;
  }
  for (let i = 0; i < count; i++, o++) {
    timesSec[o] = window.timesSec[i] as number;
    values[o] = window.values[i] as number;
  }
  for (let i = after; i < whole.timesSec.length; i++, o++) {
    timesSec[o] = whole.timesSec[i] as number;
    values[o] = whole.values[i] as number;
  }
  return { timesSec, values };
}
