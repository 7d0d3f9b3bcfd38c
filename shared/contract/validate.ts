// Validates a request against its channel's schema and turns zod's issues into one message a person can act on:
// which call, which field, what is wrong ("notes.add: body: note is too long: the limit is 100,000 characters").
import type { z } from 'zod';
import { type ChannelName, contract, isChannelName, type ResponseOf } from './channels';
import { PeelError } from './errors';

function describePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'request' : path.map(String).join('.');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `'${key}'`).join(', ');
    return `${describePath(issue.path)}: unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}`;
  }
  return `${describePath(issue.path)}: ${issue.message}`;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return (
    issues.slice(0, 5).map(describeIssue).join('; ') +
    (issues.length > 5 ? ` (and ${issues.length - 5} more)` : '')
  );
}

/** Parses a request for `channelName`; throws a `PeelError` ('unknown-channel' or 'invalid-request') otherwise. */
export function parseRequest(
  channelName: string,
  payload: unknown,
): { channel: ChannelName; request: unknown } {
  if (!isChannelName(channelName)) {
    throw new PeelError('unknown-channel', `There is no call named '${channelName}'.`);
  }
  const result = contract[channelName].request.safeParse(payload);
  if (!result.success) {
    throw new PeelError('invalid-request', `${channelName}: ${formatIssues(result.error.issues)}`, {
      issues: result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    });
  }
  return { channel: channelName, request: result.data };
}

/** Checks a service's answer against the contract, so a broken service fails loudly at the edge. */
export function checkResponse<C extends ChannelName>(channelName: C, value: unknown): ResponseOf<C> {
  const result = contract[channelName].response.safeParse(value);
  if (!result.success) {
    throw new PeelError(
      'internal',
      `${channelName}: the backend produced an answer that does not match the contract (${formatIssues(result.error.issues)})`,
    );
  }
  return result.data as ResponseOf<C>;
}
