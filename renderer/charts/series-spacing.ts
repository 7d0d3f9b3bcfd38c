// Typical spacing of a series' samples, estimated from a sample of its gaps (a full median over 3,000 points on
// every data refresh would be wasted work for a cursor tolerance).

/** Median of up to 255 evenly picked gaps between consecutive times; 0 for fewer than two samples. */
export function medianSpacingOf(times: ArrayLike<number>): number {
  const n = times.length;
  if (n < 2) return 0;
  const picks = Math.min(255, n - 1);
  const gaps = new Float64Array(picks);
  for (let k = 0; k < picks; k++) {
    const i = 1 + Math.floor((k * (n - 1)) / picks);
    gaps[k] = (times[i] as number) - (times[i - 1] as number);
  }
  gaps.sort();
  return gaps[picks >> 1]!;
}
