// Reading an investigation's records exactly as stored (for a bundle) and writing them back exactly (for an import
// or a branch): the columns other stores do not expose (checklist evidence, note revision links, the raw series
// blobs, who decided a hypothesis), and inserts that keep every value instead of computing new ones.
import type Database from 'better-sqlite3';
import { AUDIT_ROW_COLUMNS, type AuditRow, type AuditRowTuple } from './audit-rows';
import type { RunRecord } from './runs-store';

export interface ChecklistRow {
  itemId: string;
  ruleId: string;
  ticked: boolean;
  at: number;
  by: string;
  evidence: unknown;
}

export interface NoteRevisionRecord {
  id: string;
  noteId: string;
  ruleId: string | null;
  body: string;
  createdAt: number;
  createdBy: string;
  correctsId: string | null;
}

export interface SeriesBlob {
  key: string;
  startSec: number;
  stepSec: number;
  length: number;
  min: number | null;
  max: number | null;
  data: Buffer;
}

export interface InvestigationInsert {
  id: string;
  title: string;
  summary: string;
  startedAt: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  status: 'open' | 'resolved';
  scenarioId: string | null;
  configOverrides: Record<string, string>;
  preflight: unknown;
  resolution: { at: number } | null;
}

export interface HypothesisInsert {
  id: string;
  investigationId: string;
  statement: string;
  ruleId: string | null;
  status: string;
  reason: string | null;
  predicts: string | null;
  decidedByRunId: string | null;
  decidedAutomatically: boolean;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
}

export interface ExperimentInsert {
  id: string;
  investigationId: string;
  seq: number;
  parentId: string | null;
  label: string;
  params: unknown;
  diff: unknown;
  multiChangeConfirmed: boolean;
  hypothesisId: string | null;
  createdAt: number;
  createdBy: string;
}

/** A run as stored, its status as the bundle carried it (checked by the bundle's schema, not narrowed here). */
export type RunInsert = Omit<RunRecord, 'status'> & { status: string };

const json = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

export type BundleStore = ReturnType<typeof createBundleStore>;

