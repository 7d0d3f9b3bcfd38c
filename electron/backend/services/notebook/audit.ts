// Reading the audit trail of an investigation, newest first.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';

export function listAuditEvents(
  ctx: ServiceContext,
  request: RequestOf<'audit.list'>,
): ResponseOf<'audit.list'> {
  requireInvestigation(ctx, request.investigationId);
  return ctx.store.audit.listForInvestigation(
    request.investigationId,
    request.beforeSeq,
    request.limit ?? 200,
  );
}
