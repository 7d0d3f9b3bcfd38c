// The one error shape for bad Flink configuration: names the keys (and file line) involved, keeps Flink's text.

export interface FlinkConfigErrorOptions {
  /** Config keys the error is about, the main key first. */
  keys?: string[];
  /** 1-based line in the config file, for file errors. */
  line?: number;
  /** The underlying error, as Flink chains its exceptions ("Caused by: ..."). */
  cause?: unknown;
}

export class FlinkConfigError extends Error {
  readonly keys: string[];
  readonly line?: number;

  constructor(message: string, options: FlinkConfigErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FlinkConfigError';
    this.keys = options.keys ?? [];
    if (options.line !== undefined) this.line = options.line;
  }
}

/** The message and its causes, one per line, the way a Java stack trace lists them ("Caused by: ..."). */
export function describeConfigError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    const text = current instanceof Error ? current.message : String(current);
    lines.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}
