// How a contract entry is declared: a request schema, a response schema and one line for people.
//
// The two schemas are given as functions and made the first time they are read, then kept: building a zod 4
// schema is not cheap (each `.max()`, `.int()` or `.optional()` makes a whole new schema object), and building
// every channel's at once was a large part of loading the backend, on the path of the first screen's answers
// (README, start-up). A channel's schemas are the same objects on every read, so validation is exactly as strict
// as when they were built up front; only when they are built changes.
import type { z } from 'zod';

export interface ChannelSpec<Req extends z.ZodType, Res extends z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  readonly description: string;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: () => Req,
  response: () => Res,
  description: string,
): ChannelSpec<Req, Res> {
  let requestSchema: Req | undefined;
  let responseSchema: Res | undefined;
  return {
    get request() {
      requestSchema ??= request();
      return requestSchema;
    },
    get response() {
      responseSchema ??= response();
      return responseSchema;
    },
    description,
  };
}
