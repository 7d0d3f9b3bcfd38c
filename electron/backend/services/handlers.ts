// Binds every contract channel to its service function, one feature's map at a time, in the one place that wires
// everything: nothing under services/ imports this file back. The mapped type makes a missing handler a type error.
import type { ServiceContext } from './context';
import { exchangeHandlers } from './exchange/exchange-handlers';
import type { ExchangeHost } from './exchange/exchange-host';
import { guardReadOnly } from './exchange/read-only';
import type { CallChannel, Handlers, HostInfo } from './handler-types';
import { realHandlers } from './imports/real-handlers';
import { labHandlers } from './lab/lab-handlers';
import { validatedCall } from './lab/validated-call';
import { notebookHandlers } from './notebook/notebook-handlers';
import { trailHandlers } from './trail/trail-handlers';
import { trainingHandlers } from './training/training-handlers';

export type { Handlers, HostInfo };

export function createHandlers(
  ctx: ServiceContext,
  hostInfo: HostInfo,
  exchangeHost?: ExchangeHost,
): Handlers {
  // The worked example drives the other channels as a client would; it gets them through this call, bound once
  // the map exists, instead of importing the wiring.
  const call: CallChannel = (channel, request) => validatedCall(handlers, channel, request);
  const handlers: Handlers = guardReadOnly(ctx.store, {
    ...notebookHandlers(ctx, hostInfo),
    ...labHandlers(ctx, call),
    ...trailHandlers(ctx),
    ...exchangeHandlers(ctx, hostInfo, exchangeHost),
    ...realHandlers(ctx, exchangeHost),
    ...trainingHandlers(ctx, exchangeHost),
  });
  return handlers;
}
