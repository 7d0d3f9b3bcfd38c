// Writing an import's series blobs ahead of its records, a few hundred kilobytes per transaction with the event
// loop free between them, as a lab run's series are (lab/series-ahead.ts). Measured before (issue 15): the import
// wrote every record, blob and chain link in one transaction, which held the main thread 101-113 ms for the worked
// example (9 lean runs) and 7 s for a 231 MB bundle carrying every series (~170 MB of blobs), during which no other
// call was answered.
//
// Why this keeps every guarantee: the series go into run_series under the ids the import will give its runs, named
// in import_staged_runs (migration 007) in the same small transactions, and belong to no run until the import's one
// ordinary transaction records the runs, the rest of the records and the chain, and hands the series over
// (importStaging.adopt), all or nothing. Until then nothing reads them: every read of series starts from a recorded
// run. A cancelled or refused import deletes them (discardStaged); a crash leaves them named, and they are deleted
// when the database is next opened (discardLeftOverStaging). The small transactions commit without their own sync;
// the last one's synchronous=FULL commit syncs the log with them in it, so the import is as durable as before.
import type { SeriesBlob } from '../../store/runs-store';
import type { ServiceContext } from '../context';
import { SERIES_BATCH_BYTES } from '../lab/series-ahead';
import { ImportCancelled } from './import-cancelled';

/** One run's series to write ahead: the local id it will be recorded under, and its blobs (read one at a time). */
export interface RunSeriesToStage {
  runId: string;
  series: Iterable<SeriesBlob>;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes every run's series in batches of about `budget` bytes, each its own transaction, yielding between them.
 * Stops with ImportCancelled when `signal` is aborted (between two batches); what it wrote is then the caller's to
 * discard. `onBatch` hears the bytes written so far.
 */
export async function stageSeries(
  ctx: ServiceContext,
  stageId: string,
  runs: Iterable<RunSeriesToStage>,
  options: { signal?: AbortSignal; onBatch?: (bytes: number) => void; budget?: number } = {},
): Promise<void> {
  const budget = options.budget ?? SERIES_BATCH_BYTES;
  const at = ctx.clock();
  let batch: { runId: string; series: SeriesBlob }[] = [];
  let batchBytes = 0;
  let written = 0;
  const flush = async () => {
    if (options.signal?.aborted) throw new ImportCancelled();
    ctx.store.importStaging.writeAhead(stageId, at, batch);
    written += batchBytes;
    batch = [];
    batchBytes = 0;
    options.onBatch?.(written);
    await yieldToEventLoop();
  };
  for (const run of runs) {
    for (const series of run.series) {
      if (batch.length > 0 && batchBytes + series.data.byteLength > budget) await flush();
      batch.push({ runId: run.runId, series });
      batchBytes += series.data.byteLength;
    }
  }
  if (batch.length > 0) await flush();
}

/** Deletes what a stage wrote ahead, one run per transaction, yielding between them. */
export async function discardStaged(ctx: ServiceContext, stageId: string): Promise<void> {
  // A database closed meanwhile (shutdown) keeps them named: the next open deletes them.
  if (!ctx.store.db.open) return;
  for (const runId of ctx.store.importStaging.stagedRuns(stageId)) {
    if (!ctx.store.db.open) return;
    ctx.store.importStaging.discardRun(runId);
    await yieldToEventLoop();
  }
}

/** At open: deletes the series of imports a crash stopped before their last transaction. Returns how many runs'. */
export function discardLeftOverStaging(ctx: ServiceContext): number {
  const runs = ctx.store.importStaging.leftOverRuns();
  for (const runId of runs) ctx.store.importStaging.discardRun(runId);
  return runs.length;
}
