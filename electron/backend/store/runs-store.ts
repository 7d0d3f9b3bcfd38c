// Runs of experiments and their series. A run is inserted as 'running' and finished once (completed, cancelled or
// failed); its series are compact blobs (see series-codec.ts) read back one key at a time.
import type Database from 'better-sqlite3';
import type { Verdict } from '../../../shared/contract/lab-entities';
import type { ExperimentParams } from '../../../shared/sim/engine/experiment-params';
import type { JobPlan, SimEvent } from '../../../shared/sim/engine/run-types';
import { dehydrateJson, hydrateJsonOrNull, type StoredAnalysis } from './hydration';
import { packJsonText, unpackJsonText } from './packed-json';
import { decodeSeries, decodeSeriesAsync } from './series-codec';

export type RunStatus = 'running' | 'completed' | 'cancelled' | 'failed';

export interface RunRecord {
  id: string;
  experimentId: string;
  investigationId: string;
  seq: number;
  status: RunStatus;
  startedAt: number;
  finishedAt: number | null;
  startedBy: string;
  durationSec: number;
  verdict: Verdict | null;
  retainedBytesPerRestart: number | null;
  restarts: number | null;
  ooms: number | null;
  fullGcs: number | null;
  peakDirectBytes: number | null;
  peakRssBytes: number | null;
  summary: string | null;
  analysis: StoredAnalysis | null;
  /** The job plan; null in lists (read with `get(id)` for the detail). */
  topology: JobPlan | null;
  /** The run's events; null in lists, like topology. */
  events: SimEvent[] | null;
  error: string | null;
  /** Set (in lists and reads) when the user discarded the run's data. */
  dataDiscarded?: { at: number; by: string } | null;
}

interface RunRow {
  id: string;
  experiment_id: string;
  investigation_id: string;
  seq: number;
  status: RunStatus;
  started_at: number;
  finished_at: number | null;
  started_by: string;
  duration_sec: number;
  verdict: Verdict | null;
  retained_bytes_per_restart: number | null;
  restarts: number | null;
  ooms: number | null;
  full_gcs: number | null;
  peak_direct_bytes: number | null;
  peak_rss_bytes: number | null;
  summary: string | null;
  analysis: string | null;
  topology: string | null;
  events: string | null;
  error: string | null;
  discarded_at?: number | null;
  discarded_by?: string | null;
}

function rowToRun(row: RunRow, withDetail: boolean): RunRecord {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    investigationId: row.investigation_id,
    seq: row.seq,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    startedBy: row.started_by,
    durationSec: row.duration_sec,
    verdict: row.verdict,
    retainedBytesPerRestart: row.retained_bytes_per_restart,
    restarts: row.restarts,
    ooms: row.ooms,
    fullGcs: row.full_gcs,
    peakDirectBytes: row.peak_direct_bytes,
    peakRssBytes: row.peak_rss_bytes,
    summary: row.summary,
    analysis: hydrateJsonOrNull<StoredAnalysis>(row.analysis),
    topology: withDetail ? hydrateJsonOrNull<JobPlan>(row.topology) : null,
    events: withDetail
      ? hydrateJsonOrNull<SimEvent[]>(unpackJsonText(row.events, `run ${row.id} events`))
      : null,
    error: row.error,
    dataDiscarded:
      row.discarded_at === undefined || row.discarded_at === null
        ? null
        : { at: row.discarded_at, by: row.discarded_by ?? 'unknown' },
  };
}

/**
 * The part of a run's analysis that lists carry: what run summaries and the lab's run facts read. A list of 1,000
 * runs parsing each run's whole analysis (~16 KB of JSON) took seconds; SQLite extracts these few fields instead.
 */
export interface ListedAnalysis {
  run: Pick<StoredAnalysis['run'], 'residentVerdict' | 'confidence' | 'containersKilled'>;
  facts: Pick<
    StoredAnalysis['facts'],
    'operators' | 'shutdownsFired' | 'sinkPausesFired' | 'directLimitBytes'
  >;
  /** A real experiment's run: 1 in lists (its facts left out), the facts themselves in a whole analysis. */
  real?: unknown;
}

