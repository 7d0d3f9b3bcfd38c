// The series a bundle carries as data (a version 1 bundle's runs, a drill's, a real run's): decoded from base64 and
// hashed as run-content.ts hashes them, so the check can hold them against `run.completed`, and kept as the blobs
// the import stores. Done once, in the bundle check's thread for an import; the bundle's base64 text is then left
// behind (emptied) so it is neither sent back to the main thread nor decoded again there.
import type { PeelBundle } from '../../../../shared/contract/peel-bundle';
import { decodeSeries } from '../../store/series-codec';
import { seriesHash } from '../lab/run-content';

/** A carried run's series: their hash, and each one's stored blob (by its index in `run.series`), or why not. */
export type CarriedSeries = { hash: string; blobs: Uint8Array[] } | { error: string };

/** One blob that owns its whole ArrayBuffer (a small decoded Buffer shares Node's pool), so it can be transferred. */
function ownBytes(bytes: Buffer): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength) return bytes;
  return new Uint8Array(bytes);
}

/** Decodes and hashes the series of `bundle.runs[index]`, which carries them as data. */
export function carriedRunSeries(bundle: PeelBundle, index: number): CarriedSeries {
  const run = bundle.runs[index]!;
  const entries = [];
  const blobs: Uint8Array[] = [];
  for (const [j, series] of run.series.entries()) {
    try {
      const bytes = Buffer.from(series.data, 'base64');
      const values = decodeSeries(bytes);
      if (values.length !== series.length) {
        return {
          error: `runs[${index}].series[${j}] ('${series.key}') holds ${values.length} values, not ${series.length}`,
        };
      }
      entries.push({ key: series.key, startSec: series.startSec, stepSec: series.stepSec, values });
      blobs.push(ownBytes(bytes));
    } catch (error) {
      return {
        error: `runs[${index}].series[${j}] ('${series.key}') cannot be read: its data is corrupt (${(error as Error).message})`,
      };
    }
  }
  return { hash: seriesHash(entries), blobs };
}

/**
 * Every run of the bundle that carries series as data, by run id, decoded and hashed; each such run's base64 text
 * is emptied in `bundle` afterwards (the blobs hold it now).
 */
export function carriedSeriesOf(bundle: PeelBundle): Map<string, CarriedSeries> {
  const carried = new Map<string, CarriedSeries>();
  for (const [index, run] of bundle.runs.entries()) {
    if (run.derive || run.series.length === 0) continue;
    carried.set(run.id, carriedRunSeries(bundle, index));
    for (const series of run.series) series.data = '';
  }
  return carried;
}
