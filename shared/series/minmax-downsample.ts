// Downsampling for display that keeps peaks: each output bucket contributes its minimum and its maximum, in the
// order they occur, so a spike one sample wide still reaches the top of the chart (LTTB can drop one of two
// spikes in a bucket; min/max per pixel column cannot). Series are uniform: value i sits at startSec + i * stepSec.

export interface UniformSeries {
  values: ArrayLike<number>;
  startSec: number;
  stepSec: number;
}

export interface DownsampledSeries {
  timesSec: Float64Array;
  values: Float64Array;
  /** True when every sample in the window was returned as it is. */
  exact: boolean;
}

/**
 * Returns at most 2 × buckets points covering [fromSec, toSec] (inclusive). When the window holds no more samples
 * than that, the samples themselves are returned. NaN samples (gaps) are skipped inside a bucket; a bucket that is
 * all NaN yields one NaN point so the chart breaks the line there.
 */
export function downsampleMinMax(
  series: UniformSeries,
  fromSec: number,
  toSec: number,
  buckets: number,
): DownsampledSeries {
  const { values, startSec, stepSec } = series;
  const first = Math.max(0, Math.ceil((fromSec - startSec) / stepSec));
  const last = Math.min(values.length - 1, Math.floor((toSec - startSec) / stepSec));
  const count = last - first + 1;
  if (count <= 0) return { timesSec: new Float64Array(0), values: new Float64Array(0), exact: true };
  if (count <= buckets * 2) {
    const timesSec = new Float64Array(count);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      timesSec[i] = startSec + (first + i) * stepSec;
      out[i] = values[first + i]!;
    }
    return { timesSec, values: out, exact: true };
  }
  const timesSec = new Float64Array(buckets * 2);
  const out = new Float64Array(buckets * 2);
  let written = 0;
  for (let b = 0; b < buckets; b++) {
    const begin = first + Math.floor((b * count) / buckets);
    const end = first + Math.floor(((b + 1) * count) / buckets);
    // The extremes are kept in locals, not read back through their indexes: every sample of a day passes through
    // here when a chart opens (32 series of 86,400 for a comparison, most of a cold read's time on the backend).
    let minIndex = -1;
    let maxIndex = -1;
    let min = 0;
    let max = 0;
    for (let i = begin; i < end; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      if (minIndex < 0) {
        minIndex = maxIndex = i;
        min = max = v;
      } else if (v < min) {
        min = v;
        minIndex = i;
      } else if (v > max) {
        max = v;
        maxIndex = i;
      }
    }
    if (minIndex < 0) {
      timesSec[written] = startSec + begin * stepSec;
      out[written++] = Number.NaN;
      continue;
    }
    const [a, c] = minIndex <= maxIndex ? [minIndex, maxIndex] : [maxIndex, minIndex];
    timesSec[written] = startSec + a * stepSec;
    out[written++] = values[a]!;
    if (c !== a) {
      timesSec[written] = startSec + c * stepSec;
      out[written++] = values[c]!;
    }
  }
  return { timesSec: timesSec.slice(0, written), values: out.slice(0, written), exact: false };
}
