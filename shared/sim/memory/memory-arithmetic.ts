// Flink's MemorySize arithmetic on exact 64-bit values (add, fraction, inverse fraction, cap) and the short
// texts the memory bar shows for sizes, fractions and ranges.
import { FlinkConfigError } from '../config/flink-config-error';
import { LONG_MAX, multiplyMemorySize, toHumanReadableString } from '../config/memory-size';
import type { ReadFraction, ReadSize } from './memory-options';

/** A fraction with its bounds, as Flink's RangeFraction (min <= max and 0 <= fraction < 1 already checked). */
export interface RangeFraction {
  min: ReadSize;
  max: ReadSize;
  fraction: ReadFraction;
}

export interface FractionResult {
  bytes: bigint;
  capped?: 'min' | 'max';
}

/** `MemorySize.add` (Math.addExact): a sum above Long.MAX_VALUE is Java's ArithmeticException. */
export function addExact(...values: bigint[]): bigint {
  let sum = 0n;
  for (const value of values) {
    sum += value;
    if (sum > LONG_MAX) throw new FlinkConfigError('long overflow');
  }
  return sum;
}

// capToMinMax logs at INFO when it caps; the notes carry those lines to the CLI.
function capToMinMax(
  description: string,
  relative: bigint,
  range: RangeFraction,
  notes: string[],
): FractionResult {
  if (relative > range.max.bytes) {
    notes.push(
      `The derived from fraction ${description} (${toHumanReadableString(relative)}) is greater than its max value ${toHumanReadableString(range.max.bytes)}, max value will be used instead`,
    );
    return { bytes: range.max.bytes, capped: 'max' };
  }
  if (relative < range.min.bytes) {
    notes.push(
      `The derived from fraction ${description} (${toHumanReadableString(relative)}) is less than its min value ${toHumanReadableString(range.min.bytes)}, min value will be used instead`,
    );
    return { bytes: range.min.bytes, capped: 'min' };
  }
  return { bytes: relative };
}

/** `ProcessMemoryUtils.deriveWithFraction`: cap(base × fraction). */
export function deriveWithFraction(
  description: string,
  base: bigint,
  range: RangeFraction,
  notes: string[],
): FractionResult {
  return capToMinMax(description, multiplyMemorySize(base, range.fraction.value), range, notes);
}

/** `ProcessMemoryUtils.deriveWithInverseFraction`: cap(base × f / (1 − f)), the ratio computed in double. */
export function deriveWithInverseFraction(
  description: string,
  base: bigint,
  range: RangeFraction,
  notes: string[],
): FractionResult {
  const fraction = range.fraction.value;
  return capToMinMax(description, multiplyMemorySize(base, fraction / (1 - fraction)), range, notes);
}

/** A size as a person would type it in a config: "128m", "1g", "32k", "1000b"; Long.MAX_VALUE is "∞". */
export function compactSize(bytes: bigint): string {
  if (bytes === LONG_MAX) return '∞';
  if (bytes === 0n) return '0';
  const units: Array<[bigint, string]> = [
    [1n << 40n, 't'],
    [1n << 30n, 'g'],
    [1n << 20n, 'm'],
    [1n << 10n, 'k'],
  ];
  for (const [multiplier, label] of units)
    if (bytes % multiplier === 0n) return `${bytes / multiplier}${label}`;
  return `${bytes}b`;
}

/** The shortest decimal that is the same float, as Java's Float.toString shows it (0.1, not 0.10000000149011612). */
export function floatText(value: number): string {
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(value.toPrecision(precision));
    if (Math.fround(candidate) === value) return String(candidate);
  }
  return String(value);
}

/** "[64m, ∞)" or "[192m, 1g]". */
export function rangeText(range: RangeFraction): string {
  const max = range.max.bytes;
  return `[${compactSize(range.min.bytes)}, ${compactSize(max)}${max === LONG_MAX ? ')' : ']'}`;
}
