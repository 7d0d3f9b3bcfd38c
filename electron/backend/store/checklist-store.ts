// Current state of each checklist item of an investigation (the history lives in the audit trail).
import type Database from 'better-sqlite3';
import type { ChecklistTick } from '../../../shared/contract/entities';
import type { ChecklistEvidence } from '../../../shared/contract/lab-entities';
import type { RuleId } from '../../../shared/domain/rules';
import { dehydrateJson } from './hydration';

interface TickRow {
  item_id: string;
  rule_id: string;
  ticked: number;
  updated_at: number;
  updated_by: string;
  evidence: string | null;
}

function rowToTick(row: TickRow): ChecklistTick {
  return {
    itemId: row.item_id,
    ruleId: row.rule_id as RuleId,
    ticked: row.ticked === 1,
    at: row.updated_at,
    by: row.updated_by,
    ...(row.evidence === null ? {} : { evidence: tickEvidence(row.evidence) }),
  };
}

/** The evidence Peel stored with its own tick, read for display (a person's tick has none). */
function tickEvidence(stored: string): ChecklistTick['evidence'] {
  const e = JSON.parse(stored) as { description?: unknown; runIds?: unknown; eventSeq?: unknown };
  return {
    description: typeof e.description === 'string' ? e.description : '',
    runIds: Array.isArray(e.runIds) ? e.runIds.filter((id): id is string => typeof id === 'string') : [],
    eventSeq: typeof e.eventSeq === 'number' ? e.eventSeq : null,
  };
}

/** What Peel stores with its own tick: the evidence, at least what it says and its runs (and the proving event). */
export type StoredTickEvidence = Pick<ChecklistEvidence, 'itemId' | 'description' | 'runIds'> &
  Partial<Pick<ChecklistEvidence, 'mode' | 'source' | 'eventSeq'>>;

export type ChecklistStore = ReturnType<typeof createChecklistStore>;

export function createChecklistStore(db: Database.Database) {
  const upsert = db.prepare(
    `INSERT INTO checklist_ticks (investigation_id, item_id, rule_id, ticked, updated_at, updated_by, evidence)
     VALUES (@investigationId, @itemId, @ruleId, @ticked, @at, @by, @evidence)
     ON CONFLICT (investigation_id, item_id) DO UPDATE
       SET ticked = excluded.ticked, updated_at = excluded.updated_at, updated_by = excluded.updated_by,
           evidence = excluded.evidence`,
  );
  const one = db.prepare<[string, string], TickRow>(
    'SELECT * FROM checklist_ticks WHERE investigation_id = ? AND item_id = ?',
  );
  const all = db.prepare<[string], TickRow>(
    'SELECT * FROM checklist_ticks WHERE investigation_id = ? ORDER BY updated_at, item_id',
  );

  return {
    /** `evidence` records why Peel ticked an item itself (the runs that satisfy it); null for the user's own ticks. */
    set(investigationId: string, tick: ChecklistTick, evidence: StoredTickEvidence | null = null): void {
      upsert.run({
        investigationId,
        ...tick,
        ticked: tick.ticked ? 1 : 0,
        evidence: dehydrateJson(evidence),
      });
    },
    get(investigationId: string, itemId: string): ChecklistTick | undefined {
      const row = one.get(investigationId, itemId);
      return row ? rowToTick(row) : undefined;
    },
    list(investigationId: string): ChecklistTick[] {
      return all.all(investigationId).map(rowToTick);
    },
  };
}
