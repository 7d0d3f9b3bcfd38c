// The one path every call takes, whichever host carries it: validate the request against the contract, call the
// service, check the answer, and turn any failure into the contract's error shape. Never throws.
import type { ChannelName } from '../../shared/contract/channels';
import { type Envelope, PeelError, type PeelErrorShape } from '../../shared/contract/errors';
import { checkResponse, parseRequest } from '../../shared/contract/validate';
import type { Handlers } from './services/handlers';

export type Dispatch = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

export function toErrorShape(error: unknown, channel: string): PeelErrorShape {
  if (error instanceof PeelError) return error.toShape();
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return {
      code: 'storage',
      message: `${channel}: the database refused the change (${code}: ${(error as Error).message}); nothing was written.`,
    };
  }
  return {
    code: 'internal',
    message: `${channel}: unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
  };
}

export function createDispatch(
  handlers: Handlers,
  onInternalError: (error: unknown) => void = () => {},
): Dispatch {
  return async (channelName, payload) => {
    try {
      const { channel, request } = parseRequest(channelName, payload);
      const handler = handlers[channel] as (request: unknown) => unknown;
      const value = await handler(request);
      return { ok: true, value: checkResponse(channel as ChannelName, value) };
    } catch (error) {
      const shape = toErrorShape(error, channelName);
      if (shape.code === 'internal') onInternalError(error);
      return { ok: false, error: shape };
    }
  };
}
