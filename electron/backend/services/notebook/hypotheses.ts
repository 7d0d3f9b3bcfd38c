// Hypotheses: recording one, and deciding its fate (supported, refuted, inconclusive) with a reason.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { notFound, PeelError } from '../../../../shared/contract/errors';
import type { HypothesisRecord } from '../../store/hypothesis-revisions-store';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';

export function addHypothesis(
  ctx: ServiceContext,
  request: RequestOf<'hypotheses.add'>,
): ResponseOf<'hypotheses.add'> {
  requireInvestigation(ctx, request.investigationId);
  return commit(ctx, (record, now) => {
    const hypothesis: HypothesisRecord = {
      id: ctx.newId(),
      investigationId: request.investigationId,
      statement: request.statement.trim(),
      ruleId: request.ruleId,
      status: 'open',
      reason: null,
      predicts: request.predicts ?? null,
      decidedByRunId: null,
      decidedAutomatically: false,
      createdAt: now,
      createdBy: ctx.user,
      updatedAt: now,
    };
    ctx.store.hypotheses.insert(hypothesis);
    ctx.store.investigations.touch(request.investigationId, now);
    record({
      investigationId: request.investigationId,
      kind: 'hypothesis.added',
      ruleId: request.ruleId ?? 'quit-thinking-and-look',
      payload: {
        hypothesisId: hypothesis.id,
        statement: hypothesis.statement,
        predicts: hypothesis.predicts,
      },
    });
    return ctx.store.hypotheses.get(hypothesis.id)!;
  });
}

export function setHypothesisStatus(
  ctx: ServiceContext,
  request: RequestOf<'hypotheses.setStatus'>,
): ResponseOf<'hypotheses.setStatus'> {
  const hypothesis = ctx.store.hypotheses.get(request.hypothesisId);
  if (!hypothesis) throw notFound('hypothesis', request.hypothesisId);
  const reason = request.reason.trim();
  if (request.status !== 'open' && reason === '') {
    throw new PeelError(
      'invalid-request',
      `hypotheses.setStatus: reason: say why the hypothesis is ${request.status} (the reason must not be empty)`,
    );
  }
  if (hypothesis.status === request.status && (hypothesis.reason ?? '') === reason) return hypothesis;
  return commit(ctx, (record, now) => {
    ctx.store.hypotheses.setStatus(hypothesis.id, request.status, reason === '' ? null : reason, now);
    ctx.store.investigations.touch(hypothesis.investigationId, now);
    record({
      investigationId: hypothesis.investigationId,
      kind: 'hypothesis.status-changed',
      ruleId: hypothesis.ruleId ?? 'quit-thinking-and-look',
      payload: {
        hypothesisId: hypothesis.id,
        statement: hypothesis.statement,
        from: hypothesis.status,
        to: request.status,
        reason,
      },
    });
    return ctx.store.hypotheses.get(hypothesis.id)!;
  });
}
