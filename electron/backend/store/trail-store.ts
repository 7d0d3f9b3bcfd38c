// The timeline's reads: an investigation's events newest first, filtered by kind and rule and by a full-text match,
// a page at a time with the total; and the search index (audit_search) those matches come from.
import type Database from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/contract/entities';
import type { AuditRow } from './audit-rows';
import { rowToAuditEvent } from './audit-store';

export interface TrailFilter {
  investigationId: string;
  /** Only events with seq at or below this (the page set's snapshot). */
  upToSeq: number;
  /** Kinds to keep; null keeps all. */
  kinds: readonly string[] | null;
  ruleIds: readonly string[] | null;
  /** An FTS5 query over audit_search; null for no text search. */
  match: string | null;
}

type Statement<R> = Database.Statement<Record<string, unknown>, R>;

export type TrailStore = ReturnType<typeof createTrailStore>;

export function createTrailStore(db: Database.Database) {
  // One statement per combination of filters (at most eight), prepared on first use: each keeps a plan that uses
  // the (investigation_id, seq, kind, rule_id) index, where one statement with "? IS NULL OR ..." would not.
  const pageStatements = new Map<string, Statement<AuditRow>>();
  const countStatements = new Map<string, Statement<{ n: number }>>();

  const where = (filter: TrailFilter): string =>
    [
      'a.investigation_id = @investigationId AND a.seq <= @upToSeq',
      filter.kinds ? 'a.kind IN (SELECT value FROM json_each(@kinds))' : '',
      filter.ruleIds ? 'a.rule_id IN (SELECT value FROM json_each(@ruleIds))' : '',
      filter.match ? 'a.seq IN (SELECT rowid FROM audit_search WHERE audit_search MATCH @match)' : '',
    ]
      .filter(Boolean)
      .join(' AND ');
  const shape = (filter: TrailFilter) => `${+!!filter.kinds}${+!!filter.ruleIds}${+!!filter.match}`;
  const params = (filter: TrailFilter, extra: Record<string, number> = {}) => ({
    investigationId: filter.investigationId,
    upToSeq: filter.upToSeq,
    ...(filter.kinds ? { kinds: JSON.stringify(filter.kinds) } : {}),
    ...(filter.ruleIds ? { ruleIds: JSON.stringify(filter.ruleIds) } : {}),
    ...(filter.match ? { match: filter.match } : {}),
    ...extra,
  });

  const pageStatement = (filter: TrailFilter) => {
    const key = shape(filter);
    let statement = pageStatements.get(key);
    if (!statement) {
      // The inner query walks the index alone (seq, kind and rule_id are in it) and skips `offset` entries
      // without reading a payload; only the page's own rows are then read from the table.
      statement = db.prepare(
        `SELECT * FROM audit_events WHERE seq IN (
           SELECT a.seq FROM audit_events a WHERE ${where(filter)} ORDER BY a.seq DESC LIMIT @limit OFFSET @offset
         ) ORDER BY seq DESC`,
      );
      pageStatements.set(key, statement);
    }
    return statement;
  };
  const countStatement = (filter: TrailFilter) => {
    const key = shape(filter);
    let statement = countStatements.get(key);
    if (!statement) {
      statement = db.prepare(`SELECT count(*) AS n FROM audit_events a WHERE ${where(filter)}`);
      countStatements.set(key, statement);
    }
    return statement;
  };

  const byId = db.prepare<[string], AuditRow>('SELECT * FROM audit_events WHERE id = ?');
  const indexedUpTo = db
    .prepare<[], number>('SELECT rowid FROM audit_search ORDER BY rowid DESC LIMIT 1')
    .pluck();
  const unindexed = db.prepare<[number, number], AuditRow>(
    'SELECT * FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const removeText = db.prepare<[number]>('DELETE FROM audit_search WHERE rowid = ?');
  const insertText = db.prepare<[number, string, string]>(
    'INSERT INTO audit_search (rowid, body, hash) VALUES (?, ?, ?)',
  );

  return {
    page(filter: TrailFilter, offset: number, limit: number): AuditEvent[] {
      return pageStatement(filter).all(params(filter, { offset, limit })).map(rowToAuditEvent);
    },
    count(filter: TrailFilter): number {
      return countStatement(filter).get(params(filter))?.n ?? 0;
    },
    eventById(id: string): AuditEvent | undefined {
      const row = byId.get(id);
      return row ? rowToAuditEvent(row) : undefined;
    },
    /** The highest seq the search index holds; events after it are not searchable yet. */
    searchIndexedUpTo(): number {
      return indexedUpTo.get() ?? 0;
    },
    /** Events the search index does not hold yet, oldest first. */
    unindexedEvents(afterSeq: number, limit: number): AuditEvent[] {
      return unindexed.all(afterSeq, limit).map(rowToAuditEvent);
    },
    /** Sets the searchable text and hash of an event (replacing what it had). */
    putSearchText(seq: number, text: string, hash: string): void {
      removeText.run(seq);
      insertText.run(seq, text, hash);
    },
  };
}
