// The audit slice's shape: the open investigation's audit trail, newest first.
import type { AuditEvent } from '../../shared/contract/entities';

export interface AuditSlice {
  auditEvents: AuditEvent[];
  auditInvestigationId: string | null;
  loadAudit(investigationId: string): Promise<void>;
  receiveAuditEvent(event: AuditEvent): void;
  clearAudit(): void;
}
