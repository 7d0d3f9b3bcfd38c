// Validates a request against its channel's schema and turns zod's issues into one message a person can act on:
// which call, which field, what is wrong ("notes.add: body: note is too long: the limit is 100,000 characters").
import type { z } from 'zod';
import { type ChannelName, contract, isChannelName, type ResponseOf } from './channels';
import { PeelError } from './errors';

function describePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'request' : path.map(String).join('.');
}

/** Whether the field at `path` is absent from `input` (zod itself only says "received undefined"). */
function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return true;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value === undefined;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `'${key}'`).join(', ');
    return `${describePath(issue.path)}: unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}`;
  }
  if (issue.code === 'invalid_type' && isMissing(input, issue.path)) {
    return `${describePath(issue.path)}: this field is required (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_value' && isMissing(input, issue.path)) {
    const values = issue.values.map((value) => JSON.stringify(value)).join(', ');
    return `${describePath(issue.path)}: this field is required (one of ${values})`;
  }
  return `${describePath(issue.path)}: ${issue.message}`;
}

/** One line for people; `input` (what was validated) lets a missing field be called missing. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input?: unknown): string {
  return (
    issues
      .slice(0, 5)
      .map((issue) => describeIssue(issue, input))
      .join('; ') + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : '')
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
    throw new PeelError('invalid-request', `${channelName}: ${formatIssues(result.error.issues, payload)}`, {
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
      `${channelName}: the backend produced an answer that does not match the contract (${formatIssues(result.error.issues, value)})`,
    );
  }
  return result.data as ResponseOf<C>;
}
