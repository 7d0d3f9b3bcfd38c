// Experiments: the parameters of a simulated run, numbered per investigation, with the parent they were derived
// from and their exact diff to it. Parameters (normalized ExperimentParams) and diff are stored as JSON.
import type Database from 'better-sqlite3';
import type { ExperimentParams, ParamChange } from '../../../shared/contract/lab-entities';
import { hydrateJson } from './hydration';

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

function rowToExperiment(row: ExperimentRow): ExperimentRecord {
  return {
    id: row.id,
    investigationId: row.investigation_id,
    seq: row.seq,
    parentId: row.parent_id,
    label: row.label,
    params: hydrateJson<ExperimentParams>(row.params),
    diff: hydrateJson<ParamChange[]>(row.diff),
    multiChangeConfirmed: row.multi_change_confirmed === 1,
    hypothesisId: row.hypothesis_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export type ExperimentsStore = ReturnType<typeof createExperimentsStore>;

/** How many investigations' experiment lists are kept in memory (the ones the user works in), as for runs. */
const LISTS_KEPT = 8;

export function createExperimentsStore(db: Database.Database) {
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

  // Experiments per investigation, kept between reads: an experiment is never changed once made, so a kept list is
  // current while the investigation's count and newest id are what it holds, and grows by reading only the newer
  // rows. Reading and parsing every experiment's parameters again made each lab state cost a millisecond per 300
  // experiments, and gave the lab's reasoning new parameter objects each time (so nothing keyed by them lasted).
  // Verification and exports read the database itself (listForInvestigationFromDisk).
  const kept = new Map<string, ExperimentRecord[]>();
  const keptCurrent = (
    investigationId: string,
    list: readonly ExperimentRecord[],
  ): ExperimentRecord[] | null => {
    const { count, lastId } = shapeOf.get(investigationId, investigationId) ?? { count: 0, lastId: null };
    const last = list.at(-1) ?? null;
    if (count === list.length && (last?.id ?? null) === lastId) return list.slice();
    if (!last || count <= list.length) return null;
    // Newer experiments only, if the newest one kept is still there (a rolled-back insert would not be).
    const [still, ...newer] = fromSeq.all(investigationId, last.seq).map(rowToExperiment);
    if (still?.id !== last.id || list.length + newer.length !== count) return null;
    return [...list, ...newer];
  };

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
      return row ? rowToExperiment(row) : undefined;
    },
    /**
     * The investigation's experiments in seq order, kept between reads (shared records: callers must not change
     * them, which nothing does: an experiment is never changed once made).
     */
    listForInvestigation(investigationId: string): ExperimentRecord[] {
      const known = kept.get(investigationId);
      let list = known ? keptCurrent(investigationId, known) : null;
      if (known) kept.delete(investigationId);
      else if (kept.size >= LISTS_KEPT) kept.delete(kept.keys().next().value!);
      list ??= forInvestigation.all(investigationId).map(rowToExperiment);
      // The list read longest ago makes room (the map keeps the order of the last reads).
      kept.set(investigationId, list);
      return list.slice();
    },
    /**
     * The investigation's experiments read from the database itself, not the kept lists: what verification and
     * exports read, so a row changed behind Peel's back (another process, a hand edit) is seen.
     */
    listForInvestigationFromDisk(investigationId: string): ExperimentRecord[] {
      return forInvestigation.all(investigationId).map(rowToExperiment);
    },
    /** The investigation's experiments numbered `seq` or later, in order. */
    listFromSeq(investigationId: string, seq: number): ExperimentRecord[] {
      return fromSeq.all(investigationId, seq).map(rowToExperiment);
    },
    /** How many experiments the investigation has and the newest one's id: whether a kept copy is still current. */
    shape(investigationId: string): { count: number; lastId: string | null } {
      return shapeOf.get(investigationId, investigationId) ?? { count: 0, lastId: null };
    },
  };
}
