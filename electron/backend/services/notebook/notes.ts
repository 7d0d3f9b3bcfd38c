// Notes: adding one, and correcting one by appending a revision (the earlier text stays in the history).
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { notFound } from '../../../../shared/contract/errors';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';

export function addNote(ctx: ServiceContext, request: RequestOf<'notes.add'>): ResponseOf<'notes.add'> {
  requireInvestigation(ctx, request.investigationId);
  return commit(ctx, (record, now) => {
    const noteId = ctx.newId();
    const revisionId = ctx.newId();
    ctx.store.notes.insertRevision({
      id: revisionId,
      noteId,
      investigationId: request.investigationId,
      ruleId: request.ruleId,
      body: request.body,
      createdAt: now,
      createdBy: ctx.user,
      correctsId: null,
    });
    ctx.store.investigations.touch(request.investigationId, now);
    record({
      investigationId: request.investigationId,
      kind: 'note.added',
      ruleId: request.ruleId ?? 'keep-an-audit-trail',
      payload: { noteId, revisionId, body: request.body },
    });
    return ctx.store.notes.getNote(noteId)!.note;
  });
}

export function correctNote(
  ctx: ServiceContext,
  request: RequestOf<'notes.correct'>,
): ResponseOf<'notes.correct'> {
  const existing = ctx.store.notes.getNote(request.noteId);
  if (!existing) throw notFound('note', request.noteId);
  if (existing.note.body === request.body) return existing.note;
  return commit(ctx, (record, now) => {
    const revisionId = ctx.newId();
    ctx.store.notes.insertRevision({
      id: revisionId,
      noteId: existing.note.id,
      investigationId: existing.note.investigationId,
      ruleId: existing.note.ruleId,
      body: request.body,
      createdAt: now,
      createdBy: ctx.user,
      correctsId: existing.latestRevisionId,
    });
    ctx.store.investigations.touch(existing.note.investigationId, now);
    record({
      investigationId: existing.note.investigationId,
      kind: 'note.corrected',
      ruleId: existing.note.ruleId ?? 'keep-an-audit-trail',
      payload: {
        noteId: existing.note.id,
        revisionId,
        correctsRevisionId: existing.latestRevisionId,
        body: request.body,
      },
    });
    return ctx.store.notes.getNote(existing.note.id)!.note;
  });
}
