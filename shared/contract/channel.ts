// How a contract entry is declared: a request schema, a response schema and one line for people.
import type { z } from 'zod';

export interface ChannelSpec<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  description: string;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  description: string,
): ChannelSpec<Req, Res> {
  return { request, response, description };
}
