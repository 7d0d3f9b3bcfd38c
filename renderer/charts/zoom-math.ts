// Zoom and pan arithmetic for the time axis, the same for the charts and the heat map: wheel zoom keeps the time
// under the cursor still, pan moves by what the pointer moved, and every window stays inside the run.
import type { TimeRange } from '../../shared/report/chart/chart-series';

/** Never zoom closer than this many seconds: one-second samples stop meaning anything below it. */
export const MIN_SPAN_SEC = 20;

/** Keeps a window inside the domain, at least MIN_SPAN_SEC wide (or the whole domain when that is shorter). */
export function clampRange(range: TimeRange, domain: TimeRange): TimeRange {
  const domainSpan = Math.max(0, domain.toSec - domain.fromSec);
  let span = Math.min(domainSpan, Math.max(MIN_SPAN_SEC, range.toSec - range.fromSec));
  if (!Number.isFinite(span)) span = domainSpan;
  let from = Number.isFinite(range.fromSec) ? range.fromSec : domain.fromSec;
  if (range.toSec - range.fromSec < span) from -= (span - (range.toSec - range.fromSec)) / 2;
  from = Math.min(Math.max(from, domain.fromSec), domain.toSec - span);
  return { fromSec: from, toSec: from + span };
}

/**
 * Zooms by `factor` (< 1 zooms in, > 1 out) around `anchorSec`, the time under the cursor, which stays at the
 * same place on screen.
 */
export function zoomAround(
  range: TimeRange,
  anchorSec: number,
  factor: number,
  domain: TimeRange,
): TimeRange {
  const from = anchorSec - (anchorSec - range.fromSec) * factor;
  const to = anchorSec + (range.toSec - anchorSec) * factor;
  return clampRange({ fromSec: from, toSec: to }, domain);
}

/** Wheel delta to zoom factor: a notch (100 px) zooms by about 20 %, a trackpad's small deltas smoothly. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 800 : deltaY;
  return Math.exp(Math.max(-300, Math.min(300, pixels)) * 0.002);
}

/** Pans by a pointer movement of `dxPx` over a plot `widthPx` wide; dragging right shows earlier times. */
export function panBy(range: TimeRange, dxPx: number, widthPx: number, domain: TimeRange): TimeRange {
  const shift = (-dxPx / Math.max(1, widthPx)) * (range.toSec - range.fromSec);
  return clampRange({ fromSec: range.fromSec + shift, toSec: range.toSec + shift }, domain);
}

/** A window of the same width centred on t (an event picked in the table), kept inside the domain. */
export function centreOn(range: TimeRange, t: number, domain: TimeRange): TimeRange {
  const half = (range.toSec - range.fromSec) / 2;
  return clampRange({ fromSec: t - half, toSec: t + half }, domain);
}

/** True when two windows are the same to within a thousandth of their width (no feedback loops on rounding). */
export function sameRange(a: TimeRange, b: TimeRange): boolean {
  const tolerance = Math.max(1e-6, (a.toSec - a.fromSec) * 1e-3);
  return Math.abs(a.fromSec - b.fromSec) <= tolerance && Math.abs(a.toSec - b.toSec) <= tolerance;
}
