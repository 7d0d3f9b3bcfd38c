// The type of a feature's handler map: one service call per channel of that feature, checked by the compiler.
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/channels';

export type HandlersFor<Names extends ChannelName> = {
  [C in Names]: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};
