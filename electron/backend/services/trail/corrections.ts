// Corrections that never erase: a hypothesis's statement and a person's description of an audit event are corrected
// by appending an entry that points at the one it corrects; each correction writes its own audit event.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { notFound } from '../../../../shared/contract/errors';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { searchTextOf } from './search-text';
import { withDescriptions } from './trail-query';

export function correctHypothesis(
  ctx: ServiceContext,
  request: RequestOf<'hypotheses.correct'>,
): ResponseOf<'hypotheses.correct'> {
  const hypothesis = ctx.store.hypotheses.get(request.hypothesisId);
  if (!hypothesis) {
    throw notFound('hypothesis', request.hypothesisId, {
      channel: 'hypotheses.correct',
      details: { hypothesisId: request.hypothesisId },
    });
  }
  const statement = request.statement.trim();
  if (statement === hypothesis.statement) return hypothesis;
  const corrected = ctx.store.hypothesisRevisions.forHypothesis(hypothesis.id).at(-1)?.id ?? null;
  return commit(ctx, (record, now) => {
    const revisionId = ctx.newId();
    ctx.store.hypothesisRevisions.insert({
      id: revisionId,
      hypothesisId: hypothesis.id,
      investigationId: hypothesis.investigationId,
      statement,
      createdAt: now,
      createdBy: ctx.user,
      correctsId: corrected,
    });
    ctx.store.investigations.touch(hypothesis.investigationId, now);
    record({
      investigationId: hypothesis.investigationId,
      kind: 'hypothesis.corrected',
      ruleId: hypothesis.ruleId ?? 'quit-thinking-and-look',
      payload: {
        hypothesisId: hypothesis.id,
        revisionId,
        // Null: the correction replaces the statement as first written.
        correctsRevisionId: corrected,
        statement,
        previous: hypothesis.statement,
        status: hypothesis.status,
      },
    });
    return ctx.store.hypotheses.get(hypothesis.id)!;
  });
}

export function describeEvent(
  ctx: ServiceContext,
  request: RequestOf<'audit.describe'>,
): ResponseOf<'audit.describe'> {
  const event = ctx.store.trail.eventById(request.eventId);
  if (!event) {
    throw notFound('audit event', request.eventId, {
      channel: 'audit.describe',
      details: { eventId: request.eventId },
    });
  }
  const entries = ctx.store.eventDescriptions.forEvent(event.id);
  const latest = entries.at(-1);
  if (latest?.body === request.body) return withDescriptions(ctx, [event])[0]!;
  commit(ctx, (record, now) => {
    const descriptionId = ctx.newId();
    ctx.store.eventDescriptions.insert({
      id: descriptionId,
      eventId: event.id,
      investigationId: event.investigationId,
      body: request.body,
      createdAt: now,
      createdBy: ctx.user,
      correctsId: latest?.id ?? null,
    });
    if (event.investigationId) ctx.store.investigations.touch(event.investigationId, now);
    record({
      investigationId: event.investigationId,
      kind: 'event.described',
      ruleId: event.ruleId ?? 'keep-an-audit-trail',
      payload: {
        eventId: event.id,
        eventSeq: event.seq,
        eventKind: event.kind,
        descriptionId,
        correctsDescriptionId: latest?.id ?? null,
        body: request.body,
      },
    });
    // An event already in the search index is found by its new description at once.
    if (event.seq <= ctx.store.trail.searchIndexedUpTo())
      ctx.store.trail.putSearchText(event.seq, searchTextOf(event, request.body), event.hash);
  });
  return withDescriptions(ctx, [event])[0]!;
}
