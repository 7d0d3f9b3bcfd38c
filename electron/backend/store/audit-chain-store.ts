// Reads for checking the audit chain: every stored event as it is on disk (in seq order, streamed), the triggers
// the schema holds, and look-ups that explain a broken link. Opens nothing and writes nothing.
import type Database from 'better-sqlite3';

/** An event's columns exactly as stored, payload as its stored JSON text: what verification must hash. */
export type StoredEventTuple = [
  seq: number,
  id: string,
  investigationId: string | null,
  at: number,
  actor: string,
  kind: string,
  ruleId: string | null,
  payload: string,
  prevHash: string,
  hash: string,
];

export interface StoredTrigger {
  name: string;
  table: string;
  sql: string;
}

export type AuditChainStore = ReturnType<typeof createAuditChainStore>;

export function createAuditChainStore(db: Database.Database) {
  // Raw arrays, not objects: at 100,000 rows the per-row object costs show in the verification time.
  const all = db
    .prepare<[], StoredEventTuple>(
      `SELECT seq, id, investigation_id, at, actor, kind, rule_id, payload, prev_hash, hash
       FROM audit_events ORDER BY seq`,
    )
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
    iterate(): IterableIterator<StoredEventTuple> {
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
