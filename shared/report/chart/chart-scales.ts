// The chart's value range: zero-based for memory and counters, always showing the limit line, with headroom for
// its label; and the x window clamped to the run so zoom and pan never leave it.
import type { ChartSeries, LimitLine, TimeRange } from './chart-series';
import { extentIn } from './chart-series';

export interface ValueRange {
  min: number;
  max: number;
}

/** Headroom above the highest value or limit, so the limit label and the top markers do not sit on a line. */
const HEADROOM = 0.1;

/**
 * The y range for the visible window: from 0 (or the lowest value when negative, as a difference can be) to the
 * highest visible value or limit, plus headroom. Hidden series do not count. An empty chart gets 0..1 of the unit
 * (or 0..limit).
 */
export function valueRangeFor(
  series: readonly ChartSeries[],
  hidden: ReadonlySet<string>,
  window: TimeRange,
  limits: readonly LimitLine[] = [],
): ValueRange {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    if (hidden.has(s.id)) continue;
    const extent = extentIn(s, window.fromSec, window.toSec);
    if (!extent) continue;
    if (extent.min < min) min = extent.min;
    if (extent.max > max) max = extent.max;
  }
  for (const limit of limits) {
    if (Number.isFinite(limit.value) && limit.value > max) max = limit.value;
  }
  if (!(max >= min)) return { min: 0, max: 1 };
  const low = Math.min(0, min);
  const high = Math.max(0, max);
  const span = high - low || Math.abs(high) || 1;
  return {
    min: low < 0 ? low - span * HEADROOM : 0,
    max: high + span * HEADROOM,
  };
}

/** Union of ranges (for a y scale shared by small multiples). */
export function unionRange(ranges: readonly ValueRange[]): ValueRange {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const r of ranges) {
    if (r.min < min) min = r.min;
    if (r.max > max) max = r.max;
  }
  return min <= max ? { min, max } : { min: 0, max: 1 };
}

/** A linear map from a value range onto pixels (`flip` for y, where larger values are higher up). */
export function linearScale(
  domainMin: number,
  domainMax: number,
  pxStart: number,
  pxEnd: number,
): (value: number) => number {
  const span = domainMax - domainMin || 1;
  const k = (pxEnd - pxStart) / span;
  return (value) => pxStart + (value - domainMin) * k;
}
