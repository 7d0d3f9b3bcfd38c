// Runs a change and its audit events in one transaction, then tells the UI about the events once committed.
import type { AuditEvent } from '../../../shared/contract/entities';
import type { AuditKind } from '../../../shared/domain/audit-kinds';
import type { RuleId } from '../../../shared/domain/rules';
import type { ServiceContext } from './context';
import { guardAuditedWrite } from './writable';

export interface AuditRecord {
  investigationId: string | null;
  kind: AuditKind;
  ruleId: RuleId | null;
  payload: Record<string, unknown>;
}

export type RecordAudit = (record: AuditRecord) => AuditEvent;

/** `work` gets a function that appends an audit event and the transaction's timestamp (shared by the change and its events). */
export function commit<T>(ctx: ServiceContext, work: (record: RecordAudit, now: number) => T): T {
  const appended: AuditEvent[] = [];
  const now = ctx.clock();
  const result = ctx.store.transaction(() =>
    work((record) => {
      // An imported investigation is read-only: no change to it may be recorded (and so none may be made).
      guardAuditedWrite(ctx.store, record.investigationId, record.kind);
      const event = ctx.store.audit.append({ ...record, id: ctx.newId(), at: now, actor: ctx.user });
      appended.push(event);
      return event;
    }, now),
  );
  for (const event of appended) ctx.emit({ name: 'audit.appended', payload: event });
  return result;
}
