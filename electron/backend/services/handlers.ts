// Binds every contract channel to its service function, one feature's map at a time. The mapped type makes a
// missing handler a type error.
import type { ChannelName } from '../../shared/contract/channels';
import type { ServiceContext } from './context';
import { exchangeHandlers } from './exchange/exchange-handlers';
import type { ExchangeHost } from './exchange/exchange-host';
import { guardReadOnly } from './exchange/read-only';
import type { HandlersFor } from './handler-types';
import { labHandlers } from './lab/lab-handlers';
import { type HostInfo, notebookHandlers } from './notebook-handlers';
import { trailHandlers } from './trail/trail-handlers';

export type { HostInfo };
export type Handlers = HandlersFor<ChannelName>;

export function createHandlers(
  ctx: ServiceContext,
  hostInfo: HostInfo,
  exchangeHost?: ExchangeHost,
): Handlers {
  return guardReadOnly(ctx.store, {
    ...notebookHandlers(ctx, hostInfo),
    ...labHandlers(ctx),
    ...trailHandlers(ctx),
    ...exchangeHandlers(ctx, hostInfo, exchangeHost),
  });
}
