// The calls the home screen needs first, sent by the page's small first script while the browser is still fetching
// and evaluating the app's code (about 430 KB, a few hundred milliseconds): their answers are on the way before the
// app asks. The app's own first call with the same channel and request takes the answer already on its way instead
// of asking again; once start-up is over (closeFirstCalls) every call goes to the backend as before, so a later
// call never gets a start-up answer.
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/channels';
import type { PeelClient } from './client';

export type FirstCall = { [C in ChannelName]: { channel: C; request: RequestOf<C> } }[ChannelName];

/** What main.tsx's start asks for the home screen: the host's info, the list, and the list's import marks. */
export const HOME_FIRST_CALLS: readonly FirstCall[] = [
  { channel: 'app.info', request: {} },
  { channel: 'investigations.list', request: {} },
  { channel: 'imports.marks', request: {} },
];

export interface FirstCallsClient extends PeelClient {
  /** Drops the answers no call took: from now on every call asks the backend. */
  closeFirstCalls(): void;
}

const keyOf = (channel: string, request: unknown) => `${channel}\n${JSON.stringify(request)}`;

/** Sends `calls` through `client` now, and answers the first matching call of the client it returns with them. */
export function withFirstCalls(client: PeelClient, calls: readonly FirstCall[]): FirstCallsClient {
  const pending = new Map<string, Promise<unknown>>();
  for (const { channel, request } of calls) {
    const answer = client.call(channel, request as never);
    // A failure waits for the call that takes it, and is that call's error; one nobody takes is dropped.
    answer.catch(() => {});
    pending.set(keyOf(channel, request), answer);
  }
  return {
    ...client,
    call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const key = keyOf(channel, request);
      const early = pending.get(key);
      if (!early) return client.call(channel, request);
      pending.delete(key);
      return early as Promise<ResponseOf<C>>;
    },
    closeFirstCalls: () => pending.clear(),
  };
}
