// Writing a finished run's series ahead of its record, a few hundred kilobytes per transaction with the event loop
// free between them, so storing a run never holds the API for long. Measured before (issue 11): one transaction
// per run, 119 series blobs (~1.2 MB) and the run's record committed with synchronous=FULL, held the main thread
// 40-150 ms a run, most of it the commit's sync of a log grown by the whole run; twelve runs queued made a cheap
// call wait up to 150 ms at the 99th percentile.
//
// Why this keeps every guarantee: the batches are committed without their own sync (nothing acknowledges them),
// and the run becomes visible only in the ordinary transaction that records it as completed with its audit events
// (runs.ts), whose synchronous=FULL commit syncs the whole write-ahead log, these batches included. Until then the
// series belong to a run still marked running: if the run is cancelled, fails, or Peel stops before that commit,
// the series are deleted with the cancellation or failure (storeEndedRun, failAbandonedRuns at the next start), so
// no stored series ever outlives a run that did not complete.
import type { PreparedSeries } from '../../workers/prepare-run';
import type { ServiceContext } from '../context';

/** About how many encoded bytes one batch writes: a few milliseconds of work even on a loaded machine. */
export const SERIES_BATCH_BYTES = 256 * 1024;

/** Splits series into batches of about `budget` bytes, never splitting one series and never leaving a batch empty. */
export function seriesBatches(
  series: readonly PreparedSeries[],
  budget = SERIES_BATCH_BYTES,
): PreparedSeries[][] {
  const batches: PreparedSeries[][] = [];
  let current: PreparedSeries[] = [];
  let bytes = 0;
  for (const one of series) {
    if (current.length > 0 && bytes + one.data.byteLength > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(one);
    bytes += one.data.byteLength;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the series of a run that is still running, batch by batch, yielding between batches. Returns false (and
 * leaves no series of it behind) if the run stopped running meanwhile (cancelled) or the database closed.
 */
export async function writeSeriesAhead(
  ctx: ServiceContext,
  runId: string,
  series: readonly PreparedSeries[],
): Promise<boolean> {
  for (const batch of seriesBatches(series)) {
    if (!ctx.store.db.open) return false;
    if (ctx.store.runs.get(runId, false)?.status !== 'running') {
      ctx.store.transaction(() => ctx.store.runs.deleteSeries(runId));
      return false;
    }
    ctx.store.transactionUnsynced(() => {
      for (const one of batch) {
        const data = Buffer.from(one.data.buffer, one.data.byteOffset, one.data.byteLength);
        ctx.store.runs.putSeriesBlob(runId, { ...one, data });
      }
    });
    await yieldToEventLoop();
  }
  return true;
}
