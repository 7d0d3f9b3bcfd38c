// What a chart is given: series with their own sample times (min/max downsampling picks different seconds for
// each series, so they share no x array), optional groups (runs, for overlays), limit lines and events.

export interface ChartSeries {
  /** Stable id across data refreshes, e.g. `run-3/tm-1`; keeps colour, visibility and the legend row. */
  id: string;
  /** What the legend shows, e.g. `tm-1`. */
  label: string;
  /** Seconds from the run's start, ascending. */
  timesSec: ArrayLike<number>;
  /** One value per time; NaN is a gap (no JVM while a container is replaced) and breaks the line. */
  values: ArrayLike<number>;
  /** A group (run) id from `groups`, for overlays. */
  groupId?: string;
  /** Overrides the palette. */
  color?: string;
}

export interface SeriesGroup {
  id: string;
  /** e.g. `Run #4 · removed layer 3`. */
  label: string;
  /** Wall-clock time of the run's t = 0 (epoch ms), so the tooltip can show both clocks. */
  wallClockStartMs?: number;
  /** The run's colour; its series are shades of it unless they bring their own. */
  color?: string;
}

export interface LimitLine {
  value: number;
  /** e.g. `direct memory limit`; the value is appended unless `hideValue`. */
  label: string;
  color?: string;
  hideValue?: boolean;
}

/** The text drawn on a limit line. */
export function limitText(limit: LimitLine, format: (value: number) => string): string {
  return limit.hideValue ? limit.label : `${limit.label} ${format(limit.value)}`;
}

/** An event as the lab lists it (SimEvent), optionally tied to a group when several runs share a chart. */
export interface ChartEvent {
  t: number;
  kind: string;
  taskManager?: string;
  container?: string;
  operator?: string;
  message: string;
  groupId?: string;
}

export interface TimeRange {
  fromSec: number;
  toSec: number;
}

/** Index of the first time >= t in an ascending array (binary search). */
export function lowerBound(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The series' value at time t as a gauge reads: the latest sample at or before t. NaN before the first sample,
 * in a gap, or when the latest sample is older than `staleSec` (so the cursor does not invent values).
 */
export function valueAt(
  series: Pick<ChartSeries, 'timesSec' | 'values'>,
  t: number,
  staleSec: number,
): number {
  const k = lowerBound(series.timesSec, t + 1e-6) - 1;
  if (k < 0) return Number.NaN;
  if (t - (series.timesSec[k] as number) > staleSec) return Number.NaN;
  return series.values[k] as number;
}

/** Min and max of the finite values with times in [fromSec, toSec]; null when there is none. */
export function extentIn(
  series: Pick<ChartSeries, 'timesSec' | 'values'>,
  fromSec: number,
  toSec: number,
): { min: number; max: number } | null {
  const start = Math.max(0, lowerBound(series.timesSec, fromSec) - 1);
  const end = Math.min(series.timesSec.length, lowerBound(series.timesSec, toSec) + 1);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const v = series.values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : null;
}

/** Total number of points, for the render measure's detail. */
export function pointCount(series: readonly ChartSeries[]): number {
  let n = 0;
  for (const s of series) n += s.values.length;
  return n;
}
