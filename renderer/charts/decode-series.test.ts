import { describe, expect, it } from 'vitest';
import { decodeFloat32, decodeHeatmap, decodeSeriesSlice } from './decode-series';

/** What the backend does: Buffer.from(float32.buffer).toString('base64'). */
function encode(values: number[]): string {
  const floats = Float32Array.from(values);
  return Buffer.from(floats.buffer).toString('base64');
}

describe('decodeFloat32', () => {
  it('round-trips what the backend encodes, NaN included', () => {
    const decoded = decodeFloat32(encode([0, 1.5, -2, 1224065686, Number.NaN, 86399]));
    expect(decoded).toBeInstanceOf(Float32Array);
    expect(Array.from(decoded.slice(0, 4))).toEqual([0, 1.5, -2, Math.fround(1224065686)]);
    expect(Number.isNaN(decoded[4])).toBe(true);
    expect(decoded[5]).toBe(86399);
  });

  it('decodes an empty payload to an empty array', () => {
    expect(decodeFloat32('').length).toBe(0);
  });

  it('rejects a payload that is not whole floats', () => {
    expect(() => decodeFloat32(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(/4-byte/);
  });

  it('keeps up with a long series', () => {
    const n = 100_000;
    const floats = new Float32Array(n);
    for (let i = 0; i < n; i++) floats[i] = i * 3;
    const base64 = Buffer.from(floats.buffer).toString('base64');
    const decoded = decodeFloat32(base64);
    expect(decoded.length).toBe(n);
    expect(decoded[n - 1]).toBe((n - 1) * 3);
  });
});

describe('decodeSeriesSlice', () => {
  it('decodes times and values together', () => {
    const slice = {
      key: 'tm/tm-1/Status.JVM.Memory.Direct.MemoryUsed',
      timesSec: encode([0, 60, 120]),
      values: encode([10, 20, 30]),
      points: 3,
      exact: false,
      min: 10,
      max: 30,
    };
    const decoded = decodeSeriesSlice(slice);
    expect(Array.from(decoded.timesSec)).toEqual([0, 60, 120]);
    expect(Array.from(decoded.values)).toEqual([10, 20, 30]);
    expect(decoded.exact).toBe(false);
  });

  it('names the series when times and values disagree in length', () => {
    const slice = {
      key: 'k',
      timesSec: encode([0, 1]),
      values: encode([1]),
      points: 1,
      exact: true,
      min: null,
      max: null,
    };
    expect(() => decodeSeriesSlice(slice)).toThrow(/'k'/);
  });
});

describe('decodeHeatmap', () => {
  const operators = [
    { id: 'kafka-clicks', layer: 'layer1' },
    { id: 'druid-sink', layer: 'layer3' },
  ];

  it('decodes the operators x columns matrix, NaN where not running', () => {
    const decoded = decodeHeatmap({
      operators,
      startSec: 0,
      stepSec: 60,
      columns: 2,
      values: encode([0, 1000, Number.NaN, 250]),
    });
    expect(decoded.values[1]).toBe(1000);
    expect(Number.isNaN(decoded.values[2])).toBe(true);
    expect(decoded.stepSec).toBe(60);
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() =>
      decodeHeatmap({ operators, startSec: 0, stepSec: 60, columns: 3, values: encode([0, 1]) }),
    ).toThrow(/2 operators x 3 columns/);
  });
});
