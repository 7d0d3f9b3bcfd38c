import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSeries, decodeSeriesAsync, encodeSeries } from './series-codec';

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

  it('round-trips them with the run-length deflate too, read by the same decoder', () => {
    fc.assert(
      fc.property(fc.float32Array({ maxLength: 5000 }), (values) => {
        const decoded = decodeSeries(encodeSeries(values, { runLength: true }));
        expect(decoded.length).toBe(values.length);
        for (let i = 0; i < values.length; i++) expect(Object.is(decoded[i], values[i])).toBe(true);
      }),
    );
  });

  it('stores a 24 h staircase at 1 s in a small fraction of its raw size', () => {
    const values = new Float32Array(86_400);
    for (let i = 0; i < values.length; i++)
      values[i] = 134_217_728 + Math.floor(i / 1800) * 33_554_432 + (i % 7) * 32_768;
    for (const runLength of [false, true]) {
      const blob = encodeSeries(values, { runLength });
      expect(blob.length).toBeLessThan(values.byteLength / 10);
      expect(decodeSeries(blob)).toEqual(values);
    }
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

describe('series codec, inflating off the event loop', () => {
  it('gives the same values as the synchronous decode', async () => {
    const values = new Float32Array(20_000);
    for (let i = 0; i < values.length; i++)
      values[i] = i % 977 === 0 ? Number.NaN : Math.floor(i / 300) * 1e6 + (i % 13);
    const blob = encodeSeries(values);
    const decoded = await decodeSeriesAsync(blob);
    expect([...new Uint32Array(decoded.buffer)]).toEqual([...new Uint32Array(decodeSeries(blob).buffer)]);
  });

  it('refuses a damaged or lying blob with the same messages', async () => {
    const blob = encodeSeries(new Float32Array([1, 2, 3]));
    await expect(decodeSeriesAsync(blob.subarray(0, 3))).rejects.toThrow(/shorter than its header/);
    const damaged = Buffer.from(blob);
    damaged[blob.length - 1] = damaged[blob.length - 1]! ^ 0x10;
    await expect(decodeSeriesAsync(damaged)).rejects.toThrow(/fails its check/);
    const lying = Buffer.from(blob);
    lying.writeUInt32LE(4, 1);
    await expect(decodeSeriesAsync(lying)).rejects.toThrow(/expected 16/);
  });
});

describe('series codec, earlier formats', () => {
  it('still reads a format 1 blob (float32 bytes shuffled and deflated) exactly', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const values = new Float32Array([1.5, -2, Number.NaN, Number.POSITIVE_INFINITY, 3e38, 0, -0]);
    const raw = new Uint8Array(values.buffer);
    const n = values.length;
    const shuffled = new Uint8Array(n * 4);
    for (let i = 0; i < n; i++) for (let b = 0; b < 4; b++) shuffled[b * n + i] = raw[i * 4 + b]!;
    const body = deflateRawSync(shuffled);
    const blob = Buffer.alloc(5 + body.length);
    blob.writeUInt8(1, 0);
    blob.writeUInt32LE(n, 1);
    body.copy(blob, 5);
    const decoded = decodeSeries(blob);
    for (let i = 0; i < n; i++) expect(Object.is(decoded[i], values[i])).toBe(true);
  });

  it('writes format 2 and keeps every bit of a NaN payload and of extreme steps', () => {
    const bits = new Uint32Array([0x7fc00001, 0, 0xffffffff, 0x80000000, 0x7fffffff, 1, 0xfffffffe]);
    const values = new Float32Array(bits.buffer);
    const blob = encodeSeries(values);
    expect(blob.readUInt8(0)).toBe(2);
    expect([...new Uint32Array(decodeSeries(blob).buffer)]).toEqual([...bits]);
  });

  it('reports any changed byte of a blob, even one that would inflate to the same values', () => {
    const values = new Float32Array(7200); // all zero: a damaged back-reference still copies zeros
    const blob = encodeSeries(values);
    for (let at = 5; at < blob.length; at++) {
      const damaged = Buffer.from(blob);
      damaged[at] = damaged[at]! ^ 0x10;
      expect(() => decodeSeries(damaged), `byte ${at}`).toThrow(/fails its check/);
    }
  });
});
