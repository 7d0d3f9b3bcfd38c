// The read-only guard on every handler: a refusal names the channel it refused, and calls that start background
// work (a sweep) are checked before they start. The rule itself (refuse every audited write to an imported
// investigation) is in ../writable.ts, applied by commit().
import type { ChannelName } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import type { PeelStore } from '../../store/store';
import type { Handlers } from '../handler-types';
import { requireWritable } from '../writable';

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
