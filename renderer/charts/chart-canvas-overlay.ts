// What the chart draws on top of the series, on uPlot's canvas after each draw: the limit lines with their
// labels and the event markers (a tick per run lane above the plot, a faint line through it for failures and
// shutdowns). Drawn on the canvas, not the DOM, so a PNG export includes them for free.
import uPlot from 'uplot';
import { formatValue } from '../../shared/report/chart/axis-ticks';
import { limitText } from '../../shared/report/chart/chart-series';
import { type EventTone, eventStyle } from '../../shared/report/chart/event-kinds';
import { kindsWithLines, placeMarkers } from '../../shared/report/chart/event-markers';
import { withAlpha } from '../../shared/report/chart/series-palette';
import type { ChartRuntime } from './chart-runtime';
import { laneCount, laneOf } from './chart-runtime';
import type { LinearWindow } from './pixel-columns';
import { xWindow, yWindow } from './uplot-window';

/** Height of one marker lane in CSS pixels; the chart's top padding reserves the lanes. */
export const MARKER_LANE_PX = 9;

export function toneColor(runtime: ChartRuntime, tone: EventTone): string {
  const theme = runtime.theme;
  return tone === 'muted' ? theme.muted : theme[tone];
}

export function drawOverlay(u: uPlot, runtime: ChartRuntime): void {
  const ctx = u.ctx;
  const ratio = uPlotRatio();
  const { left, top, width, height } = u.bbox;
  const visible = xWindow(u);
  if (!visible) return;
  ctx.save();
  drawMarkers(u, runtime, ratio, visible.fromSec, visible.toSec, { left, top, width, height });
  drawLimits(u, runtime, ratio, { left, top, width, height });
  ctx.restore();
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

function drawLimits(u: uPlot, runtime: ChartRuntime, ratio: number, box: Box): void {
  const ctx = u.ctx;
  const { min: yMin, max: yMax } = yWindow(u) ?? { min: 0, max: 1 };
  ctx.font = `${11 * ratio}px ${runtime.theme.fontFamily}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  for (const limit of runtime.limits) {
    if (!(limit.value >= yMin && limit.value <= yMax)) continue;
    const y = Math.round(u.valToPos(limit.value, 'y', true)) + 0.5;
    const color = limit.color ?? runtime.theme.bad;
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5 * ratio;
    ctx.setLineDash([6 * ratio, 4 * ratio]);
    ctx.beginPath();
    ctx.moveTo(box.left, y);
    ctx.lineTo(box.left + box.width, y);
    ctx.stroke();
    ctx.setLineDash([]);
    const label = limitText(limit, (v) => formatValue(runtime.unit, v));
    const textWidth = ctx.measureText(label).width;
    const x = box.left + box.width - 6 * ratio;
    // A backing plate keeps the label legible where series run through it.
    ctx.fillStyle = withAlpha(runtime.theme.background, 0.85);
    ctx.fillRect(x - textWidth - 4 * ratio, y - 16 * ratio, textWidth + 8 * ratio, 14 * ratio);
    ctx.fillStyle = color;
    ctx.fillText(label, x, y - 3 * ratio);
  }
}

function drawMarkers(
  u: uPlot,
  runtime: ChartRuntime,
  ratio: number,
  xMin: number,
  xMax: number,
  box: Box,
): void {
  if (runtime.events.length === 0) return;
  const ctx = u.ctx;
  const lanes = laneCount(runtime);
  const x = canvasX(u);
  const markers = placeMarkers(runtime.events, xMin, xMax, x, (e) => laneOf(runtime, e), runtime.eventTimes);
  // Lines first (under the ticks), faint so the series stay the subject: one path per colour, stroked once (a
  // stroke per line was a canvas operation per marker on every frame of a zoom). Each kind's path is looked up once
  // per draw, not per marker: a day's overlay places thousands of markers on every frame of a zoom.
  ctx.lineWidth = ratio;
  const lineKinds = kindsWithLines(markers);
  const linesByColor = new Map<string, Path2D>();
  const linesByKind = new Map<string, Path2D | null>();
  for (const marker of markers) {
    let lines = linesByKind.get(marker.kind);
    if (lines === undefined) {
      lines = lineKinds.has(marker.kind)
        ? pathFor(linesByColor, withAlpha(toneColor(runtime, eventStyle(marker.kind).tone), 0.28))
        : null;
      linesByKind.set(marker.kind, lines);
    }
    if (lines === null) continue;
    lines.moveTo(marker.x + 0.5, box.top);
    lines.lineTo(marker.x + 0.5, box.top + box.height);
  }
  for (const [color, lines] of linesByColor) {
    ctx.strokeStyle = color;
    ctx.stroke(lines);
  }
  // Ticks: one path per colour, filled once (thousands of markers in an OOM storm stay one fill per kind).
  const lanePx = MARKER_LANE_PX * ratio;
  const half = 4 * ratio;
  const depth = 7 * ratio;
  const byColor = new Map<string, Path2D>();
  const ticksByKind = new Map<string, Path2D>();
  for (const marker of markers) {
    let path = ticksByKind.get(marker.kind);
    if (path === undefined) {
      path = pathFor(byColor, toneColor(runtime, eventStyle(marker.kind).tone));
      ticksByKind.set(marker.kind, path);
    }
    const laneTop = box.top - (lanes - marker.lane) * lanePx - 2 * ratio;
    path.moveTo(marker.x - half, laneTop);
    path.lineTo(marker.x + half, laneTop);
    // No closePath: fill() closes each triangle, and closePath on a path of thousands of sub-paths is slow.
    path.lineTo(marker.x, laneTop + depth);
  }
  for (const [color, path] of byColor) {
    ctx.fillStyle = color;
    ctx.fill(path);
  }
}

/** The path of one colour, made on first use: kinds of the same colour share it. */
function pathFor(byColor: Map<string, Path2D>, color: string): Path2D {
  let path = byColor.get(color);
  if (!path) {
    path = new Path2D();
    byColor.set(color, path);
  }
  return path;
}

/** Time to canvas x as plain arithmetic (uPlot's valToPos also handles log and ordinal scales: slower per call). */
export function canvasX(u: uPlot): (t: number) => number {
  const visible = xWindow(u);
  if (!visible) return (t) => u.valToPos(t, 'x', true);
  const { left, width } = u.bbox;
  const k = width / (visible.toSec - visible.fromSec || 1);
  const from = visible.fromSec;
  return (t) => left + (t - from) * k;
}

/** Value to canvas y, likewise (y grows downwards). */
export function canvasY(u: uPlot): (v: number) => number {
  const range = yWindow(u);
  if (!range) return (v) => u.valToPos(v, 'y', true);
  const { top, height } = u.bbox;
  const k = height / (range.max - range.min || 1);
  const max = range.max;
  return (v) => top + (max - v) * k;
}

/**
 * A window and its pixel maps, filled again on every draw (one per chart, not one per series and frame). Its fields
 * start as NaN, "no window yet", so they hold fractional numbers from the start: an object first filled with whole
 * numbers (the whole run, 0 to 86,400 s) and then with fractions (the first frame of a zoom) changes its layout in
 * the engine, which then throws away the trace code it compiled for the old layout, in the middle of the gesture.
 */
export class PixelWindow implements LinearWindow {
  fromSec = Number.NaN;
  toSec = Number.NaN;
  x0 = Number.NaN;
  kx = Number.NaN;
  y0 = Number.NaN;
  ky = Number.NaN;
}

/**
 * The visible window with canvasX and canvasY as coefficients (x = x0 + t * kx, y = y0 + v * ky), written into
 * `into`; null before the first draw.
 */
export function canvasLinear(u: uPlot, into: LinearWindow = new PixelWindow()): LinearWindow | null {
  const visible = xWindow(u);
  const range = yWindow(u);
  if (!visible || !range) return null;
  const { left, top, width, height } = u.bbox;
  const kx = width / (visible.toSec - visible.fromSec || 1);
  const ky = -height / (range.max - range.min || 1);
  into.fromSec = visible.fromSec;
  into.toSec = visible.toSec;
  into.x0 = left - visible.fromSec * kx;
  into.kx = kx;
  into.y0 = top - range.max * ky;
  into.ky = ky;
  return into;
}

/** uPlot's device-pixel ratio: canvas coordinates are CSS pixels times this. */
export function uPlotRatio(): number {
  return uPlot.pxRatio || 1;
}
