// The audit table: appends chained events (inside the caller's transaction) and reads them back.
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/contract/entities';
import { GENESIS_HASH } from '../../../shared/domain/audit-chain';
import type { AuditKind } from '../../../shared/domain/audit-kinds';
import { canonicalJson } from '../../../shared/domain/canonical-json';
import type { RuleId } from '../../../shared/domain/rules';
import { hashEvent } from './audit-hash';
import type { AuditRow } from './audit-rows';

export interface NewAuditEvent {
  id: string;
  investigationId: string | null;
  at: number;
  actor: string;
  kind: AuditKind;
  ruleId: RuleId | null;
  payload: Record<string, unknown>;
}

export function rowToAuditEvent(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    id: row.id,
    investigationId: row.investigation_id,
    at: row.at,
    actor: row.actor,
    kind: row.kind as AuditKind,
    ruleId: row.rule_id as RuleId | null,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;

export function createAuditStore(db: Database.Database) {
  const head = db.prepare<[], { seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO audit_events (seq, id, investigation_id, at, actor, kind, rule_id, payload, prev_hash, hash)
     VALUES (@seq, @id, @investigationId, @at, @actor, @kind, @ruleId, @payload, @prevHash, @hash)`,
  );
  const pageForInvestigation = db.prepare<[string, number, number], AuditRow>(
    `SELECT * FROM audit_events WHERE investigation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
  );
  const latestOfKind = db.prepare<[string, string], { seq: number }>(
    'SELECT seq FROM audit_events WHERE investigation_id = ? AND kind = ? ORDER BY seq DESC LIMIT 1',
  );
  const latestAbout = db.prepare<[string, string, string, string], { seq: number }>(
    `SELECT seq FROM audit_events WHERE investigation_id = ? AND kind = ? AND json_extract(payload, ?) = ?
     ORDER BY seq DESC LIMIT 1`,
  );
  // The subjects the checklist's evidence names, each read through its partial index (migrations/
  // 008-audit-by-kind.sql). SQLite uses an index on an expression for a query that writes the same expression, and a
  // partial index for one whose WHERE implies the index's, so the path and the kinds are in the text.
  const runCompleted = db.prepare<[string, string, string], { seq: number }>(
    `SELECT seq FROM audit_events
      WHERE investigation_id = ? AND kind = 'run.completed' AND kind = ? AND json_extract(payload, '$.runId') = ?
      ORDER BY seq DESC LIMIT 1`,
  );
  const experimentEvent = db.prepare<[string, string, string], { seq: number }>(
    `SELECT seq FROM audit_events
      WHERE investigation_id = ? AND kind IN ('experiment.created', 'experiment.preflight') AND kind = ?
        AND json_extract(payload, '$.experimentId') = ?
      ORDER BY seq DESC LIMIT 1`,
  );
  const latestAboutIndexed = (
    kind: string,
    field: string,
  ): Statement<[string, string, string], { seq: number }> | undefined =>
    kind === 'run.completed' && field === 'runId'
      ? runCompleted
      : (kind === 'experiment.created' || kind === 'experiment.preflight') && field === 'experimentId'
        ? experimentEvent
        : undefined;
  const countForInvestigation = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM audit_events WHERE investigation_id = ?',
  );

  return {
    /** Appends one event after the current head. Call inside the transaction that makes the change it records. */
    append(event: NewAuditEvent): AuditEvent {
      if (!db.inTransaction)
        throw new Error('audit events must be appended inside the transaction of their change');
      const last = head.get();
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = hashEvent(prevHash, { ...event, seq });
      // The payload is stored as the canonical JSON the hash covers, so verification can hash the stored text as
      // it is (see electron/store/audit-chain-text.ts) instead of parsing and re-serialising every event.
      insert.run({ ...event, seq, payload: canonicalJson(event.payload), prevHash, hash });
      return { ...event, seq, prevHash, hash };
    },

    listForInvestigation(
      investigationId: string,
      beforeSeq = Number.MAX_SAFE_INTEGER,
      limit = 200,
    ): AuditEvent[] {
      return pageForInvestigation.all(investigationId, beforeSeq, limit).map(rowToAuditEvent);
    },

    /**
     * The seq of the newest event of `kind` in the investigation, or of the newest whose payload field `field` is
     * `value` (e.g. the `run.completed` event of one run); null when the trail has none.
     */
    latestSeq(
      investigationId: string,
      kind: AuditKind,
      about?: { field: string; value: string },
    ): number | null {
      const indexed = about && latestAboutIndexed(kind, about.field);
      const row = about
        ? indexed
          ? indexed.get(investigationId, kind, about.value)
          : latestAbout.get(investigationId, kind, `$.${about.field}`, about.value)
        : latestOfKind.get(investigationId, kind);
      return row?.seq ?? null;
    },

    countForInvestigation(investigationId: string): number {
      return countForInvestigation.get(investigationId)?.n ?? 0;
    },

    head(): { seq: number; hash: string } {
      return head.get() ?? { seq: 0, hash: GENESIS_HASH };
    },
  };
}
