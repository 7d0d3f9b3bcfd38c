// Corrections of hypotheses' statements as immutable revisions: the original text stays in hypotheses.statement,
// each correction is a new row pointing at the revision it corrects (NULL: the original).
import type Database from 'better-sqlite3';
import type { Hypothesis } from '../../../shared/contract/entities';

/** A hypothesis as stored in its own row, before its corrections are folded in. */
export type HypothesisRecord = Omit<Hypothesis, 'edited' | 'history'>;

interface RevisionRow {
  id: string;
  hypothesis_id: string;
  statement: string;
  created_at: number;
  created_by: string;
}

export interface NewHypothesisRevision {
  id: string;
  hypothesisId: string;
  investigationId: string;
  statement: string;
  createdAt: number;
  createdBy: string;
  /** The revision this one corrects; null when it corrects the original statement. */
  correctsId: string | null;
}

/** The hypothesis as views show it: the latest text, `edited` once corrected, every text (oldest first) as history. */
export function foldHypothesisRevisions(
  record: HypothesisRecord,
  revisions: readonly RevisionRow[],
): Hypothesis {
  const history = [
    { id: record.id, statement: record.statement, createdAt: record.createdAt, createdBy: record.createdBy },
    ...revisions.map((row) => ({
      id: row.id,
      statement: row.statement,
      createdAt: row.created_at,
      createdBy: row.created_by,
    })),
  ];
  const latest = history.at(-1)!;
  return {
    ...record,
    statement: latest.statement,
    // A correction is a change to the hypothesis, so it moves updatedAt like a change of status does.
    updatedAt: Math.max(record.updatedAt, latest.createdAt),
    edited: revisions.length > 0,
    history,
  };
}

export type HypothesisRevisionsStore = ReturnType<typeof createHypothesisRevisionsStore>;

export function createHypothesisRevisionsStore(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO hypothesis_revisions (id, hypothesis_id, investigation_id, statement, created_at, created_by,
                                       corrects_id)
     VALUES (@id, @hypothesisId, @investigationId, @statement, @createdAt, @createdBy, @correctsId)`,
  );
  const forHypothesis = db.prepare<[string], RevisionRow>(
    'SELECT * FROM hypothesis_revisions WHERE hypothesis_id = ? ORDER BY created_at, rowid',
  );
  const forInvestigation = db.prepare<[string], RevisionRow>(
    'SELECT * FROM hypothesis_revisions WHERE investigation_id = ? ORDER BY created_at, rowid',
  );

  return {
    insert(revision: NewHypothesisRevision): void {
      insert.run(revision);
    },
    forHypothesis(hypothesisId: string): RevisionRow[] {
      return forHypothesis.all(hypothesisId);
    },
    /** Every revision of an investigation's hypotheses, grouped by hypothesis id (oldest first). */
    forInvestigation(investigationId: string): Map<string, RevisionRow[]> {
      const grouped = new Map<string, RevisionRow[]>();
      for (const row of forInvestigation.all(investigationId)) {
        const list = grouped.get(row.hypothesis_id);
        if (list) list.push(row);
        else grouped.set(row.hypothesis_id, [row]);
      }
      return grouped;
    },
  };
}
