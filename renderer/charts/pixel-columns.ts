// The canvas trace of a series: where samples are about one per pixel or denser, each pixel column becomes a
// filled bar from its minimum to its maximum (reaching back to where the line enters it, so the bars join into
// the line); where they are sparser (zoomed in), ordinary line segments. A software-rasterised canvas (no GPU)
// spends most of a frame stroking segments with joins; bars of one rectangle each cost a fraction of that, and
// at pixel density they look the same (bar-raster.ts paints them straight into pixels). Peaks survive either way.
import { lowerBound } from '../../shared/report/chart/chart-series';
import type { PathSink, TraceWindow } from '../../shared/report/chart/pixel-path';

/**
 * Neighbouring samples at most this many pixels apart are joined by bars (no stroke); further apart (zoomed in,
 * few segments) they are joined by anti-aliased line segments, which then cost little and look smoother.
 */
export const BRIDGE_PX = 4;

export interface ColumnSink extends PathSink {
  /** A vertical bar covering yTop..yBottom (pixels, yTop <= yBottom) centred on column x. */
  bar(x: number, yTop: number, yBottom: number): void;
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
  w: TraceWindow,
  sink: ColumnSink,
  lineWidth: number,
): ColumnTraceCounts {
  const n = Math.min(times.length, values.length);
  const start = Math.max(0, lowerBound(times, w.fromSec) - 1);
  const end = Math.min(n, lowerBound(times, w.toSec) + 1);
  const half = lineWidth / 2;
  const counts: ColumnTraceCounts = { bars: 0, segments: 0 };

  // The column being gathered.
  let open = false;
  let column = 0;
  let entry = 0;
  let min = 0;
  let max = 0;
  let exit = 0;
  let samples = 0;
  // The last column written, if the series has had no gap since.
  let connected = false;
  let prevColumn = 0;
  let prevExit = 0;
  // Whether the sink's current point is (prevColumn, prevExit), so a segment can continue from it.
  let penThere = false;

  const flush = () => {
    if (!open) return;
    open = false;
    const gap = connected ? column - prevColumn : Number.POSITIVE_INFINITY;
    if (gap <= BRIDGE_PX) {
      // Close to the previous column: bridge the columns between with bars along the straight line, and let
      // this column's bar reach back to where the line enters it, so there is never a hole in a steep step.
      const at = (g: number) => prevExit + ((entry - prevExit) * (g - prevColumn)) / gap;
      for (let g = prevColumn + 1; g < column; g++) {
        const a = at(g - 1);
        const b = at(g);
        sink.bar(g, Math.min(a, b) - half, Math.max(a, b) + half);
        counts.bars++;
      }
      const reach = at(column - 1);
      sink.bar(column, Math.min(min, reach) - half, Math.max(max, reach) + half);
      counts.bars++;
      penThere = false;
    } else if (samples > 1) {
      if (connected) {
        if (!penThere) sink.moveTo(prevColumn, prevExit);
        sink.lineTo(column, entry);
        counts.segments++;
      }
      sink.bar(column, min - half, max + half);
      counts.bars++;
      penThere = false;
    } else if (connected) {
      if (!penThere) sink.moveTo(prevColumn, prevExit);
      sink.lineTo(column, entry);
      counts.segments++;
      penThere = true;
    } else {
      sink.moveTo(column, entry);
      penThere = true;
    }
    connected = true;
    prevColumn = column;
    prevExit = exit;
  };

  for (let i = start; i < end; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) {
      flush();
      connected = false;
      penThere = false;
      continue;
    }
    const px = Math.round(w.x(times[i] as number));
    const py = w.y(v);
    if (open && px === column) {
      if (py < min) min = py;
      if (py > max) max = py;
      exit = py;
      samples++;
      continue;
    }
    flush();
    open = true;
    column = px;
    entry = py;
    min = py;
    max = py;
    exit = py;
    samples = 1;
  }
  flush();
  return counts;
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
