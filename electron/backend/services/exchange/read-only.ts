// Imported investigations are read-only: they are a colleague's record, kept as it arrived. Every change in Peel is
// committed with an audit event naming its investigation (commit.ts), so refusing those events refuses every write
// channel at once, including ones added later. Calls that start background work (a sweep) are checked before they
// start, and the refusal names the channel and says what to do instead.
import type { ChannelName } from '../../../shared/contract/channels';
import { PeelError } from '../../../shared/contract/errors';
import type { AuditKind } from '../../../shared/domain/audit-kinds';
import type { PeelStore } from '../../store/store';
import type { Handlers } from '../handlers';

/** The one event an imported investigation gets locally: the record of its import. */
const ALLOWED_ON_IMPORTED: ReadonlySet<AuditKind> = new Set(['investigation.imported']);

function readOnlyError(store: PeelStore, investigationId: string): PeelError {
  const imported = store.imports.get(investigationId);
  const title = store.investigations.get(investigationId)?.title ?? investigationId;
  const from = imported ? ` from ${imported.exportedBy}'s bundle` : '';
  return new PeelError(
    'forbidden',
    `“${title}” was imported${from} and is read-only; nothing was written. Continue it in a new branch ` +
      '(“Continue in a new branch” on its hand-over) to change anything.',
    { investigationId, readOnly: true },
  );
}

/** Throws when `investigationId` names an imported investigation. */
export function requireWritable(store: PeelStore, investigationId: string | null): void {
  if (investigationId !== null && store.imports.isImported(investigationId)) {
    throw readOnlyError(store, investigationId);
  }
}

/** The guard commit() applies to every audit event it writes. */
export function guardAuditedWrite(store: PeelStore, investigationId: string | null, kind: AuditKind): void {
  if (!ALLOWED_ON_IMPORTED.has(kind)) requireWritable(store, investigationId);
}

/** Calls that return before their writes happen (they run in the background), checked up front. */
const BACKGROUND_WRITERS: Partial<
  Record<ChannelName, (store: PeelStore, request: unknown) => string | null>
> = {
  'runs.start': (store, request) => experimentInvestigation(store, request),
  'sweeps.start': (store, request) => experimentInvestigation(store, request),
};

function experimentInvestigation(store: PeelStore, request: unknown): string | null {
  const id = (request as { experimentId?: unknown }).experimentId;
  return typeof id === 'string' ? (store.experiments.get(id)?.investigationId ?? null) : null;
}

function isReadOnlyError(error: unknown): error is PeelError {
  return (
    error instanceof PeelError && (error.details as { readOnly?: boolean } | undefined)?.readOnly === true
  );
}

function named(channel: string, error: unknown): unknown {
  return isReadOnlyError(error) && !error.message.startsWith(`${channel}:`)
    ? new PeelError(error.code, `${channel}: ${error.message}`, error.details)
    : error;
}

/** Wraps every handler so a read-only refusal names the channel it refused, and background writers are checked. */
export function guardReadOnly(store: PeelStore, handlers: Handlers): Handlers {
  const guarded: Record<string, (request: unknown) => unknown> = {};
  for (const [channel, handler] of Object.entries(handlers) as [
    ChannelName,
    (request: unknown) => unknown,
  ][]) {
    const before = BACKGROUND_WRITERS[channel];
    guarded[channel] = (request) => {
      try {
        if (before) requireWritable(store, before(store, request));
        const result = handler(request);
        return result instanceof Promise
          ? result.catch((error: unknown) => Promise.reject(named(channel, error)))
          : result;
      } catch (error) {
        throw named(channel, error);
      }
    };
  }
  return guarded as unknown as Handlers;
}
