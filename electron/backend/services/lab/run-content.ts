// What a run's chain events vouch for beyond their own numbers: a content hash of its series and one of its detail
// (the stored analysis, job plan and run events). Both are recorded in `run.completed` when the run is stored, so
// `verify` can check the stored blobs and rows against them, a bundle's reader can check what it received, and a
// replay can check that re-running the recorded parameters gives the same content.
import { createHash } from 'node:crypto';
import { canonicalJsonOfStored } from '../../../../shared/domain/canonical-json';
import {
  OPERATOR_METRICS,
  operatorSeriesKey,
  taskManagerSeriesKey,
} from '../../../../shared/domain/lab/series-keys';
import type { SimulationRun } from '../../../../shared/sim/engine/run-types';

/** One stored series: values at `stepSec` from `startSec`, as float32 (what the store keeps). */
export interface RunSeriesEntry {
  key: string;
  startSec: number;
  stepSec: number;
  values: Float32Array;
}

const asFloat32 = (values: ArrayLike<number>): Float32Array =>
  values instanceof Float32Array ? values : Float32Array.from(values);

/** Every series of a simulated run under the key the store files it by, as float32. */
export function simulationSeries(run: SimulationRun): RunSeriesEntry[] {
  const entries: RunSeriesEntry[] = [];
  for (const tm of run.taskManagers) {
    for (const [metric, values] of Object.entries(tm.series)) {
      entries.push({
        key: taskManagerSeriesKey(tm.id, metric),
        startSec: 0,
        stepSec: 1,
        values: asFloat32(values),
      });
    }
  }
  for (const op of run.operators) {
    for (const metric of OPERATOR_METRICS) {
      entries.push({
        key: operatorSeriesKey(op.id, metric),
        startSec: 0,
        stepSec: 1,
        values: asFloat32(op[metric]),
      });
    }
  }
  return entries;
}

/**
 * SHA-256 over the series sorted by key: each contributes its key, start, step and length as a text line, then
 * its float32 values little-endian. Independent of how the store compresses them, so a codec change keeps hashes.
 */
export function seriesHash(entries: Iterable<RunSeriesEntry>): string {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const hash = createHash('sha256');
  for (const entry of sorted) {
    hash.update(`${entry.key}\n${entry.startSec}\n${entry.stepSec}\n${entry.values.length}\n`);
    const bytes = new Uint8Array(entry.values.buffer, entry.values.byteOffset, entry.values.byteLength);
    if (isLittleEndian) hash.update(bytes);
    else hash.update(littleEndianCopy(entry.values));
  }
  return hash.digest('hex');
}

/**
 * SHA-256 of the canonical JSON of what a run shows besides its series, taken as the store keeps it (JSON text:
 * a NaN is stored as null), so the hash of the live outcome and of the row read back are the same.
 */
export function detailHash(detail: { analysis?: unknown; topology?: unknown; events?: unknown }): string {
  const stored = canonicalJsonOfStored({
    analysis: detail.analysis ?? null,
    events: detail.events ?? null,
    topology: detail.topology ?? null,
  });
  return createHash('sha256').update(stored).digest('hex');
}

const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function littleEndianCopy(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return out;
}
