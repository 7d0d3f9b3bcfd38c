// Series a bundle import writes ahead of its runs' records (services/exchange/staged-series.ts, migration 007):
// run_series rows whose run is not recorded yet, and the table naming them until the import's last transaction
// records their runs (and they are then ordinary series), or the import is cancelled or refused, or a crash left
// them (deleted at the next open).
import type Database from 'better-sqlite3';
import type { SeriesBlob } from './runs-store';

/** One series of a run the import will record under `runId`. */
export interface StagedSeries {
  runId: string;
  series: SeriesBlob;
}

export function createImportStagingStore(db: Database.Database) {
  const name = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO import_staged_runs (run_id, stage_id, staged_at) VALUES (?, ?, ?)',
  );
  const insertSeries = db.prepare(
    `INSERT INTO run_series (run_id, series_key, start_sec, step_sec, length, min_value, max_value, data)
     VALUES (@runId, @key, @startSec, @stepSec, @length, @min, @max, @data)`,
  );
  const runsOf = db
    .prepare<[string], string>('SELECT run_id FROM import_staged_runs WHERE stage_id = ? ORDER BY run_id')
    .pluck();
  const allRuns = db.prepare<[], string>('SELECT run_id FROM import_staged_runs ORDER BY run_id').pluck();
  const unrecorded = db
    .prepare<[string], string>(
      'SELECT s.run_id FROM import_staged_runs s WHERE s.stage_id = ? AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = s.run_id)',
    )
    .pluck();
  const forgetStage = db.prepare<[string]>('DELETE FROM import_staged_runs WHERE stage_id = ?');
  const forgetRun = db.prepare<[string]>('DELETE FROM import_staged_runs WHERE run_id = ?');
  const dropSeries = db.prepare<[string]>('DELETE FROM run_series WHERE run_id = ?');

  return {
    /**
     * Writes `series` (of runs not recorded yet) in one transaction of its own, named by `stageId`. The transaction
     * is committed without its own sync, as a lab run's series written ahead are (store.transactionUnsynced): the
     * import's last, ordinary commit syncs the log with these frames in it. Foreign keys are off for it alone: the
     * runs these rows belong to are recorded by that last transaction, which also checks they all were (adopt).
     */
    writeAhead(stageId: string, at: number, series: readonly StagedSeries[]): void {
      // Both pragmas are silently ignored inside a transaction: this must be one of its own.
      if (db.inTransaction)
        throw new Error('import staging: series are written ahead in a transaction of their own');
      db.pragma('foreign_keys = OFF');
      db.pragma('synchronous = NORMAL');
      try {
        db.transaction(() => {
          for (const { runId, series: one } of series) {
            name.run(runId, stageId, at);
            insertSeries.run({
              runId,
              key: one.key,
              startSec: one.startSec,
              stepSec: one.stepSec,
              length: one.length,
              min: one.min,
              max: one.max,
              data: one.data,
            });
          }
        })();
      } finally {
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
      }
    },
    /**
     * Inside the transaction that records the runs: the staged series become theirs. Throws (so that transaction
     * rolls back) if a run the stage wrote series for was not recorded, which foreign keys would have refused.
     */
    adopt(stageId: string): void {
      const missing = unrecorded.all(stageId);
      if (missing.length > 0) {
        throw new Error(
          `import staging: series were written ahead for run ${missing[0]} (and ${missing.length - 1} more), which the import did not record`,
        );
      }
      forgetStage.run(stageId);
    },
    /** The runs a stage wrote series for and has not handed over. */
    stagedRuns(stageId: string): string[] {
      return runsOf.all(stageId);
    },
    /** Every run with series written ahead by an import that did not complete (at open: what a crash left). */
    leftOverRuns(): string[] {
      return allRuns.all();
    },
    /** Deletes a staged run's series and its name here, in one transaction. */
    discardRun(runId: string): void {
      db.transaction(() => {
        // Only a run still named here: a recorded run's series are never deleted this way.
        if (forgetRun.run(runId).changes > 0) dropSeries.run(runId);
      })();
    },
  };
}
