// The audit_events table's row, declared once: as an object (better-sqlite3's default) and as a column tuple (raw
// mode, for the reads that go through every event: exports and chain verification, where a per-row object costs
// time at 100,000 events). The payload is the canonical JSON text the hash covers.

export interface AuditRow {
  seq: number;
  id: string;
  investigation_id: string | null;
  at: number;
  actor: string;
  kind: string;
  rule_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The same columns in table order: seq, id, investigation, at, actor, kind, rule, payload, prev_hash, hash. */
export type AuditRowTuple = [
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

/** The SELECT list that yields an AuditRowTuple. */
export const AUDIT_ROW_COLUMNS =
  'seq, id, investigation_id, at, actor, kind, rule_id, payload, prev_hash, hash';
