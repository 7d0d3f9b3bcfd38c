// Turns the lab's base64 little-endian Float32 payloads (SeriesSlice.timesSec/values, Heatmap.values) back into
// typed arrays, so series stay typed from the database to the canvas without a JSON number per point.
import type { Heatmap, SeriesSlice } from '../../shared/contract/lab-entities';

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Decodes base64 Float32 (little-endian) into a Float32Array; an empty string gives an empty array. */
export function decodeFloat32(base64: string): Float32Array {
  const binary = atob(base64);
  const length = binary.length;
  if (length % 4 !== 0) {
    throw new Error(`decodeFloat32: ${length} bytes is not a whole number of 4-byte floats`);
  }
  // The buffer is allocated as a Float32Array so its byte offset is aligned; the bytes are written through a view.
  const floats = new Float32Array(length / 4);
  const bytes = new Uint8Array(floats.buffer);
  for (let i = 0; i < length; i++) bytes[i] = binary.charCodeAt(i);
  if (!LITTLE_ENDIAN_HOST) swapFloat32Bytes(bytes);
  return floats;
}

/** Every machine Peel runs on is little-endian; this keeps the decoder right anywhere else. */
function swapFloat32Bytes(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 4) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    bytes[i] = bytes[i + 3]!;
    bytes[i + 1] = bytes[i + 2]!;
    bytes[i + 2] = b;
    bytes[i + 3] = a;
  }
}

export interface DecodedSeries {
  key: string;
  timesSec: Float32Array;
  values: Float32Array;
  exact: boolean;
}

/** One SeriesSlice as typed arrays; the two arrays must have the same length. */
export function decodeSeriesSlice(slice: SeriesSlice): DecodedSeries {
  const timesSec = decodeFloat32(slice.timesSec);
  const values = decodeFloat32(slice.values);
  if (timesSec.length !== values.length) {
    throw new Error(
      `decodeSeriesSlice: series '${slice.key}' has ${timesSec.length} times but ${values.length} values`,
    );
  }
  return { key: slice.key, timesSec, values, exact: slice.exact };
}

export interface DecodedHeatmap {
  operators: Array<{ id: string; layer: string }>;
  startSec: number;
  stepSec: number;
  columns: number;
  /** Row-major operators x columns, back-pressured ms per second, NaN where the operator was not running. */
  values: Float32Array;
}

/** A Heatmap with its matrix decoded; the matrix must hold operators x columns values. */
export function decodeHeatmap(heatmap: Heatmap): DecodedHeatmap {
  const values = decodeFloat32(heatmap.values);
  const expected = heatmap.operators.length * heatmap.columns;
  if (values.length !== expected) {
    throw new Error(
      `decodeHeatmap: ${values.length} values for ${heatmap.operators.length} operators x ${heatmap.columns} columns`,
    );
  }
  return { ...heatmap, values };
}
