// What storing a finished simulation costs beyond the database writes, done where the simulation ran (the worker
// thread in the app) instead of on the main thread between requests: encoding every series (the bulk: about half
// of the store time measured on a 6 h, parallelism 8 run), hashing the series and the detail for the chain, and
// turning the detail into the JSON text its columns hold. The main thread then only inserts rows.
import type { SimulationRun } from '../../../shared/sim/engine/run-types';
import { detailHash, seriesHash, simulationSeries } from '../services/lab/run-content';
import { outcomeOf, type RecordedAnalysis, recordedAnalysis } from '../services/lab/run-records';
import { dehydrateJson } from '../store/hydration';
import { isKeptSeriesKey } from '../store/kept-series';
import { packJsonText } from '../store/packed-json';
import type { SeriesBlob } from '../store/runs-store';
import { encodeSeries } from '../store/series-codec';

/** A series ready to insert: its encoded blob and the columns beside it. */
export type PreparedSeries = Omit<SeriesBlob, 'data'> & { data: Uint8Array };

export interface PreparedRun {
  /** The series to store: every one, or for a lean run only the kept ones (kept-series.ts). */
  series: PreparedSeries[];
  /** The hash of every series (what `run.completed` records and a re-derivation must give). */
  seriesHash: string;
  /** A lean run's: every series key, and the hash of the kept series alone (what verify holds the disk to). */
  lean?: { keys: string[]; keptSeriesHash: string };
  detailHash: string;
  /** The JSON text of the analysis, topology and events columns (events packed), what `detailHash` covers. */
  detailText: { analysis: string | null; topology: string | null; events: string | null };
}

/**
 * A finished run as storing it needs it and no more: its prepared storage, the analysis its record carries, and
 * the few facts beside them. A worker posts this instead of the whole run, so the run's events, plan, series and
 * full analysis are not structured-cloned onto the main thread only to be dropped there.
 */
export interface StorableRun {
  prepared: PreparedRun;
  analysis: RecordedAnalysis;
  seed: number;
  durationSec: number;
  /** The run's TaskManagers, by id (what its direct-memory preview is drawn for). */
  taskManagerIds: string[];
}

/** The storable part of a finished run whose storage is prepared (copies: it keeps nothing else of the run). */
export function storableRun(run: SimulationRun, prepared: PreparedRun): StorableRun {
  return {
    prepared,
    analysis: recordedAnalysis(run.analysis),
    seed: run.params.seed,
    durationSec: run.durationSec,
    taskManagerIds: run.taskManagers.map((tm) => tm.id),
  };
}

/** A finished simulation as a runner hands it back: the run, and (from the runners here) its storage prepared. */
export type FinishedRun = SimulationRun & { prepared?: PreparedRun };

function prepareSeries(
  key: string,
  startSec: number,
  stepSec: number,
  values: Float32Array,
  runLength: boolean,
): PreparedSeries {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const blob = encodeSeries(values, { runLength });
  return {
    key,
    startSec,
    stepSec,
    length: values.length,
    min: Number.isFinite(min) ? min : null,
    max: Number.isFinite(max) ? max : null,
    data: ownBuffer(blob),
  };
}

/** Small Buffers share Node's pool; one handed to another thread must own its whole ArrayBuffer. */
function ownBuffer(blob: Buffer): Uint8Array {
  if (blob.byteOffset === 0 && blob.buffer.byteLength === blob.byteLength) return blob;
  return new Uint8Array(blob);
}

/**
 * `lean`: store only the kept series (a run of a built-in scenario, which the simulator re-derives from its recorded
 * parameters); otherwise every series (a drill's run, whose scenario is rebuilt from its trail). `runLength`: the
 * codec's faster deflate (series-codec.ts), for a run prepared while a click waits on the main thread.
 */
export function prepareRun(
  run: SimulationRun,
  options: { lean?: boolean; runLength?: boolean } = {},
): PreparedRun {
  const entries = simulationSeries(run);
  const stored = options.lean ? entries.filter((entry) => isKeptSeriesKey(entry.key)) : entries;
  // finishedAt is not part of the detail the hash covers; the store sets the real one.
  const outcome = outcomeOf(run, 0);
  return {
    series: stored.map((entry) =>
      prepareSeries(entry.key, entry.startSec, entry.stepSec, entry.values, options.runLength ?? false),
    ),
    seriesHash: seriesHash(entries),
    ...(options.lean
      ? { lean: { keys: entries.map((entry) => entry.key), keptSeriesHash: seriesHash(stored) } }
      : {}),
    detailHash: detailHash(outcome),
    detailText: {
      analysis: dehydrateJson(outcome.analysis),
      topology: dehydrateJson(outcome.topology),
      events: packJsonText(dehydrateJson(outcome.events)),
    },
  };
}

/** The buffers a worker can hand over without copying (each blob owns its own, see ownBuffer). */
export function preparedTransferList(prepared: PreparedRun): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const series of prepared.series) buffers.add(series.data.buffer as ArrayBuffer);
  return [...buffers];
}

/**
 * Gives the memory of a prepared run's encoded series back at once, once they are stored (or the run was not):
 * each blob owns its buffer (ownBuffer), which is otherwise freed only when the garbage collector gets to it. A
 * lab soak's runs piled up tens of MiB of such blobs between collections, allocated by the worker thread's malloc
 * arena and held there until the main thread collected them; the arena kept that high-water mark. Detaching them
 * (ArrayBuffer.prototype.transfer, where the runtime has it) frees them now; the series read empty afterwards.
 */
export function releaseSeries(prepared: PreparedRun): void {
  for (const series of prepared.series) {
    const buffer = series.data.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
    if (series.data.byteLength > 0) buffer.transfer?.(0);
  }
}
