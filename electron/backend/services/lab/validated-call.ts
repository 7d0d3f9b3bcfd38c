// Calls a handler the way a client would: the request is validated against the contract first and the answer
// checked, so code that drives services from inside (the worked example) cannot skip the rules a user obeys.
import type { ChannelName, RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { checkResponse, parseRequest } from '../../../../shared/contract/validate';
import type { Handlers } from '../handler-types';

export async function validatedCall<C extends ChannelName>(
  handlers: Handlers,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const parsed = parseRequest(channel, request);
  const handler = handlers[channel] as (request: unknown) => unknown;
  return checkResponse(channel, await handler(parsed.request));
}
