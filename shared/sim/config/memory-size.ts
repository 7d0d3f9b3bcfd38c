// Flink's MemorySize: parsing "1728m"-style sizes, printing them as Flink logs them, and its exact multiply.
// Sizes are 64-bit in Flink; the bigint functions keep that range, the number ones stop at 2^53 - 1 bytes (8 PiB).
import { FlinkConfigError } from './flink-config-error';
import { javaBigDecimalOf, javaFormatFixed, javaTrim } from './java-text';

export { parseDuration } from './duration';

/** Java's Long.MAX_VALUE, Flink's `MemorySize.MAX_VALUE` (the default network max). */
export const LONG_MAX = 9223372036854775807n;

interface MemoryUnit {
  labels: readonly string[];
  multiplier: bigint;
}

// Order matters: toHumanReadableString picks the largest unit the value strictly exceeds.
const UNITS: readonly MemoryUnit[] = [
  { labels: ['b', 'bytes'], multiplier: 1n },
  { labels: ['k', 'kb', 'kibibytes'], multiplier: 1n << 10n },
  { labels: ['m', 'mb', 'mebibytes'], multiplier: 1n << 20n },
  { labels: ['g', 'gb', 'gibibytes'], multiplier: 1n << 30n },
  { labels: ['t', 'tb', 'tebibytes'], multiplier: 1n << 40n },
];

const ALL_UNITS_TEXT = UNITS.map((unit) => `(${unit.labels.join(' | ')})`).join(' / ');

function parseFailure(reason: string, text: string, key: string | undefined): FlinkConfigError {
  const inner = new FlinkConfigError(reason, { keys: key === undefined ? [] : [key] });
  if (key === undefined) return inner;
  return new FlinkConfigError(`Could not parse value '${text}' for key '${key}'.`, {
    keys: [key],
    cause: inner,
  });
}

/**
 * `MemorySize.parseBytes` to the letter, over the full signed 64-bit range. With `key`, failures read as
 * Flink's `Could not parse value '<v>' for key '<key>'.` with the parser's reason as the cause.
 */
export function parseMemorySizeExact(text: string, key?: string): bigint {
  const trimmed = javaTrim(text);
  if (trimmed === '') throw parseFailure('argument is an empty- or whitespace-only string', text, key);
  let pos = 0;
  while (pos < trimmed.length && trimmed.charCodeAt(pos) >= 0x30 && trimmed.charCodeAt(pos) <= 0x39) pos++;
  const number = trimmed.slice(0, pos);
  const unitLabel = javaTrim(trimmed.slice(pos)).toLowerCase();
  if (number === '') throw parseFailure('text does not start with a number', text, key);
  const value = BigInt(number);
  if (value > LONG_MAX) {
    throw parseFailure(
      `The value '${number}' cannot be re represented as 64bit number (numeric overflow).`,
      text,
      key,
    );
  }
  let multiplier = 1n;
  if (unitLabel !== '') {
    const unit = UNITS.find((candidate) => candidate.labels.includes(unitLabel));
    if (unit === undefined) {
      throw parseFailure(
        `Memory size unit '${unitLabel}' does not match any of the recognized units: ${ALL_UNITS_TEXT}`,
        text,
        key,
      );
    }
    multiplier = unit.multiplier;
  }
  const bytes = value * multiplier;
  if (bytes > LONG_MAX) {
    throw parseFailure(
      `The value '${text}' cannot be re represented as 64bit number of bytes (numeric overflow).`,
      text,
      key,
    );
  }
  return bytes;
}

/**
 * `MemorySize.parse` returning bytes as a plain number. Flink allows up to 2^63 - 1 bytes; numbers are exact only
 * up to `Number.MAX_SAFE_INTEGER` (8 PiB), so larger sizes fail here rather than silently round.
 */
export function parseMemorySize(text: string, key?: string): number {
  const bytes = parseMemorySizeExact(text, key);
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw parseFailure(
      `The value '${text}' (${bytes} bytes) is above ${Number.MAX_SAFE_INTEGER} bytes, the largest size Peel represents exactly.`,
      text,
      key,
    );
  }
  return Number(bytes);
}

/** `MemorySize.toHumanReadableString()`: "1024.000mb (1073741824 bytes)", or "<n> bytes" up to 1024. */
export function toHumanReadableString(bytes: number | bigint): string {
  const exact = BigInt(bytes);
  let highest: MemoryUnit | undefined;
  for (const unit of UNITS) if (exact > unit.multiplier) highest = unit;
  if (highest === undefined || highest.multiplier === 1n) return `${exact} bytes`;
  // Java divides the long converted to double, so very large values round like the JVM does.
  const approximate = Number(exact) / Number(highest.multiplier);
  return `${javaFormatFixed(approximate, 3)}${highest.labels[1]} (${exact} bytes)`;
}

/**
 * `MemorySize.multiply(double)`: the exact decimal product of the bytes and `BigDecimal.valueOf(factor)`
 * (the factor's shortest decimal text), truncated toward zero. Flink rejects negative factors and products
 * above Long.MAX_VALUE.
 */
export function multiplyMemorySize(bytes: bigint, factor: number): bigint {
  if (factor < 0 || Number.isNaN(factor)) throw new RangeError('multiplier must be >= 0');
  const { unscaled, scale } = javaBigDecimalOf(factor);
  const product = bytes * unscaled;
  // Java compares the exact product with Long.MAX_VALUE before truncating.
  const overflows =
    scale >= 0 ? product > LONG_MAX * 10n ** BigInt(scale) : product * 10n ** BigInt(-scale) > LONG_MAX;
  if (overflows) throw new RangeError('long overflow');
  return scale >= 0 ? product / 10n ** BigInt(scale) : product * 10n ** BigInt(-scale);
}
