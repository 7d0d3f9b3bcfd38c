import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSeries, encodeSeries } from './series-codec';

describe('series codec', () => {
  it('round-trips any float32 values exactly, NaN and infinities included', () => {
    fc.assert(
      fc.property(fc.float32Array({ maxLength: 5000 }), (values) => {
        const decoded = decodeSeries(encodeSeries(values));
        expect(decoded.length).toBe(values.length);
        for (let i = 0; i < values.length; i++) expect(Object.is(decoded[i], values[i])).toBe(true);
      }),
    );
  });

  it('stores a 24 h staircase at 1 s in a small fraction of its raw size', () => {
    const values = new Float32Array(86_400);
    for (let i = 0; i < values.length; i++)
      values[i] = 134_217_728 + Math.floor(i / 1800) * 33_554_432 + (i % 7) * 32_768;
    const blob = encodeSeries(values);
    expect(blob.length).toBeLessThan(values.byteLength / 10);
    expect(decodeSeries(blob)).toEqual(values);
  });

  it('refuses a truncated or foreign blob with a message', () => {
    const blob = encodeSeries(new Float32Array([1, 2, 3]));
    expect(() => decodeSeries(blob.subarray(0, 3))).toThrow(/shorter than its header/);
    const wrong = Buffer.from(blob);
    wrong.writeUInt8(9, 0);
    expect(() => decodeSeries(wrong)).toThrow(/unknown format 9/);
    const lying = Buffer.from(blob);
    lying.writeUInt32LE(4, 1);
    expect(() => decodeSeries(lying)).toThrow(/expected 16/);
  });
});
