// Binds every contract channel to its service function. The mapped type makes a missing handler a type error.
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/channels';
import { listAuditEvents } from './audit';
import { setChecklistItem } from './checklist';
import type { ServiceContext } from './context';
import { addHypothesis, setHypothesisStatus } from './hypotheses';
import { createInvestigation, getInvestigation, listInvestigations } from './investigations';
import { addNote, correctNote } from './notes';

export type Handlers = {
  [C in ChannelName]: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export interface HostInfo {
  host: 'electron' | 'browser';
  version: string;
  dataDir: string;
}

export function createHandlers(ctx: ServiceContext, hostInfo: HostInfo): Handlers {
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