/** A run as lists give it: no plan or events, and only the listed part of its analysis. */
export type ListedRun = Omit<RunRecord, 'analysis'> & { analysis: ListedAnalysis | null };

export interface RunOutcome {
  status: Exclude<RunStatus, 'running'>;
  finishedAt: number;
  verdict?: Verdict | null;
  retainedBytesPerRestart?: number | null;
  restarts?: number | null;
  ooms?: number | null;
  fullGcs?: number | null;
  peakDirectBytes?: number | null;
  peakRssBytes?: number | null;
  summary?: string | null;
  analysis?: StoredAnalysis | null;
  topology?: JobPlan | null;
  events?: SimEvent[] | null;
  error?: string | null;
}

/**
 * A run copied whole (an import or a branch): every column given, its status and verdict as text and the JSON
 * columns as the exporting Peel stored them (the bundle's schema checked them, they are not narrowed here).
 */
export type RunCopy = Omit<RunRecord, 'status' | 'verdict' | 'analysis' | 'topology' | 'events'> & {
  status: string;
  verdict: string | null;
  analysis: unknown;
  topology: unknown;
  events: unknown;
};

/** The JSON text of a run's analysis, topology and events columns, the events packed (packed-json.ts). */
export interface StoredDetailText {
  analysis: string | null;
  topology: string | null;
  events: string | null;
}

/** A series as stored: its encoded blob (see series-codec.ts) with the columns beside it, for bundles. */
export interface SeriesBlob {
  key: string;
  startSec: number;
  stepSec: number;
  length: number;
  min: number | null;
  max: number | null;
  data: Buffer;
}

/** The columns stored beside a series' blob. */
export type SeriesColumns = Omit<SeriesBlob, 'data'>;

/** A series' columns alone, from anything that carries them (a stored blob, a bundle's series). */
export function seriesColumns(series: SeriesColumns): SeriesColumns {
  const { key, startSec, stepSec, length, min, max } = series;
  return { key, startSec, stepSec, length, min, max };
}

export interface StoredSeries {
  key: string;
  startSec: number;
  stepSec: number;
  values: Float32Array;
  min: number | null;
  max: number | null;
}

/** How a lean run's series not on disk are re-derived (migrations/006-lean-runs.sql). */
export interface RunDerivation {
  runId: string;
  simulator: string;
  params: ExperimentParams;
  /** The hash of every series, as `run.completed` recorded it. */
  seriesHash: string;
  /** The hash of its analysis, plan and events, as `run.completed` recorded it. */
  detailHash: string;
  /** Every series key of the run, on disk or not. */
  keys: string[];
  /** When the user discarded the run's data (its kept series, plan and events too), and who. */
  discarded: { at: number; by: string } | null;
}

interface DerivationRow {
  run_id: string;
  simulator: string;
  params: string;
  series_hash: string;
  detail_hash: string;
  series_keys: string;
  discarded_at: number | null;
  discarded_by: string | null;
}

const derivationOf = (row: DerivationRow): RunDerivation => ({
  runId: row.run_id,
  simulator: row.simulator,
  params: JSON.parse(row.params) as ExperimentParams,
  seriesHash: row.series_hash,
  detailHash: row.detail_hash,
  keys: JSON.parse(row.series_keys) as string[],
  discarded: row.discarded_at === null ? null : { at: row.discarded_at, by: row.discarded_by ?? 'unknown' },
});

export type RunsStore = ReturnType<typeof createRunsStore>;

/** What an investigation's runs keep on disk (series blobs and detail columns) and how many samples the blobs hold. */
export interface DiskUseRow {
  bytes: number;
  runs: number;
  seriesBytes: number;
  detailBytes: number;
  samples: number;
}

/** A disk-use query's row: sums are null over no rows. */
interface DiskUseSums {
  runs: number;
  detail: number | null;
  series: number | null;
  samples: number | null;
}

