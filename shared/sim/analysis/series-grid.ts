// Puts an irregular, gappy series on a regular time grid (one robust value per bin) so that the step analysis
// can work in bins instead of samples: gaps stay visible as empty bins and single-sample spikes lose weight.

import { median } from './robust-statistics';

export interface CleanSeries {
  timesSec: Float64Array;
  values: Float64Array;
}

/** The samples with a finite time and value, sorted by time (stable for ties). */
export function cleanSeries(timesSec: ArrayLike<number>, values: ArrayLike<number>): CleanSeries {
  const n = Math.min(timesSec.length, values.length);
  const kept = new Int32Array(n);
  let count = 0;
  let sorted = true;
  let lastSec = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = timesSec[i] as number;
    if (!Number.isFinite(t) || !Number.isFinite(values[i] as number)) continue;
    if (t < lastSec) sorted = false;
    lastSec = t;
    kept[count++] = i;
  }
  // Late samples are rare: only then is there anything to sort.
  const order = sorted
    ? kept.subarray(0, count)
    : Array.from(kept.subarray(0, count)).sort(
        (a, b) => (timesSec[a] as number) - (timesSec[b] as number) || a - b,
      );
  const t = new Float64Array(count);
  const v = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const src = order[k] as number;
    t[k] = timesSec[src] as number;
    v[k] = values[src] as number;
  }
  return { timesSec: t, values: v };
}

export interface SeriesGrid {
  /** Start of bin 0, in the series' own seconds. */
  startSec: number;
  binSec: number;
  /** Median of the samples in each bin; NaN where a bin holds none (a gap). */
  values: Float64Array;
  /** Time of the first sample in each bin (NaN for empty bins): where a step is reported. */
  firstSampleSec: Float64Array;
}

/** Index of the first sample with time >= t (binary search over sorted times). */
export function lowerBound(timesSec: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = timesSec.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((timesSec[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Median spacing between consecutive samples (0 for fewer than two). */
export function medianSpacing(timesSec: ArrayLike<number>): number {
  if (timesSec.length < 2) return 0;
  const d = new Float64Array(timesSec.length - 1);
  for (let i = 1; i < timesSec.length; i++) d[i - 1] = (timesSec[i] as number) - (timesSec[i - 1] as number);
  return median(d);
}

/**
 * Bins the samples [first, end) of a clean series. The bin is the median sample spacing, widened so that there
 * are at most `maxBins` bins and none is shorter than `minBinSec`: long recordings are summarised, short ones keep
 * about one sample per bin. A bin's value is the median of its samples, or what `binValue` reads of them.
 */
export function toGrid(
  series: CleanSeries,
  first = 0,
  end = series.timesSec.length,
  maxBins = 2048,
  minBinSec = 0,
  binValue: (values: Float64Array, from: number, to: number) => number = median,
): SeriesGrid {
  const times = series.timesSec;
  if (end <= first) {
    return {
      startSec: Number.NaN,
      binSec: 1,
      values: new Float64Array(0),
      firstSampleSec: new Float64Array(0),
    };
  }
  const firstSec = times[first] as number;
  const spacing = medianSpacing(times.subarray(first, end));
  const lastSec = times[end - 1] as number;
  // The span covers the last sample's own bin, so a series of n evenly spaced samples gets n bins.
  const span = lastSec - firstSec + (spacing > 0 ? spacing : 1);
  const binSec = Math.max(spacing > 0 ? spacing : span, span / maxBins, minBinSec);
  // Bins are centred on evenly spaced samples, so rounding never puts two samples in one bin.
  const startSec = firstSec - binSec / 2;
  const bins = Math.max(1, Math.min(maxBins, Math.ceil(span / binSec - 1e-9)));
  const values = new Float64Array(bins).fill(Number.NaN);
  const firstSampleSec = new Float64Array(bins).fill(Number.NaN);
  let i = first;
  for (let b = 0; b < bins && i < end; b++) {
    const binEnd = startSec + (b + 1) * binSec;
    const from = i;
    while (i < end && (b === bins - 1 || (times[i] as number) < binEnd)) i++;
    if (i > from) {
      // Most bins hold one sample (a grid is as fine as the samples allow): its own value is its median.
      values[b] = i - from === 1 ? (series.values[from] as number) : binValue(series.values, from, i);
      firstSampleSec[b] = times[from] as number;
    }
  }
  return { startSec, binSec, values, firstSampleSec };
}

/** The bin holding time t, clamped to the grid. */
export function binOf(grid: SeriesGrid, t: number): number {
  const b = Math.floor((t - grid.startSec) / grid.binSec);
  return Math.min(grid.values.length, Math.max(0, b));
}
