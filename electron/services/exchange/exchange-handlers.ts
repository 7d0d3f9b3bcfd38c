// The exchange channels (exports and imports) bound to their services.
import type { exchangeChannels } from '../../../shared/contract/exchange-channels';
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../handler-types';

export function exchangeHandlers(_ctx: ServiceContext): HandlersFor<keyof typeof exchangeChannels> {
  return {};
}
