// Experiments: the parameters of a simulated run, numbered per investigation, with the parent they were derived
// from and their exact diff to it. Parameters (normalized ExperimentParams) and diff are stored as JSON.
import type Database from 'better-sqlite3';
import type { ExperimentParams, ParamChange } from '../../../shared/contract/lab-entities';
import { createJsonSharer, type JsonSharer } from './shared-json';

export interface ExperimentRecord {
  id: string;
  investigationId: string;
  seq: number;
  parentId: string | null;
  label: string;
  params: ExperimentParams;
  diff: ParamChange[];
  multiChangeConfirmed: boolean;
  hypothesisId: string | null;
  createdAt: number;
  createdBy: string;
}

interface ExperimentRow {
  id: string;
  investigation_id: string;
  seq: number;
  parent_id: string | null;
  label: string;
  params: string;
  diff: string;
  multi_change_confirmed: number;
  hypothesis_id: string | null;
  created_at: number;
  created_by: string;
}

/** Parameters and diff are frozen, shared between records with the same text (shared-json.ts). */
function rowToExperiment(row: ExperimentRow, share: JsonSharer): ExperimentRecord {
  return {
    id: row.id,
    investigationId: share.text(row.investigation_id),
    seq: row.seq,
    parentId: row.parent_id,
    label: row.label,
    params: share<ExperimentParams>(row.params),
    diff: share<ParamChange[]>(row.diff),
    multiChangeConfirmed: row.multi_change_confirmed === 1,
    hypothesisId: row.hypothesis_id,
    createdAt: row.created_at,
    createdBy: share.text(row.created_by),
  };
}

export type ExperimentsStore = ReturnType<typeof createExperimentsStore>;

export function createExperimentsStore(db: Database.Database) {
  const share = createJsonSharer();
  const toRecord = (row: ExperimentRow) => rowToExperiment(row, share);
  const nextSeq = db.prepare<[string], { next: number }>(
    'SELECT coalesce(max(seq), 0) + 1 AS next FROM experiments WHERE investigation_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO experiments (id, investigation_id, seq, parent_id, label, params, diff, multi_change_confirmed,
                              hypothesis_id, created_at, created_by)
     VALUES (@id, @investigationId, @seq, @parentId, @label, @params, @diff, @multiChangeConfirmed, @hypothesisId,
             @createdAt, @createdBy)`,
  );
  const insertRecord = (record: ExperimentRecord): void => {
    insert.run({
      id: record.id,
      investigationId: record.investigationId,
      seq: record.seq,
      parentId: record.parentId,
      label: record.label,
      params: JSON.stringify(record.params),
      diff: JSON.stringify(record.diff),
      multiChangeConfirmed: record.multiChangeConfirmed ? 1 : 0,
      hypothesisId: record.hypothesisId,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
    });
  };
  const byId = db.prepare<[string], ExperimentRow>('SELECT * FROM experiments WHERE id = ?');
  const forInvestigation = db.prepare<[string], ExperimentRow>(
    'SELECT * FROM experiments WHERE investigation_id = ? ORDER BY seq',
  );
  const fromSeq = db.prepare<[string, number], ExperimentRow>(
    'SELECT * FROM experiments WHERE investigation_id = ? AND seq >= ? ORDER BY seq',
  );
  const shapeOf = db.prepare<[string, string], { count: number; lastId: string | null }>(
    `SELECT count(*) AS count,
            (SELECT id FROM experiments WHERE investigation_id = ? ORDER BY seq DESC LIMIT 1) AS lastId
     FROM experiments WHERE investigation_id = ?`,
  );

  return {
    /** Inserts and returns the record with its per-investigation number. */
    insert(record: Omit<ExperimentRecord, 'seq'>): ExperimentRecord {
      const seq = nextSeq.get(record.investigationId)?.next ?? 1;
      const created = { ...record, seq };
      insertRecord(created);
      return created;
    },
    /** Inserts an experiment copied whole (an import or a branch): its number as given. */
    insertCopy(record: ExperimentRecord): void {
      insertRecord(record);
    },
    get(id: string): ExperimentRecord | undefined {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    listForInvestigation(investigationId: string): ExperimentRecord[] {
      return forInvestigation.all(investigationId).map(toRecord);
    },
    /** The investigation's experiments numbered `seq` or later, in order. */
    listFromSeq(investigationId: string, seq: number): ExperimentRecord[] {
      return fromSeq.all(investigationId, seq).map(toRecord);
    },
    /** How many experiments the investigation has and the newest one's id: whether a kept copy is still current. */
    shape(investigationId: string): { count: number; lastId: string | null } {
      return shapeOf.get(investigationId, investigationId) ?? { count: 0, lastId: null };
    },
  };
}
