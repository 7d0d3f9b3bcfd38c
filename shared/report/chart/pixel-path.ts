// Traces a series as a polyline with at most four vertices per pixel column (entry, min, max, exit), the way
// uPlot's own linear paths decimate: peaks survive, and 32 series x 3,000 points cost a few thousand segments.
// The canvas (Path2D) and the SVG writer both trace through here, so an export looks like the screen.
import { lowerBound } from './chart-series';

export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

export interface TraceWindow {
  fromSec: number;
  toSec: number;
  /** Time to x pixel. */
  x: (t: number) => number;
  /** Value to y pixel. */
  y: (v: number) => number;
}

/**
 * Draws the samples in the window (plus one on each side so lines run to the edges) into `sink`. NaN values lift
 * the pen: a gap stays a gap. Returns the number of vertices written.
 */
export function traceSeries(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  w: TraceWindow,
  sink: PathSink,
): number {
  const n = Math.min(times.length, values.length);
  const start = Math.max(0, lowerBound(times, w.fromSec) - 1);
  const end = Math.min(n, lowerBound(times, w.toSec) + 1);
  let vertices = 0;
  let penDown = false;
  let column = 0;
  let minY = 0;
  let maxY = 0;
  let lastY = 0;
  let entryY = 0;

  const flush = () => {
    if (!penDown) return;
    // The entry vertex is already written; add the column's extremes and where it leaves, skipping repeats.
    if (minY !== entryY || maxY !== entryY) {
      if (minY !== entryY) {
        sink.lineTo(column, minY);
        vertices++;
      }
      if (maxY !== minY) {
        sink.lineTo(column, maxY);
        vertices++;
      }
      if (lastY !== maxY) {
        sink.lineTo(column, lastY);
        vertices++;
      }
    }
  };

  for (let i = start; i < end; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) {
      flush();
      penDown = false;
      continue;
    }
    const px = Math.round(w.x(times[i] as number));
    const py = w.y(v);
    if (penDown && px === column) {
      if (py < minY) minY = py;
      if (py > maxY) maxY = py;
      lastY = py;
      continue;
    }
    if (penDown) {
      flush();
      sink.lineTo(px, py);
    } else {
      sink.moveTo(px, py);
    }
    vertices++;
    penDown = true;
    column = px;
    minY = py;
    maxY = py;
    lastY = py;
    entryY = py;
  }
  flush();
  return vertices;
}

/** Collects a trace as SVG path data ("M x y L x y ..."), one decimal place. */
export class SvgPathData implements PathSink {
  private readonly parts: string[] = [];
  moveTo(x: number, y: number): void {
    this.parts.push(`M${round1(x)} ${round1(y)}`);
  }
  lineTo(x: number, y: number): void {
    this.parts.push(`L${round1(x)} ${round1(y)}`);
  }
  toString(): string {
    return this.parts.join('');
  }
}

export function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
