// The runs a bundle carries as content (a version 1 bundle's, a drill's, a real run's): their series decoded from
// base64 and hashed as run-content.ts hashes them, and their analysis, plan and events hashed and serialised as the
// store writes them, so the check can hold them against `run.completed` and the import store them as they are. Done
// once, in the bundle check's thread for an import; the base64 text and the events are then left behind, so they
// are neither sent back to the main thread nor decoded, hashed or serialised again there.
import type { PeelBundle } from '../../../../shared/contract/peel-bundle';
import { dehydrateJson } from '../../store/hydration';
import { packJsonText } from '../../store/packed-json';
import type { StoredDetailText } from '../../store/runs-store';
import { decodeSeries } from '../../store/series-codec';
import { detailHash, seriesHash } from '../lab/run-content';

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

/** A run the bundle carries as content (not by `derive`), made ready to check and store. */
export interface CarriedRun {
  series: CarriedSeries;
  /** The hash of its analysis, plan and events (run-content.ts), what `run.completed` recorded. */
  detailHash: string;
  /** Their columns' text as the store writes them (events packed), stored as they are. */
  detailText: StoredDetailText;
}

/**
 * Every run the bundle carries as content (not by `derive`), by run id: its series decoded and hashed, its detail
 * hashed and serialised for the store. What is done with is left behind in `bundle`: each series' base64 text is
 * emptied (the blobs hold it), and a run's events are set to null when its plan is there (the detail hash covers
 * them; a run with neither plan nor events keeps what it has, so what the check reads of it is unchanged).
 */
export function carriedRunsOf(bundle: PeelBundle): Map<string, CarriedRun> {
  const carried = new Map<string, CarriedRun>();
  for (const [index, run] of bundle.runs.entries()) {
    if (run.derive) continue;
    const detail = { analysis: run.analysis, topology: run.plan, events: run.events };
    carried.set(run.id, {
      series: carriedRunSeries(bundle, index),
      detailHash: detailHash(detail),
      detailText: {
        analysis: dehydrateJson(detail.analysis),
        topology: dehydrateJson(detail.topology),
        events: packJsonText(dehydrateJson(detail.events)),
      },
    });
    for (const series of run.series) series.data = '';
    if (run.plan !== null) run.events = null;
  }
  return carried;
}
