import { describe, expect, it } from 'vitest';
import { type ColumnSink, traceColumns } from './pixel-columns';

class Recorder implements ColumnSink {
  ops: string[] = [];
  moveTo(x: number, y: number) {
    this.ops.push(`M${x},${y}`);
  }
  lineTo(x: number, y: number) {
    this.ops.push(`L${x},${y}`);
  }
  bar(x: number, top: number, bottom: number) {
    this.ops.push(`B${x}:${top}-${bottom}`);
  }
}

const window = (fromSec: number, toSec: number, pxPerSec = 1) => ({
  fromSec,
  toSec,
  x0: 0,
  kx: pxPerSec,
  y0: 0,
  ky: 1,
});

describe('traceColumns', () => {
  it('draws sparse samples (zoomed in) as line segments', () => {
    const r = new Recorder();
    const counts = traceColumns([0, 10, 20], [5, 6, 7], window(0, 20), r, 2);
    expect(r.ops).toEqual(['M0,5', 'L10,6', 'L20,7']);
    expect(counts).toEqual({ bars: 0, segments: 2 });
  });

  it('draws dense columns as bars from min to max, padded to the line width, joined to the previous column', () => {
    const r = new Recorder();
    // Two samples per pixel: columns 0, 1, 2.
    traceColumns([0, 0.4, 1, 1.4, 2, 2.4], [10, 50, 20, 30, 90, 80], window(0, 3), r, 2);
    expect(r.ops).toEqual(['B0:9-51', 'B1:19-51', 'B2:29-91']);
  });

  it('keeps a one-sample spike inside a dense column', () => {
    const r = new Recorder();
    traceColumns([0, 0.1, 0.2, 0.3], [10, 10, 900, 10], window(0, 1), r, 2);
    expect(r.ops).toEqual(['B0:9-901']);
  });

  it('leaves a gap at NaN and starts again after it', () => {
    const r = new Recorder();
    traceColumns([0, 10, 20, 30, 40], [1, 2, Number.NaN, 4, 5], window(0, 40), r, 2);
    expect(r.ops).toEqual(['M0,1', 'L10,2', 'M30,4', 'L40,5']);
  });

  it('draws a flat stretch at pixel density as bars one line width tall', () => {
    const r = new Recorder();
    traceColumns([0, 1, 2], [100, 100, 100], window(0, 2), r, 1.5);
    expect(r.ops).toEqual(['M0,100', 'B1:99.25-100.75', 'B2:99.25-100.75']);
  });

  it('bridges samples a few pixels apart with bars along the line, leaving no hole in a step', () => {
    const r = new Recorder();
    traceColumns([0, 2], [10, 50], window(0, 2), r, 2);
    // Column 1 covers the line from column 0 to 1 (10..30), column 2 from 30 to its own value 50.
    expect(r.ops).toEqual(['M0,10', 'B1:9-31', 'B2:29-51']);
  });

  it('uses about one bar per pixel and no segments for a day of one-second samples', () => {
    const n = 86_400;
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      times[i] = i;
      values[i] = 500 + Math.sin(i / 50) * 100 + (i % 7);
    }
    const r = new Recorder();
    const counts = traceColumns(
      times,
      values,
      { fromSec: 0, toSec: n, x0: 0, kx: 1200 / n, y0: 0, ky: 1 },
      r,
      1.4,
    );
    expect(counts.bars).toBeLessThanOrEqual(1201);
    expect(counts.segments).toBe(0);
  });

  it('joins a jump from a distant column with a segment before the bar', () => {
    const r = new Recorder();
    traceColumns([0, 10, 10.2], [5, 50, 60], window(0, 11), r, 2);
    expect(r.ops).toEqual(['M0,5', 'L10,50', 'B10:49-61']);
  });
});
