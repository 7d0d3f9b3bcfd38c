// Reads for checking the audit chain: every stored event as it is on disk (in seq order, streamed), the triggers
// the schema holds, and look-ups that explain a broken link. Opens nothing and writes nothing.
import type Database from 'better-sqlite3';
import { AUDIT_ROW_COLUMNS, type AuditRowTuple } from './audit-rows';

export interface StoredTrigger {
  name: string;
  table: string;
  sql: string;
}

export type AuditChainStore = ReturnType<typeof createAuditChainStore>;

export function createAuditChainStore(db: Database.Database) {
  // Raw arrays, not objects: at 100,000 rows the per-row object costs show in the verification time.
  const all = db
    .prepare<[], AuditRowTuple>(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events ORDER BY seq`)
    .raw(true);
  // No index on hash: this runs only to explain a link that is already known to be broken.
  const byHash = db.prepare<[string], { seq: number; id: string }>(
    'SELECT seq, id FROM audit_events WHERE hash = ? ORDER BY seq LIMIT 1',
  );
  const summary = db.prepare<[], { events: number; head_seq: number | null }>(
    'SELECT count(*) AS events, max(seq) AS head_seq FROM audit_events',
  );
  const atSeq = db.prepare<[number], { id: string; hash: string }>(
    'SELECT id, hash FROM audit_events WHERE seq = ?',
  );
  const triggers = db.prepare<[], StoredTrigger>(
    "SELECT name, tbl_name AS 'table', sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
  );

  return {
    /** Streams every event in seq order. The connection is busy until the iteration ends (or is broken off). */
    iterate(): IterableIterator<AuditRowTuple> {
      return all.iterate();
    },
    findByHash(hash: string): { seq: number; id: string } | undefined {
      return byHash.get(hash);
    },
    summary(): { events: number; headSeq: number } {
      const row = summary.get();
      return { events: row?.events ?? 0, headSeq: row?.head_seq ?? 0 };
    },
    atSeq(seq: number): { id: string; hash: string } | undefined {
      return atSeq.get(seq);
    },
    triggers(): StoredTrigger[] {
      return triggers.all();
    },
  };
}
