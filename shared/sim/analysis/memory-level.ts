// What "the level" of a stretch of a memory series means here: its lower quartile. Memory settles at what is
// live after a GC; what disturbs it sits above (transient garbage piling up until a GC, RPC payloads, spikes
// after a restart), so a low quantile reads towards the floor and shrugs off upward disturbances filling up to
// 75% of a window, while a quarter of stray low samples (a dip, zeros in an export) cannot pull it down. (The
// 10th percentile reads the floor better under long GC ramps but is too noisy on short intervals.)

import { quantile, sortedPairQuantile, sortedQuantile } from './robust-statistics';

export const LEVEL_QUANTILE = 0.25;

/** Level of values[from..to), NaN when that range holds no finite value. */
export function levelOf(values: ArrayLike<number>, from = 0, to = values.length): number {
  return quantile(values, LEVEL_QUANTILE, from, to);
}

/** Level of values already sorted ascending (finite only) in `sorted[from..to)`; NaN when the range is empty. */
export function levelOfSorted(sorted: ArrayLike<number>, from: number, to: number): number {
  return sortedQuantile(sorted, LEVEL_QUANTILE, from, to);
}

/** Level of the union of the ascending runs sorted[a..a+aLength) and sorted[b..b+bLength), without merging them. */
export function levelOfTwoSorted(
  sorted: ArrayLike<number>,
  a: number,
  aLength: number,
  b: number,
  bLength: number,
): number {
  return sortedPairQuantile(sorted, LEVEL_QUANTILE, a, a + aLength, b, b + bLength);
}