function diskUseOf(row: DiskUseSums): DiskUseRow {
  const seriesBytes = row.series ?? 0;
  const detailBytes = row.detail ?? 0;
  return {
    bytes: seriesBytes + detailBytes,
    runs: row.runs,
    seriesBytes,
    detailBytes,
    samples: row.samples ?? 0,
  };
}

/** How many investigations' run lists are kept in memory (the ones the user works in). */
/** A stored series' row as the chart reads it. */
interface SeriesRow {
  series_key: string;
  start_sec: number;
  step_sec: number;
  min_value: number | null;
  max_value: number | null;
  data: Buffer;
}

/** A series row with its values decoded (in one go or off the event loop). */
const storedSeries = (row: SeriesRow, values: Float32Array): StoredSeries => ({
  key: row.series_key,
  startSec: row.start_sec,
  stepSec: row.step_sec,
  values,
  min: row.min_value,
  max: row.max_value,
});

const LISTS_KEPT = 8;

export function createRunsStore(db: Database.Database) {
  const nextSeq = db.prepare<[string], { next: number }>(
    'SELECT coalesce(max(seq), 0) + 1 AS next FROM runs WHERE investigation_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO runs (id, experiment_id, investigation_id, seq, status, started_at, started_by, duration_sec)
     VALUES (@id, @experimentId, @investigationId, @seq, 'running', @startedAt, @startedBy, @durationSec)`,
  );
  const finish = db.prepare(
    `UPDATE runs SET status = @status, finished_at = @finishedAt, verdict = @verdict,
       retained_bytes_per_restart = @retainedBytesPerRestart, restarts = @restarts, ooms = @ooms, full_gcs = @fullGcs,
       peak_direct_bytes = @peakDirectBytes, peak_rss_bytes = @peakRssBytes, summary = @summary,
       analysis = @analysis, topology = @topology, events = @events, error = @error
     WHERE id = @id AND status = 'running'`,
  );
  const insertCopy = db.prepare(
    `INSERT INTO runs (id, experiment_id, investigation_id, seq, status, started_at, finished_at, started_by,
                       duration_sec, verdict, retained_bytes_per_restart, restarts, ooms, full_gcs, peak_direct_bytes,
                       peak_rss_bytes, summary, analysis, topology, events, error)
     VALUES (@id, @experimentId, @investigationId, @seq, @status, @startedAt, @finishedAt, @startedBy, @durationSec,
             @verdict, @retainedBytesPerRestart, @restarts, @ooms, @fullGcs, @peakDirectBytes, @peakRssBytes, @summary,
             @analysis, @topology, @events, @error)`,
  );
  const byId = db.prepare<[string], RunRow>(
    `SELECT runs.*, d.discarded_at, d.discarded_by FROM runs LEFT JOIN run_derivations d ON d.run_id = runs.id
     WHERE runs.id = ?`,
  );
  const storedBytes = db.prepare<[{ id: string }], { bytes: number }>(
    `SELECT coalesce((SELECT sum(length(data)) FROM run_series WHERE run_id = @id), 0)
            + coalesce(length(topology), 0) + coalesce(length(events), 0) AS bytes FROM runs WHERE id = @id`,
  );
  // Every column but the plan and events (not read in lists), with the analysis cut down to ListedAnalysis.
  const LISTED_COLUMNS = `id, experiment_id, investigation_id, seq, status, started_at, finished_at, started_by, duration_sec,
            verdict, retained_bytes_per_restart, restarts, ooms, full_gcs, peak_direct_bytes, peak_rss_bytes, summary,
            error, NULL AS topology, NULL AS events,
            (SELECT discarded_at FROM run_derivations WHERE run_id = runs.id) AS discarded_at,
            (SELECT discarded_by FROM run_derivations WHERE run_id = runs.id) AS discarded_by,
            CASE WHEN analysis IS NULL THEN NULL ELSE json_object(
              'run', json_object(
                'residentVerdict', analysis ->> '$.run.residentVerdict',
                'confidence', analysis ->> '$.run.confidence',
                'containersKilled', analysis ->> '$.run.containersKilled'),
              'facts', json_object(
                'operators', analysis -> '$.facts.operators',
                'shutdownsFired', analysis ->> '$.facts.shutdownsFired',
                'sinkPausesFired', analysis ->> '$.facts.sinkPausesFired',
                'directLimitBytes', analysis ->> '$.facts.directLimitBytes'),
              'real', json_type(analysis, '$.real') = 'object') END AS analysis`;
  const forInvestigation = db.prepare<[string], RunRow>(
    `SELECT ${LISTED_COLUMNS} FROM runs WHERE investigation_id = ? ORDER BY seq`,
  );
  const listedById = db.prepare<[string], RunRow>(`SELECT ${LISTED_COLUMNS} FROM runs WHERE id = ?`);

  // Listed runs per investigation, kept between reads: extracting the listed fields from every run's ~16 KB analysis
  // made each list (and so each lab state) cost a millisecond per 25 runs. Every write to a run marks it stale here,
  // and a read re-reads only the stale rows, by id. Rows read inside a transaction stay marked until a read outside
  // one: a rolled-back write is then read again as the database has it.
  const listed = new Map<string, ListedRun[]>();
  const stale = new Set<string>();
  // A kept list holds an entry per run while its investigation is open, and the same few strings (operator ids,
  // status, verdict, who started it, the investigation's id) recur in every entry: SQLite gives each row its own
  // copies, about 0.7 KB a run of the seed job. One copy of each is kept instead (a bounded table of short strings).
  const common = new Map<string, string>();
  const intern = <T extends string | null>(text: T): T => {
    if (text === null || text.length > 64) return text;
    const known = common.get(text);
    if (known !== undefined) return known as T;
    if (common.size < 4096) common.set(text, text);
    return text;
  };
  // The list of a run's operators is the same for every run of the same job: one frozen copy of each list.
  const operatorLists = new Map<string, string[]>();
  const sharedOperators = (operators: string[]): string[] => {
    const key = operators.join('\u0000');
    const known = operatorLists.get(key);
    if (known) return known;
    const list = Object.freeze(operators.map(intern)) as string[];
    if (operatorLists.size < 1024) operatorLists.set(key, list);
    return list;
  };
  // So are its failure facts (the shutdowns and pauses that fired, the direct-memory limit) for every run of the same
  // job and failure schedule, whatever its seed: one frozen copy of each.
  type ListedFacts = ListedAnalysis['facts'];
  const factsKept = new Map<string, ListedFacts>();
  const sharedFacts = (facts: ListedFacts): ListedFacts => {
    const operators = facts.operators ? sharedOperators(facts.operators) : facts.operators;
    const key = `${facts.shutdownsFired}|${facts.sinkPausesFired}|${facts.directLimitBytes}|${operators?.join('\u0000')}`;
    const known = factsKept.get(key);
    if (known) return known;
    const shared = Object.freeze({ ...facts, operators });
    if (factsKept.size < 1024) factsKept.set(key, shared);
    return shared;
  };
  const toListed = (row: RunRow): ListedRun => {
    const run = rowToRun({ ...row, analysis: null }, false);
    const analysis = hydrateJsonOrNull<ListedAnalysis>(row.analysis);
    if (analysis?.facts) analysis.facts = sharedFacts(analysis.facts);
    if (analysis?.run?.residentVerdict) analysis.run.residentVerdict = intern(analysis.run.residentVerdict);
    return {
      ...run,
      investigationId: intern(run.investigationId),
      status: intern(run.status),
      startedBy: intern(run.startedBy),
      verdict: intern(run.verdict),
      analysis,
    };
  };
  /** Where a run of this seq sits (or would sit) in a list ordered by seq. */
  const positionOf = (runs: readonly ListedRun[], seq: number) => {
    let low = 0;
    let high = runs.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (runs[middle]!.seq < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const refreshStale = () => {
    for (const id of stale) {
      const row = listedById.get(id);
      if (!row) {
        // Written, then rolled back: gone from whichever list holds it.
        for (const runs of listed.values()) {
          const at = runs.findIndex((run) => run.id === id);
          if (at >= 0) runs.splice(at, 1);
        }
        continue;
      }
      const runs = listed.get(row.investigation_id);
      if (!runs) continue;
      const at = positionOf(runs, row.seq);
      if (runs[at]?.id === id) runs[at] = toListed(row);
      else runs.splice(at, 0, toListed(row));
    }
    if (!db.inTransaction) stale.clear();
  };
  const abandoned = db.prepare<[], RunRow>("SELECT * FROM runs WHERE status = 'running'");
  const insertSeries = db.prepare(
    `INSERT INTO run_series (run_id, series_key, start_sec, step_sec, length, min_value, max_value, data)
     VALUES (@runId, @key, @startSec, @stepSec, @length, @min, @max, @data)`,
  );
  const seriesByKey = db.prepare<[string, string], SeriesRow>(
    'SELECT series_key, start_sec, step_sec, min_value, max_value, data FROM run_series WHERE run_id = ? AND series_key = ?',
  );
  const seriesBlobs = db.prepare<
    [string],
    {
      series_key: string;
      start_sec: number;
      step_sec: number;
      length: number;
      min_value: number | null;
      max_value: number | null;
      data: Buffer;
    }
  >('SELECT * FROM run_series WHERE run_id = ? ORDER BY series_key');
  const insertDerivation = db.prepare(
    `INSERT INTO run_derivations (run_id, simulator, params, series_hash, detail_hash, series_keys)
     VALUES (@runId, @simulator, @params, @seriesHash, @detailHash, @keys)`,
  );
  const derivationById = db.prepare<[string], DerivationRow>(
    'SELECT * FROM run_derivations WHERE run_id = ?',
  );
  const copyDerivation = db.prepare(
    `INSERT INTO run_derivations (run_id, simulator, params, series_hash, detail_hash, series_keys, discarded_at,
                                  discarded_by)
     SELECT @to, simulator, params, series_hash, detail_hash, series_keys, discarded_at, discarded_by
     FROM run_derivations WHERE run_id = @from`,
  );
  const discardedIn = db.prepare<[string], { run_id: string }>(
    `SELECT d.run_id FROM run_derivations d JOIN runs r ON r.id = d.run_id
     WHERE r.investigation_id = ? AND d.discarded_at IS NOT NULL`,
  );
  const markDiscarded = db.prepare(
    'UPDATE run_derivations SET discarded_at = @at, discarded_by = @by WHERE run_id = @runId AND discarded_at IS NULL',
  );
  const dropSeries = db.prepare('DELETE FROM run_series WHERE run_id = ?');
  const dropDetail = db.prepare('UPDATE runs SET topology = NULL, events = NULL WHERE id = ?');
  // The series blobs (the bulk) are measured with length(), which SQLite reads from the record header without
  // loading the blob; the detail columns (tens of KB a run, some text not ASCII) in bytes with octet_length(). Both
  // tables are reached by index (runs_by_investigation, then run_series' primary key), and the lab caches the
  // figure per investigation until one of its runs is stored (services/lab/capacity.ts).
  // What ended runs keep: their detail columns, and their series (summed in `s`, which each query scopes).
  const diskUseOfRuns = (seriesScope: string, runScope: string) =>
    db.prepare<[Record<string, string>], DiskUseSums>(
      `SELECT count(*) AS runs,
              sum(coalesce(octet_length(r.analysis), 0) + coalesce(octet_length(r.topology), 0)
                  + coalesce(octet_length(r.events), 0)) AS detail,
              s.series, s.samples
         FROM runs r,
              (SELECT sum(length(data)) AS series, sum(length) AS samples FROM run_series WHERE ${seriesScope}) s
        WHERE ${runScope} AND r.status != 'running'`,
    );
  const diskUse = diskUseOfRuns(
    `run_id IN (SELECT id FROM runs WHERE investigation_id = @investigationId AND status != 'running')`,
    'r.investigation_id = @investigationId',
  );
  const runDiskUse = diskUseOfRuns('run_id = @runId', 'r.id = @runId');
  const seriesKeys = db.prepare<[string], { series_key: string }>(
    'SELECT series_key FROM run_series WHERE run_id = ? ORDER BY series_key',
  );

  return {
    insert(run: {
      id: string;
      experimentId: string;
      investigationId: string;
      startedAt: number;
      startedBy: string;
      durationSec: number;
    }): number {
      const seq = nextSeq.get(run.investigationId)?.next ?? 1;
      stale.add(run.id);
      insert.run({ ...run, seq });
      return seq;
    },
    /** `detailText`: the columns' text when the caller has it already (made off the main thread). */
    insertCopy(run: RunCopy, detailText?: StoredDetailText): void {
      stale.add(run.id);
      insertCopy.run({
        id: run.id,
        experimentId: run.experimentId,
        investigationId: run.investigationId,
        seq: run.seq,
        status: run.status,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        startedBy: run.startedBy,
        durationSec: run.durationSec,
        verdict: run.verdict,
        retainedBytesPerRestart: run.retainedBytesPerRestart,
        restarts: run.restarts,
        ooms: run.ooms,
        fullGcs: run.fullGcs,
        peakDirectBytes: run.peakDirectBytes,
        peakRssBytes: run.peakRssBytes,
        summary: run.summary,
        analysis: detailText ? detailText.analysis : dehydrateJson(run.analysis),
        topology: detailText ? detailText.topology : dehydrateJson(run.topology),
        events: detailText ? detailText.events : packJsonText(dehydrateJson(run.events)),
        error: run.error,
      });
    },
    /**
     * Finishes a running run; returns false when it was not running (finished twice). `detailText` is the JSON of
     * the outcome's analysis, topology and events when the caller already has it (made off the main thread), the events
     * packed (packed-json.ts).
     */
    finish(
      id: string,
      outcome: RunOutcome,
      detailText?: { analysis: string | null; topology: string | null; events: string | null },
    ): boolean {
      stale.add(id);
      const result = finish.run({
        id,
        status: outcome.status,
        finishedAt: outcome.finishedAt,
        verdict: outcome.verdict ?? null,
        retainedBytesPerRestart: outcome.retainedBytesPerRestart ?? null,
        restarts: outcome.restarts ?? null,
        ooms: outcome.ooms ?? null,
        fullGcs: outcome.fullGcs ?? null,
        peakDirectBytes: outcome.peakDirectBytes ?? null,
        peakRssBytes: outcome.peakRssBytes ?? null,
        summary: outcome.summary ?? null,
        analysis: detailText ? detailText.analysis : dehydrateJson(outcome.analysis),
        topology: detailText ? detailText.topology : dehydrateJson(outcome.topology),
        events: detailText ? detailText.events : packJsonText(dehydrateJson(outcome.events)),
        error: outcome.error ?? null,
      });
      return result.changes === 1;
    },
    get(id: string, withDetail = true): RunRecord | undefined {
      const row = byId.get(id);
      return row ? rowToRun(row, withDetail) : undefined;
    },
    /** Brings the kept lists up to date once a transaction has ended (committed or rolled back). */
    settle(): void {
      if (stale.size > 0) refreshStale();
    },
    /**
     * The investigation's runs in seq order read from the database itself, not the kept lists: what verification
     * and exports read, so a row changed or deleted behind Peel's back (another process, a hand edit) is seen.
     */
    listForInvestigationFromDisk(investigationId: string): ListedRun[] {
      return forInvestigation.all(investigationId).map(toListed);
    },
    /** The investigation's runs in seq order, as lists give them (shared objects: callers must not change them). */
    listForInvestigation(investigationId: string): ListedRun[] {
      refreshStale();
      let runs = listed.get(investigationId);
      if (runs) listed.delete(investigationId);
      else {
        runs = forInvestigation.all(investigationId).map(toListed);
        // The list read longest ago makes room (the map keeps the order of the last reads).
        if (listed.size >= LISTS_KEPT) listed.delete(listed.keys().next().value!);
      }
      listed.set(investigationId, runs);
      return runs.slice();
    },
    /** Runs left 'running' by a process that died: the caller marks them failed at start-up. */
    listAbandoned(): RunRecord[] {
      return abandoned.all().map((row) => rowToRun(row, false));
    },
    /** Stores a series blob already encoded (by the simulation worker, see prepare-run.ts, or as a bundle carried it). */
    putSeriesBlob(runId: string, series: SeriesBlob): void {
      insertSeries.run({ runId, ...seriesColumns(series), data: series.data });
    },
    /** Removes a run's series: those written ahead of a run that was then cancelled or failed (see store-run.ts). */
    deleteSeries(runId: string): number {
      return dropSeries.run(runId).changes;
    },
    /** What an investigation's runs keep on disk: their series blobs and detail columns, and how many runs. */
    /** What the investigation's ended runs (completed, failed or cancelled) keep on disk. */
    diskUse(investigationId: string): DiskUseRow {
      return diskUseOf(diskUse.get({ investigationId })!);
    },
    /** The same for one run, once it has ended (nothing while it runs): what it adds to its investigation's. */
    runDiskUse(runId: string): DiskUseRow {
      return diskUseOf(runDiskUse.get({ runId })!);
    },
    /** Every series of a run as stored (encoded), by key: what a bundle carries. */
    seriesBlobs(runId: string): SeriesBlob[] {
      return seriesBlobs.all(runId).map((row) => ({
        key: row.series_key,
        startSec: row.start_sec,
        stepSec: row.step_sec,
        length: row.length,
        min: row.min_value,
        max: row.max_value,
        data: row.data,
      }));
    },
    getSeries(runId: string, key: string): StoredSeries | undefined {
      const row = seriesByKey.get(runId, key);
      return row && storedSeries(row, decodeSeries(row.data));
    },
    /** getSeries with the blob inflated off the event loop (the chart's reads; see decodeSeriesAsync). */
    async getSeriesAsync(runId: string, key: string): Promise<StoredSeries | undefined> {
      const row = seriesByKey.get(runId, key);
      return row && storedSeries(row, await decodeSeriesAsync(row.data));
    },
    listSeriesKeys(runId: string): string[] {
      return seriesKeys.all(runId).map((row) => row.series_key);
    },
    /** Records how a lean run's series not on disk are re-derived. */
    putDerivation(derivation: Omit<RunDerivation, 'discarded'>): void {
      insertDerivation.run({
        runId: derivation.runId,
        simulator: derivation.simulator,
        params: JSON.stringify(derivation.params),
        seriesHash: derivation.seriesHash,
        detailHash: derivation.detailHash,
        keys: JSON.stringify(derivation.keys),
      });
    },
    /** A lean run's derivation; undefined for a run stored whole. */
    derivation(runId: string): RunDerivation | undefined {
      const row = derivationById.get(runId);
      return row ? derivationOf(row) : undefined;
    },
    /** Copies a lean run's derivation to its copy (a branch carries runs over). */
    copyDerivation(fromRunId: string, toRunId: string): void {
      stale.add(toRunId);
      copyDerivation.run({ from: fromRunId, to: toRunId });
    },
    /** The bytes of a run's series, plan and events on disk (what discarding its data frees). */
    storedBytes(runId: string): number {
      return storedBytes.get({ id: runId })?.bytes ?? 0;
    },
    /** The ids of an investigation's runs whose data was discarded. */
    discardedRunIds(investigationId: string): Set<string> {
      return new Set(discardedIn.all(investigationId).map((row) => row.run_id));
    },
    /**
     * Removes a lean run's data from disk (every series, its plan and events); what re-derives it stays. Returns
     * false when it was discarded already.
     */
    discardData(runId: string, at: number, by: string): boolean {
      stale.add(runId);
      if (markDiscarded.run({ runId, at, by }).changes !== 1) return false;
      dropSeries.run(runId);
      dropDetail.run(runId);
      return true;
    },
  };
}
