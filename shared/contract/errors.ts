// The one error shape that crosses the contract: a code a program can branch on, a message a person can act on
// (what went wrong and where: channel, field, id, file), and optional details.

export const ERROR_CODES = [
  'invalid-request',
  'unknown-channel',
  'not-found',
  'conflict',
  'payload-too-large',
  'forbidden',
  'storage',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface PeelErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Thrown by services and the store; converted to `PeelErrorShape` at the edge. */
export class PeelError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'PeelError';
    this.code = code;
    this.details = details;
  }

  toShape(): PeelErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isPeelErrorShape(value: unknown): value is PeelErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.message === 'string' &&
    typeof candidate.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(candidate.code)
  );
}

/** Every call's result is an envelope, so errors keep their shape across IPC and HTTP alike. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: PeelErrorShape };

/**
 * The one not-found error: "There is no <what> with id '<id>'." A channel prefixes it (then the sentence starts in
 * lower case), `within` narrows it ("in this investigation"); details carry the id unless given.
 */
export function notFound(
  what: string,
  id: string,
  options: { channel?: string; within?: string; details?: Record<string, unknown> } = {},
): PeelError {
  const sentence = `here is no ${what} with id '${id}'${options.within ? ` ${options.within}` : ''}.`;
  const message = options.channel ? `${options.channel}: t${sentence}` : `T${sentence}`;
  return new PeelError('not-found', message, options.details ?? { id });
}
