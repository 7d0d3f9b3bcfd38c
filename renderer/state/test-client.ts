// Test support: a PeelClient wired straight to an in-process backend's dispatcher. Requests, answers and events
// take a JSON round trip as they would over the wire, and a failed envelope becomes an ApiError, exactly as in
// the real client. Answers can be held back to play out a slow network.
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/channels';
import type { Envelope } from '../../shared/contract/errors';
import type { PushEvent } from '../../shared/contract/events';
import { ApiError, type PeelClient } from '../api/client';

/** The part of the backend the client needs (electron/backend.ts's Backend has both). */
export interface InProcessBackend {
  dispatch(channel: string, payload: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (event: PushEvent) => void): () => void;
}

export interface RecordedCall {
  channel: ChannelName;
  request: unknown;
  answered: boolean;
}

export interface TestClient extends PeelClient {
  /** Every call, in the order it was made. */
  calls: RecordedCall[];
  /**
   * Holds back the answers of the calls `match` picks (the backend has already acted on them). The returned
   * function hands them over and resolves once the callers' synchronous follow-ups have run.
   */
  holdAnswers(match: (channel: ChannelName, request: unknown) => boolean): () => Promise<void>;
}

const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Lets every pending promise continuation run: they all go before the next macrotask. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createTestClient(backend: InProcessBackend): TestClient {
  const holds: { match: (channel: ChannelName, request: unknown) => boolean; released: Promise<void> }[] = [];
  const calls: RecordedCall[] = [];
  return {
    host: 'browser',
    calls,
    async call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const sent = overTheWire(request);
      const record: RecordedCall = { channel, request: sent, answered: false };
      calls.push(record);
      const envelope = overTheWire(await backend.dispatch(channel, sent));
      for (const hold of holds.filter((candidate) => candidate.match(channel, sent))) await hold.released;
      record.answered = true;
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.value as ResponseOf<C>;
    },
    onEvent(listener) {
      return backend.subscribe((event) => listener(overTheWire(event)));
    },
    onMenuCommand: () => () => {},
    holdAnswers(match) {
      let release = () => {};
      const hold = { match, released: new Promise<void>((resolve) => (release = resolve)) };
      holds.push(hold);
      return async () => {
        holds.splice(holds.indexOf(hold), 1);
        release();
        await settle();
      };
    },
  };
}
