// Flink's TimeUtils.parseDuration: "1 s", "10 min", "500ms", a bare number is milliseconds.
import { FlinkConfigError } from './flink-config-error';
import { javaTrim } from './java-text';

interface TimeUnit {
  name: string;
  labels: readonly string[];
  /** Length of one unit in nanoseconds. */
  nanos: bigint;
}

// Flink's labels exactly: a singular label, plus "x" and "xs" for each plural one. Microseconds are "µs" in
// Flink; the ASCII "us" is not accepted there, so it is not accepted here either.
const TIME_UNITS: readonly TimeUnit[] = [
  { name: 'DAYS', labels: ['d', 'day', 'days'], nanos: 86_400_000_000_000n },
  { name: 'HOURS', labels: ['h', 'hour', 'hours'], nanos: 3_600_000_000_000n },
  { name: 'MINUTES', labels: ['min', 'minute', 'minutes'], nanos: 60_000_000_000n },
  { name: 'SECONDS', labels: ['s', 'sec', 'secs', 'second', 'seconds'], nanos: 1_000_000_000n },
  {
    name: 'MILLISECONDS',
    labels: ['ms', 'milli', 'millis', 'millisecond', 'milliseconds'],
    nanos: 1_000_000n,
  },
  { name: 'MICROSECONDS', labels: ['µs', 'micro', 'micros', 'microsecond', 'microseconds'], nanos: 1_000n },
  { name: 'NANOSECONDS', labels: ['ns', 'nano', 'nanos', 'nanosecond', 'nanoseconds'], nanos: 1n },
];

const ALL_TIME_UNITS_TEXT = TIME_UNITS.map((unit) => `${unit.name}: (${unit.labels.join(' | ')})`).join(', ');

const LONG_MAX = 9223372036854775807n;
// java.time.Duration holds whole seconds in a long, so that is where Flink overflows.
const DURATION_MAX_NANOS = LONG_MAX * 1_000_000_000n + 999_999_999n;
const MAX_SAFE_NANOS = BigInt(Number.MAX_SAFE_INTEGER) * 1_000_000n;

function failure(reason: string, text: string, key: string | undefined): FlinkConfigError {
  const inner = new FlinkConfigError(reason, { keys: key === undefined ? [] : [key] });
  if (key === undefined) return inner;
  return new FlinkConfigError(`Could not parse value '${text}' for key '${key}'.`, {
    keys: [key],
    cause: inner,
  });
}

/**
 * Parses a Flink duration and returns milliseconds (fractional below 1 ms: "1500 µs" is 1.5). With `key`,
 * failures read as Flink's `Could not parse value '<v>' for key '<key>'.` with the reason as the cause.
 * Durations above `Number.MAX_SAFE_INTEGER` ms (about 285,000 years) are rejected as not exactly representable.
 */
export function parseDuration(text: string, key?: string): number {
  const trimmed = javaTrim(text);
  if (trimmed === '') throw failure('argument is an empty- or whitespace-only string', text, key);
  let pos = 0;
  while (pos < trimmed.length && trimmed.charCodeAt(pos) >= 0x30 && trimmed.charCodeAt(pos) <= 0x39) pos++;
  const number = trimmed.slice(0, pos);
  const label = javaTrim(trimmed.slice(pos)).toLowerCase();
  if (number === '') throw failure('text does not start with a number', text, key);
  const value = BigInt(number);
  if (value > LONG_MAX) {
    throw failure(
      `The value '${number}' cannot be re represented as 64bit number (numeric overflow).`,
      text,
      key,
    );
  }
  let unitNanos = 1_000_000n;
  if (label !== '') {
    const unit = TIME_UNITS.find((candidate) => candidate.labels.includes(label));
    if (unit === undefined) {
      throw failure(
        `Time interval unit label '${label}' does not match any of the recognized units: ${ALL_TIME_UNITS_TEXT}`,
        text,
        key,
      );
    }
    unitNanos = unit.nanos;
  }
  const nanos = value * unitNanos;
  if (nanos > DURATION_MAX_NANOS) throw failure('long overflow', text, key);
  if (nanos > MAX_SAFE_NANOS) {
    throw failure(
      `The duration '${text}' is above ${Number.MAX_SAFE_INTEGER} ms, the longest Peel represents exactly.`,
      text,
      key,
    );
  }
  const wholeMs = nanos / 1_000_000n;
  return Number(wholeMs) + Number(nanos % 1_000_000n) / 1_000_000;
}