export function createBundleStore(db: Database.Database) {
  const checklist = db.prepare<
    [string],
    {
      item_id: string;
      rule_id: string;
      ticked: number;
      updated_at: number;
      updated_by: string;
      evidence: string | null;
    }
  >('SELECT * FROM checklist_ticks WHERE investigation_id = ? ORDER BY updated_at, item_id');
  const revisions = db.prepare<
    [string],
    {
      id: string;
      note_id: string;
      rule_id: string | null;
      body: string;
      created_at: number;
      created_by: string;
      corrects_id: string | null;
    }
  >('SELECT * FROM note_revisions WHERE investigation_id = ? ORDER BY created_at, rowid');
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
  const events = db.prepare<[string], AuditRow>(
    'SELECT * FROM audit_events WHERE investigation_id = ? ORDER BY seq',
  );
  const eventTuples = db
    .prepare<[string], AuditRowTuple>(
      `SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events WHERE investigation_id = ? ORDER BY seq`,
    )
    .raw(true);
  const otherLinks = db.prepare<[string, number], { seq: number; prev_hash: string; hash: string }>(
    'SELECT seq, prev_hash, hash FROM audit_events WHERE investigation_id IS NOT ? AND seq <= ? ORDER BY seq',
  );

  const insertInvestigation = db.prepare(
    `INSERT INTO investigations (id, title, summary, started_at, created_at, created_by, updated_at, status, scenario_id,
                                 config_overrides, resolution, resolved_at, preflight)
     VALUES (@id, @title, @summary, @startedAt, @createdAt, @createdBy, @updatedAt, @status, @scenarioId,
             @configOverrides, @resolution, @resolvedAt, @preflight)`,
  );
  const insertChecklist = db.prepare(
    `INSERT INTO checklist_ticks (investigation_id, item_id, rule_id, ticked, updated_at, updated_by, evidence)
     VALUES (@investigationId, @itemId, @ruleId, @ticked, @at, @by, @evidence)`,
  );
  const insertRevision = db.prepare(
    `INSERT INTO note_revisions (id, note_id, investigation_id, rule_id, body, created_at, created_by, corrects_id)
     VALUES (@id, @noteId, @investigationId, @ruleId, @body, @createdAt, @createdBy, @correctsId)`,
  );
  const insertHypothesis = db.prepare(
    `INSERT INTO hypotheses (id, investigation_id, statement, rule_id, status, reason, predicts, decided_by_run_id,
                             decided_automatically, created_at, created_by, updated_at)
     VALUES (@id, @investigationId, @statement, @ruleId, @status, @reason, @predicts, @decidedByRunId,
             @decidedAutomatically, @createdAt, @createdBy, @updatedAt)`,
  );
  const insertExperiment = db.prepare(
    `INSERT INTO experiments (id, investigation_id, seq, parent_id, label, params, diff, multi_change_confirmed,
                              hypothesis_id, created_at, created_by)
     VALUES (@id, @investigationId, @seq, @parentId, @label, @params, @diff, @multiChangeConfirmed, @hypothesisId,
             @createdAt, @createdBy)`,
  );
  const insertRun = db.prepare(
    `INSERT INTO runs (id, experiment_id, investigation_id, seq, status, started_at, finished_at, started_by,
                       duration_sec, verdict, retained_bytes_per_restart, restarts, ooms, full_gcs, peak_direct_bytes,
                       peak_rss_bytes, summary, analysis, topology, events, error)
     VALUES (@id, @experimentId, @investigationId, @seq, @status, @startedAt, @finishedAt, @startedBy, @durationSec,
             @verdict, @retainedBytesPerRestart, @restarts, @ooms, @fullGcs, @peakDirectBytes, @peakRssBytes, @summary,
             @analysis, @topology, @events, @error)`,
  );
  const insertSeries = db.prepare(
    `INSERT INTO run_series (run_id, series_key, start_sec, step_sec, length, min_value, max_value, data)
     VALUES (@runId, @key, @startSec, @stepSec, @length, @min, @max, @data)`,
  );

  return {
    checklist(investigationId: string): ChecklistRow[] {
      return checklist.all(investigationId).map((row) => ({
        itemId: row.item_id,
        ruleId: row.rule_id,
        ticked: row.ticked === 1,
        at: row.updated_at,
        by: row.updated_by,
        evidence: row.evidence === null ? null : JSON.parse(row.evidence),
      }));
    },
    noteRevisions(investigationId: string): NoteRevisionRecord[] {
      return revisions.all(investigationId).map((row) => ({
        id: row.id,
        noteId: row.note_id,
        ruleId: row.rule_id,
        body: row.body,
        createdAt: row.created_at,
        createdBy: row.created_by,
        correctsId: row.corrects_id,
      }));
    },
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
    /** The investigation's audit events, oldest first, as stored (payload still JSON text). */
    eventRows(investigationId: string): IterableIterator<AuditRow> {
      return events.iterate(investigationId);
    },
    /** The same events as column tuples (see AuditRowTuple), for the exports that read every one. */
    eventTuples(investigationId: string): AuditRowTuple[] {
      return eventTuples.all(investigationId);
    },
    /** Links (seq, prev_hash, hash) of every other event up to `headSeq`, oldest first. */
    otherLinks(investigationId: string, headSeq: number): { seq: number; prev_hash: string; hash: string }[] {
      return otherLinks.all(investigationId, headSeq);
    },

    /**
     * Checks foreign keys at commit instead of per statement, inside the caller's transaction: a copied
     * investigation's records refer to each other in a cycle (experiments name hypotheses, hypotheses the runs
     * that decided them), so no insert order satisfies every reference at once.
     */
    deferForeignKeys(): void {
      if (!db.inTransaction) throw new Error('deferForeignKeys must be called inside a transaction');
      db.pragma('defer_foreign_keys = ON');
    },
    insertInvestigation(row: InvestigationInsert): void {
      insertInvestigation.run({
        id: row.id,
        title: row.title,
        summary: row.summary,
        startedAt: row.startedAt,
        createdAt: row.createdAt,
        createdBy: row.createdBy,
        updatedAt: row.updatedAt,
        status: row.status,
        scenarioId: row.scenarioId,
        configOverrides: JSON.stringify(row.configOverrides),
        resolution: json(row.resolution),
        resolvedAt: row.resolution?.at ?? null,
        preflight: json(row.preflight),
      });
    },
    insertChecklist(investigationId: string, row: ChecklistRow): void {
      insertChecklist.run({
        investigationId,
        itemId: row.itemId,
        ruleId: row.ruleId,
        ticked: row.ticked ? 1 : 0,
        at: row.at,
        by: row.by,
        evidence: json(row.evidence),
      });
    },
    insertNoteRevision(investigationId: string, row: NoteRevisionRecord): void {
      insertRevision.run({
        investigationId,
        id: row.id,
        noteId: row.noteId,
        ruleId: row.ruleId,
        body: row.body,
        createdAt: row.createdAt,
        createdBy: row.createdBy,
        correctsId: row.correctsId,
      });
    },
    insertHypothesis(row: HypothesisInsert): void {
      insertHypothesis.run({
        id: row.id,
        investigationId: row.investigationId,
        statement: row.statement,
        ruleId: row.ruleId,
        status: row.status,
        reason: row.reason,
        predicts: row.predicts,
        decidedByRunId: row.decidedByRunId,
        decidedAutomatically: row.decidedAutomatically ? 1 : 0,
        createdAt: row.createdAt,
        createdBy: row.createdBy,
        updatedAt: row.updatedAt,
      });
    },
    insertExperiment(row: ExperimentInsert): void {
      insertExperiment.run({
        id: row.id,
        investigationId: row.investigationId,
        seq: row.seq,
        parentId: row.parentId,
        label: row.label,
        params: JSON.stringify(row.params),
        diff: JSON.stringify(row.diff),
        multiChangeConfirmed: row.multiChangeConfirmed ? 1 : 0,
        hypothesisId: row.hypothesisId,
        createdAt: row.createdAt,
        createdBy: row.createdBy,
      });
    },
    insertRun(row: RunInsert): void {
      insertRun.run({
        id: row.id,
        experimentId: row.experimentId,
        investigationId: row.investigationId,
        seq: row.seq,
        status: row.status,
        startedAt: row.startedAt,
        finishedAt: row.finishedAt,
        startedBy: row.startedBy,
        durationSec: row.durationSec,
        verdict: row.verdict,
        retainedBytesPerRestart: row.retainedBytesPerRestart,
        restarts: row.restarts,
        ooms: row.ooms,
        fullGcs: row.fullGcs,
        peakDirectBytes: row.peakDirectBytes,
        peakRssBytes: row.peakRssBytes,
        summary: row.summary,
        analysis: json(row.analysis),
        topology: json(row.topology),
        events: json(row.events),
        error: row.error,
      });
    },
    insertSeries(runId: string, series: SeriesBlob): void {
      insertSeries.run({
        runId,
        key: series.key,
        startSec: series.startSec,
        stepSec: series.stepSec,
        length: series.length,
        min: series.min,
        max: series.max,
        data: series.data,
      });
    },
  };
}
