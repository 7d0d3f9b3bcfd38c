// Hypotheses and their current status (each change of status is also an audit event); read back with their
// statement's corrections folded in (see hypothesis-revisions-store.ts).
import type Database from 'better-sqlite3';
import type { Hypothesis } from '../../../shared/contract/entities';
import type { RuleId } from '../../../shared/domain/rules';
import {
  createHypothesisRevisionsStore,
  foldHypothesisRevisions,
  type HypothesisRecord,
} from './hypothesis-revisions-store';

interface HypothesisRow {
  id: string;
  investigation_id: string;
  statement: string;
  rule_id: string | null;
  status: Hypothesis['status'];
  reason: string | null;
  predicts: 'leak' | 'no-leak' | null;
  decided_by_run_id: string | null;
  decided_automatically: number;
  created_at: number;
  created_by: string;
  updated_at: number;
}

function rowToHypothesis(row: HypothesisRow): HypothesisRecord {
  return {
    id: row.id,
    investigationId: row.investigation_id,
    statement: row.statement,
    ruleId: row.rule_id as RuleId | null,
    status: row.status,
    reason: row.reason,
    predicts: row.predicts,
    decidedByRunId: row.decided_by_run_id,
    decidedAutomatically: row.decided_automatically === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

export type HypothesesStore = ReturnType<typeof createHypothesesStore>;

export function createHypothesesStore(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO hypotheses (id, investigation_id, statement, rule_id, status, reason, predicts, decided_by_run_id,
                             decided_automatically, created_at, created_by, updated_at)
     VALUES (@id, @investigationId, @statement, @ruleId, @status, @reason, @predicts, @decidedByRunId,
             @decidedAutomatically, @createdAt, @createdBy, @updatedAt)`,
  );
  const byId = db.prepare<[string], HypothesisRow>('SELECT * FROM hypotheses WHERE id = ?');
  const forInvestigation = db.prepare<[string], HypothesisRow>(
    'SELECT * FROM hypotheses WHERE investigation_id = ? ORDER BY created_at, rowid',
  );
  const revisions = createHypothesisRevisionsStore(db);
  const updateStatus = db.prepare(
    `UPDATE hypotheses SET status = @status, reason = @reason, updated_at = @at, decided_by_run_id = @runId,
       decided_automatically = @automatic WHERE id = @id`,
  );

  const setDecidedBy = db.prepare<[string, string]>(
    'UPDATE hypotheses SET decided_by_run_id = ? WHERE id = ?',
  );

  return {
    /** Names the run that decided a hypothesis, as a copy of records does once the run is recorded. */
    setDecidedBy(id: string, runId: string): void {
      setDecidedBy.run(runId, id);
    },
    /** Inserts every column as given: a new hypothesis (open, undecided) or one copied whole by an import. */
    insert(hypothesis: HypothesisRecord): void {
      insert.run({
        id: hypothesis.id,
        investigationId: hypothesis.investigationId,
        statement: hypothesis.statement,
        ruleId: hypothesis.ruleId,
        status: hypothesis.status,
        reason: hypothesis.reason,
        predicts: hypothesis.predicts,
        decidedByRunId: hypothesis.decidedByRunId,
        decidedAutomatically: hypothesis.decidedAutomatically ? 1 : 0,
        createdAt: hypothesis.createdAt,
        createdBy: hypothesis.createdBy,
        updatedAt: hypothesis.updatedAt,
      });
    },
    get(id: string): Hypothesis | undefined {
      const row = byId.get(id);
      return row ? foldHypothesisRevisions(rowToHypothesis(row), revisions.forHypothesis(id)) : undefined;
    },
    listForInvestigation(investigationId: string): Hypothesis[] {
      const corrections = revisions.forInvestigation(investigationId);
      return forInvestigation
        .all(investigationId)
        .map((row) => foldHypothesisRevisions(rowToHypothesis(row), corrections.get(row.id) ?? []));
    },
    /** Sets the fate; `decidedBy` names the run that decided it and whether Peel did so from its verdict. */
    setStatus(
      id: string,
      status: Hypothesis['status'],
      reason: string | null,
      at: number,
      decidedBy: { runId: string | null; automatic: boolean } = { runId: null, automatic: false },
    ): void {
      updateStatus.run({
        id,
        status,
        reason,
        at,
        runId: decidedBy.runId,
        automatic: decidedBy.automatic ? 1 : 0,
      });
    },
  };
}
