// The one error every importer throws: what went wrong and where (the file name or URL, then line, column and
// field when known), so a person can find it. Nothing is half-imported: an importer either returns every series
// or throws this.

export type ImportErrorCode =
  /** The content is none of the formats Peel reads. */
  | 'unknown-format'
  /** The content claims a format but breaks its syntax (bad JSON, a CSV row that cannot be read). */
  | 'malformed'
  /** Well formed but nothing to import (an empty matrix, a header without rows). */
  | 'empty'
  /** A value Peel cannot read as a number, or one series whose values carry units of different kinds. */
  | 'bad-value'
  /** A time missing, unreadable, or not after the previous one of the same series. */
  | 'bad-time'
  /** Prometheus answered `status: error`; the message carries its own text. */
  | 'prometheus-error'
  /** The server could not be reached (refused, DNS, reset). */
  | 'unreachable'
  /** The server did not answer in time. */
  | 'timeout'
  /** The TLS handshake failed (certificate, protocol). */
  | 'tls'
  /** An HTTP status other than 2xx without a Prometheus error body. */
  | 'http-status'
  /** The caller cancelled (AbortSignal). */
  | 'cancelled'
  /** The file cannot be opened or read (missing, a folder, no permission). */
  | 'unreadable'
  /** The input is larger than the importer accepts. */
  | 'too-large'
  /** A caller's argument is unusable (a bad URL, a step of 0). */
  | 'bad-request';

export interface ImportErrorWhere {
  /** File name or URL (credentials stripped), as the user knows it. */
  source: string;
  /** 1-based line in the file. */
  line?: number;
  /** 1-based column (CSV cell). */
  column?: number;
  /** The field: a CSV column name, a JSON path, a label or metric name. */
  field?: string;
}

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly source: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
  /** Only set for 'http-status' and 'prometheus-error'. */
  readonly status?: number;

  constructor(
    code: ImportErrorCode,
    detail: string,
    where: ImportErrorWhere,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(
      `${describeWhere(where)}: ${detail}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ImportError';
    this.code = code;
    this.source = where.source;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
    if (where.field !== undefined) this.field = where.field;
    if (options.status !== undefined) this.status = options.status;
  }
}

function describeWhere(where: ImportErrorWhere): string {
  const parts: string[] = [];
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.column !== undefined) parts.push(`column ${where.column}`);
  if (where.field !== undefined) parts.push(`field "${where.field}"`);
  return parts.length === 0 ? where.source : `${where.source}: ${parts.join(', ')}`;
}

/** The `{ code, message, details }` shape that crosses the app's contract. */
export function importErrorDetails(error: ImportError): {
  code: ImportErrorCode;
  message: string;
  details: ImportErrorWhere & { status?: number };
} {
  const details: ImportErrorWhere & { status?: number } = { source: error.source };
  if (error.line !== undefined) details.line = error.line;
  if (error.column !== undefined) details.column = error.column;
  if (error.field !== undefined) details.field = error.field;
  if (error.status !== undefined) details.status = error.status;
  return { code: error.code, message: error.message, details };
}
