// Use cases on investigations: list and search, create, open.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import type { Investigation } from '../../../../shared/contract/entities';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';

export function listInvestigations(
  ctx: ServiceContext,
  request: RequestOf<'investigations.list'>,
): ResponseOf<'investigations.list'> {
  return ctx.store.investigations.list(request.query ?? '');
}

export function createInvestigation(
  ctx: ServiceContext,
  request: RequestOf<'investigations.create'>,
): ResponseOf<'investigations.create'> {
  return commit(ctx, (record, now) => {
    const investigation: Investigation = {
      id: ctx.newId(),
      title: request.title.trim(),
      summary: request.summary,
      startedAt: request.startedAt,
      createdAt: now,
      createdBy: ctx.user,
      updatedAt: now,
      status: 'open',
      scenarioId: null,
    };
    ctx.store.investigations.insert(investigation);
    record({
      investigationId: investigation.id,
      kind: 'investigation.created',
      ruleId: 'keep-an-audit-trail',
      payload: {
        title: investigation.title,
        summary: investigation.summary,
        startedAt: investigation.startedAt,
      },
    });
    return investigation;
  });
}

export function getInvestigation(
  ctx: ServiceContext,
  request: RequestOf<'investigations.get'>,
): ResponseOf<'investigations.get'> {
  const investigation = requireInvestigation(ctx, request.id);
  return {
    investigation,
    checklist: ctx.store.checklist.list(investigation.id),
    notes: ctx.store.notes.listForInvestigation(investigation.id),
    hypotheses: ctx.store.hypotheses.listForInvestigation(investigation.id),
  };
}
