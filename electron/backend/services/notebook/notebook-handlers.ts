// The notebook's channels bound to their services.
import type { notebookChannels } from '../../../../shared/contract/notebook-channels';
import type { ServiceContext } from '../context';
import type { HandlersFor, HostInfo } from '../handler-types';
import { listAuditEvents } from './audit';
import { setChecklistItem } from './checklist';
import { addHypothesis, setHypothesisStatus } from './hypotheses';
import { createInvestigation, getInvestigation, listInvestigations } from './investigations';
import { addNote, correctNote } from './notes';

export function notebookHandlers(
  ctx: ServiceContext,
  hostInfo: HostInfo,
): HandlersFor<keyof typeof notebookChannels> {
  return {
    'app.info': () => ({
      ...hostInfo,
      databasePath: ctx.store.path,
      user: ctx.user,
      schemaVersion: ctx.store.schemaVersion(),
    }),
    'investigations.list': (request) => listInvestigations(ctx, request),
    'investigations.create': (request) => createInvestigation(ctx, request),
    'investigations.get': (request) => getInvestigation(ctx, request),
    'checklist.set': (request) => setChecklistItem(ctx, request),
    'notes.add': (request) => addNote(ctx, request),
    'notes.correct': (request) => correctNote(ctx, request),
    'hypotheses.add': (request) => addHypothesis(ctx, request),
    'hypotheses.setStatus': (request) => setHypothesisStatus(ctx, request),
    'audit.list': (request) => listAuditEvents(ctx, request),
  };
}
