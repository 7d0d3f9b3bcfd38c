// Order statistics that ignore NaN (missing samples): the analysis leans on medians and MADs so that spikes,
// GC drops and gaps do not move its estimates.

/** The finite values of `values[from..to)`, copied so callers can sort them. */
function finiteSlice(values: ArrayLike<number>, from = 0, to = values.length): Float64Array {
  const out = new Float64Array(Math.max(0, to - from));
  let n = 0;
  for (let i = Math.max(0, from); i < Math.min(to, values.length); i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out[n++] = v;
  }
  return out.subarray(0, n);
}

/** Linear-interpolated quantile (q in 0..1) of the finite values in `values[from..to)`; NaN when there are none. */
export function quantile(values: ArrayLike<number>, q: number, from = 0, to = values.length): number {
  const sorted = finiteSlice(values, from, to).sort();
  return sortedQuantile(sorted, q);
}

/** Quantile of values already sorted ascending (no NaN). */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = Math.min(1, Math.max(0, q)) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const frac = pos - lo;
  return (sorted[lo] as number) * (1 - frac) + (sorted[hi] as number) * frac;
}

export function median(values: ArrayLike<number>, from = 0, to = values.length): number {
  return quantile(values, 0.5, from, to);
}

/** Median absolute deviation from the median, scaled by 1.4826 so it estimates a normal standard deviation. */
export function robustSigma(values: ArrayLike<number>): number {
  const finite = finiteSlice(values);
  if (finite.length === 0) return Number.NaN;
  const m = sortedQuantile(Float64Array.from(finite).sort(), 0.5);
  for (let i = 0; i < finite.length; i++) finite[i] = Math.abs((finite[i] as number) - m);
  return 1.4826 * sortedQuantile(finite.sort(), 0.5);
}

export function countFinite(values: ArrayLike<number>, from = 0, to = values.length): number {
  let n = 0;
  for (let i = Math.max(0, from); i < Math.min(to, values.length); i++) {
    if (Number.isFinite(values[i] as number)) n++;
  }
  return n;
}

/** Upper minus lower quartile of the finite values (NaN when there are none). */
export function interquartileRange(values: ArrayLike<number>, from = 0, to = values.length): number {
  const sorted = Float64Array.from(values).subarray(from, to).filter(Number.isFinite).sort();
  return sortedQuantile(sorted, 0.75) - sortedQuantile(sorted, 0.25);
}
