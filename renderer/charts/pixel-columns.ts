// The canvas trace of a series: where samples are about one per pixel or denser, each pixel column becomes a
// filled bar from its minimum to its maximum (reaching back to where the line enters it, so the bars join into
// the line); where they are sparser (zoomed in), ordinary line segments. A software-rasterised canvas (no GPU)
// spends most of a frame stroking segments with joins; bars of one rectangle each cost a fraction of that, and
// at pixel density they look the same (bar-raster.ts paints them straight into pixels). Peaks survive either way.
import { lowerBound } from '../../shared/report/chart/chart-series';
import type { PathSink } from '../../shared/report/chart/pixel-path';

/**
 * Neighbouring samples at most this many pixels apart are joined by bars (no stroke); further apart (zoomed in,
 * few segments) they are joined by anti-aliased line segments, which then cost little and look smoother.
 */
export const BRIDGE_PX = 4;

export interface ColumnSink extends PathSink {
  /** A vertical bar covering yTop..yBottom (pixels, yTop <= yBottom) centred on column x. */
  bar(x: number, yTop: number, yBottom: number): void;
}

/**
 * The window traced and its maps to canvas pixels, as numbers: x = x0 + t * kx, y = y0 + v * ky. Arithmetic, not
 * functions to call: the first frames of a zoom run this loop before the engine has compiled it, where a call per
 * sample costs more than the rest of the loop.
 */
export interface LinearWindow {
  fromSec: number;
  toSec: number;
  x0: number;
  kx: number;
  y0: number;
  ky: number;
}

export interface ColumnTraceCounts {
  bars: number;
  segments: number;
}

/**
 * Traces the samples in the window (and one either side) into `sink`; `lineWidth` (pixels) is the least height a
 * bar gets, so a flat stretch drawn as bars is as thick as a line. NaN values lift the pen.
 */
export function traceColumns(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  w: LinearWindow,
  sink: ColumnSink,
  lineWidth: number,
): ColumnTraceCounts {
  const n = Math.min(times.length, values.length);
  const start = Math.max(0, lowerBound(times, w.fromSec) - 1);
  const end = Math.min(n, lowerBound(times, w.toSec) + 1);
  const half = lineWidth / 2;
  const { x0, kx, y0, ky } = w;
  let bars = 0;
  let segments = 0;
  // The last column written, if the series has had no gap since.
  let connected = false;
  let prevColumn = 0;
  let prevExit = 0;
  // Whether the sink's current point is (prevColumn, prevExit), so a segment can continue from it.
  let penThere = false;

  // One pass per pixel column: the inner loop gathers the column's samples, the rest writes it. The column's state
  // lives in this function's locals (a zoom traces every series on every frame: no closure over them).
  let i = start;
  while (i < end) {
    const first = values[i] as number;
    if (Number.isNaN(first)) {
      // NaN: a gap.
      connected = false;
      penThere = false;
      i++;
      continue;
    }
    const column = Math.round(x0 + (times[i] as number) * kx);
    const entry = y0 + first * ky;
    let min = entry;
    let max = entry;
    let exit = entry;
    let samples = 1;
    for (i++; i < end; i++) {
      const v = values[i] as number;
      if (Number.isNaN(v) || Math.round(x0 + (times[i] as number) * kx) !== column) break;
      const py = y0 + v * ky;
      if (py < min) min = py;
      else if (py > max) max = py;
      exit = py;
      samples++;
    }

    const gap = connected ? column - prevColumn : Number.POSITIVE_INFINITY;
    if (gap <= BRIDGE_PX) {
      // Close to the previous column: bridge the columns between with bars along the straight line, and let
      // this column's bar reach back to where the line enters it, so there is never a hole in a steep step.
      const rise = entry - prevExit;
      let a = prevExit;
      for (let g = prevColumn + 1; g < column; g++) {
        const b = prevExit + (rise * (g - prevColumn)) / gap;
        sink.bar(g, Math.min(a, b) - half, Math.max(a, b) + half);
        bars++;
        a = b;
      }
      const reach = prevExit + (rise * (column - 1 - prevColumn)) / gap;
      sink.bar(column, Math.min(min, reach) - half, Math.max(max, reach) + half);
      bars++;
      penThere = false;
    } else if (samples > 1) {
      if (connected) {
        if (!penThere) sink.moveTo(prevColumn, prevExit);
        sink.lineTo(column, entry);
        segments++;
      }
      sink.bar(column, min - half, max + half);
      bars++;
      penThere = false;
    } else if (connected) {
      if (!penThere) sink.moveTo(prevColumn, prevExit);
      sink.lineTo(column, entry);
      segments++;
      penThere = true;
    } else {
      sink.moveTo(column, entry);
      penThere = true;
    }
    connected = true;
    prevColumn = column;
    prevExit = exit;
  }
  return { bars, segments };
}

/** The bars of one series in canvas pixels, in typed arrays that grow by doubling (no per-bar allocation). */
export class SeriesBars {
  x: Float32Array<ArrayBuffer>;
  top: Float32Array<ArrayBuffer>;
  bottom: Float32Array<ArrayBuffer>;
  count = 0;

  /** `capacity`: the expected number of bars (about one per pixel column), so a trace rarely grows. */
  constructor(capacity = 256) {
    const size = Math.max(16, capacity);
    this.x = new Float32Array(size);
    this.top = new Float32Array(size);
    this.bottom = new Float32Array(size);
  }

  /** Empties the bars, keeping their arrays: a chart retraces every series on every frame of a zoom. */
  clear(): void {
    this.count = 0;
  }

  push(x: number, top: number, bottom: number): void {
    if (this.count === this.x.length) {
      this.x = grow(this.x);
      this.top = grow(this.top);
      this.bottom = grow(this.bottom);
    }
    this.x[this.count] = x;
    this.top[this.count] = top;
    this.bottom[this.count] = bottom;
    this.count++;
  }
}

function grow(array: Float32Array<ArrayBuffer>): Float32Array<ArrayBuffer> {
  const bigger = new Float32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Collects a column trace for the canvas: segments in a Path2D for uPlot to stroke, bars for the bar layer. `bars`
 * from the series' previous trace are emptied and refilled, so a frame allocates no arrays (a zoom retraces 32
 * series each frame, and fresh arrays were a tenth of its script time).
 */
export class CanvasColumns implements ColumnSink {
  readonly stroke = new Path2D();
  readonly bars: SeriesBars;
  constructor(capacity?: number, bars?: SeriesBars) {
    this.bars = bars ?? new SeriesBars(capacity);
    this.bars.clear();
  }
  moveTo(x: number, y: number): void {
    this.stroke.moveTo(x, y);
  }
  lineTo(x: number, y: number): void {
    this.stroke.lineTo(x, y);
  }
  bar(x: number, yTop: number, yBottom: number): void {
    this.bars.push(x, yTop, yBottom);
  }
}
