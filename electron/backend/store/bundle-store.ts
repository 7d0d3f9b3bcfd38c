// Reading what a bundle carries beyond the aggregate stores' reads: checklist evidence, note revision links, the
// audit rows and the chain's links. Read-only: an import or a branch writes every record through its own store.
import type Database from 'better-sqlite3';
import type { ChecklistEvidence } from '../../../shared/contract/lab-entities';
import type { RuleId } from '../../../shared/domain/rules';
import { AUDIT_ROW_COLUMNS, type AuditRow, type AuditRowTuple } from './audit-rows';
import { hydrateJsonOrNull } from './hydration';

export interface ChecklistRow {
  itemId: string;
  ruleId: RuleId;
  ticked: boolean;
  at: number;
  by: string;
  evidence: ChecklistEvidence | null;
}

export interface NoteRevisionRecord {
  id: string;
  noteId: string;
  ruleId: RuleId | null;
  body: string;
  createdAt: number;
  createdBy: string;
  correctsId: string | null;
}

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
  const events = db.prepare<[string], AuditRow>(
    'SELECT * FROM audit_events WHERE investigation_id = ? ORDER BY seq',
  );
  const eventTuples = db
    .prepare<[string], AuditRowTuple>(
      `SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events WHERE investigation_id = ? ORDER BY seq`,
    )
    .raw(true);
  // Pages for the streamed exports: keyset reads bounded by the head the export was read at. Events are never
  // updated or deleted (triggers refuse it), so pages read one after another see the same events as one read would.
  const eventTuplesPage = db
    .prepare<[string, number, number, number], AuditRowTuple>(
      `SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events WHERE investigation_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
    )
    .raw(true);
  const eventCount = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM audit_events WHERE investigation_id = ? AND seq <= ?',
  );
  const lastEvent = db.prepare<[string, number], AuditRow>(
    'SELECT * FROM audit_events WHERE investigation_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
  );
  // The kinds as bound values, not a subquery: the (investigation, seq, kind) index then picks the rows, and only
  // theirs are read whole.
  const eventsOfKinds = (kinds: number) =>
    db.prepare<unknown[], AuditRow>(
      `SELECT * FROM audit_events WHERE investigation_id = ? AND seq > ? AND seq <= ? AND kind IN (${Array(kinds).fill('?').join(', ')}) ORDER BY seq LIMIT ?`,
    );
  const otherLinksPage = db
    .prepare<[string, number, number, number], [number, string, string]>(
      'SELECT seq, prev_hash, hash FROM audit_events WHERE investigation_id IS NOT ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    )
    .raw(true);
  const otherLinks = db.prepare<[string, number], { seq: number; prev_hash: string; hash: string }>(
    'SELECT seq, prev_hash, hash FROM audit_events WHERE investigation_id IS NOT ? AND seq <= ? ORDER BY seq',
  );

  return {
    checklist(investigationId: string): ChecklistRow[] {
      return checklist.all(investigationId).map((row) => ({
        itemId: row.item_id,
        ruleId: row.rule_id as RuleId,
        ticked: row.ticked === 1,
        at: row.updated_at,
        by: row.updated_by,
        evidence: hydrateJsonOrNull<ChecklistEvidence>(row.evidence),
      }));
    },
    noteRevisions(investigationId: string): NoteRevisionRecord[] {
      return revisions.all(investigationId).map((row) => ({
        id: row.id,
        noteId: row.note_id,
        ruleId: row.rule_id as RuleId | null,
        body: row.body,
        createdAt: row.created_at,
        createdBy: row.created_by,
        correctsId: row.corrects_id,
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
    /** Up to `limit` of the investigation's events after `afterSeq` and up to `headSeq`, oldest first, as tuples. */
    eventTuplesPage(
      investigationId: string,
      afterSeq: number,
      headSeq: number,
      limit: number,
    ): AuditRowTuple[] {
      return eventTuplesPage.all(investigationId, afterSeq, headSeq, limit);
    },
    /** How many of the investigation's events are at or before `headSeq`. */
    eventCount(investigationId: string, headSeq: number): number {
      return eventCount.get(investigationId, headSeq)!.n;
    },
    /** The investigation's last event at or before `headSeq`, if any. */
    lastEvent(investigationId: string, headSeq: number): AuditRow | undefined {
      return lastEvent.get(investigationId, headSeq);
    },
    /** Up to `limit` of the investigation's events of these kinds after `afterSeq` and up to `headSeq`, oldest first. */
    eventsOfKindsPage(
      investigationId: string,
      afterSeq: number,
      headSeq: number,
      kinds: readonly string[],
      limit: number,
    ): AuditRow[] {
      return eventsOfKinds(kinds.length).all(investigationId, afterSeq, headSeq, ...kinds, limit);
    },
    /** Up to `limit` links (seq, prev_hash, hash) of other events after `afterSeq` and up to `headSeq`. */
    otherLinksPage(
      investigationId: string,
      afterSeq: number,
      headSeq: number,
      limit: number,
    ): [seq: number, prevHash: string, hash: string][] {
      return otherLinksPage.all(investigationId, afterSeq, headSeq, limit);
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
  };
}
