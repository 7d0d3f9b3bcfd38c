import { describe, expect, it } from 'vitest';
import { type PathSink, SvgPathData, traceSeries } from './pixel-path';

class Recorder implements PathSink {
  ops: string[] = [];
  moveTo(x: number, y: number) {
    this.ops.push(`M${x},${y}`);
  }
  lineTo(x: number, y: number) {
    this.ops.push(`L${x},${y}`);
  }
}

/** 1 px per second, y = value (no flip) keeps the expected output readable. */
const identity = (fromSec: number, toSec: number) => ({
  fromSec,
  toSec,
  x: (t: number) => t,
  y: (v: number) => v,
});

describe('traceSeries', () => {
  it('draws every sample when there is at most one per pixel', () => {
    const r = new Recorder();
    traceSeries([0, 1, 2], [5, 6, 7], identity(0, 2), r);
    expect(r.ops).toEqual(['M0,5', 'L1,6', 'L2,7']);
  });

  it('keeps the peak of a pixel column that holds many samples', () => {
    const r = new Recorder();
    // Five samples land in column 0 (times 0..0.4); the spike to 90 must survive.
    traceSeries([0, 0.1, 0.2, 0.3, 0.4, 1], [10, 12, 90, 11, 13, 20], identity(0, 1), r);
    expect(r.ops).toEqual(['M0,10', 'L0,90', 'L0,13', 'L1,20']);
    expect(r.ops.join(' ')).toContain('90');
  });

  it('lifts the pen at NaN so a gap stays a gap', () => {
    const r = new Recorder();
    traceSeries([0, 1, 2, 3, 4], [1, 2, Number.NaN, 4, 5], identity(0, 4), r);
    expect(r.ops).toEqual(['M0,1', 'L1,2', 'M3,4', 'L4,5']);
  });

  it('includes one sample on each side of the window so lines reach the edges', () => {
    const r = new Recorder();
    traceSeries([0, 10, 20, 30, 40], [0, 1, 2, 3, 4], identity(15, 25), r);
    expect(r.ops).toEqual(['M10,1', 'L20,2', 'L30,3']);
  });

  it('bounds the work by pixels, not samples', () => {
    const n = 86_400;
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      times[i] = i;
      values[i] = Math.sin(i / 100) * 100;
    }
    const r = new Recorder();
    const vertices = traceSeries(
      times,
      values,
      { fromSec: 0, toSec: n, x: (t) => (t / n) * 1000, y: (v) => v },
      r,
    );
    expect(vertices).toBeLessThanOrEqual(4 * 1001);
  });
});

describe('SvgPathData', () => {
  it('writes compact path data with one decimal', () => {
    const d = new SvgPathData();
    traceSeries([0, 1], [1.234, 5.678], identity(0, 1), d);
    expect(d.toString()).toBe('M0 1.2L1 5.7');
  });
});
