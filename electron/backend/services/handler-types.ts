// The type of a feature's handler map: one service call per channel of that feature, checked by the compiler.
import type { ChannelName, RequestOf, ResponseOf } from '../../../shared/contract/channels';

export type HandlersFor<Names extends ChannelName> = {
  [C in Names]: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

/** Which host serves the contract, for `app.info`. */
export interface HostInfo {
  host: 'electron' | 'browser';
  version: string;
  dataDir: string;
}

/** Every channel's handler: what the dispatcher calls. Wired in handlers.ts, which nothing in services imports. */
export type Handlers = HandlersFor<ChannelName>;

/** Calls a channel as a client would (request validated, answer checked): for services that drive others. */
export type CallChannel = <C extends ChannelName>(
  channel: C,
  request: RequestOf<C>,
) => Promise<ResponseOf<C>>;
