// Text the way the JVM reads and writes it (String.trim, Double.toString, String.format("%.3f"),
// BigDecimal.valueOf), so Flink's parsing, messages and decimal products come out identical here.

/** Java's `String.trim()`: strips every char <= U+0020 from both ends (not Unicode spaces). */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

interface DecimalForm {
  /** Significant digits without leading zeros, e.g. "4000000059604645". */
  digits: string;
  /** Position of the decimal point relative to the start of `digits` (value = 0.digits × 10^point). */
  point: number;
}

// JavaScript prints the shortest digit string that round-trips, as Java's Double.toString has done since JDK 19
// (JDK-4511638); older JDKs occasionally print one more digit, which only matters in the 17th significant place.
function shortestDecimal(value: number): DecimalForm {
  const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential().split('e');
  return { digits: mantissa.replace('.', ''), point: Number(exponent) + 1 };
}

/** Java's `Double.toString(d)`: "0.1", "1.0", "1.0E7", "1.0E-4", "NaN", "Infinity". */
export function javaDoubleToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (value === 0) return `${sign}0.0`;
  const { digits, point } = shortestDecimal(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    const whole = digits.slice(0, point).padEnd(point, '0');
    const fraction = digits.slice(point) || '0';
    return `${sign}${whole}.${fraction}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${point - 1}`;
}

/**
 * Java's `String.format(Locale.ROOT, "%.Nf", d)` for finite non-negative d: Java rounds the shortest decimal
 * digits half-up (FormattedFloatingDecimal), not the exact binary value as `Number.prototype.toFixed` does.
 */
export function javaFormatFixed(value: number, fractionDigits: number): string {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`javaFormatFixed needs a finite value >= 0, got ${value}`);
  if (value === 0) return fractionDigits > 0 ? `0.${'0'.repeat(fractionDigits)}` : '0';
  const { digits, point } = shortestDecimal(value);
  // Scale to an integer count of 10^-fractionDigits units, keeping one extra digit to round on.
  const keep = point + fractionDigits;
  let units: bigint;
  if (keep < 0) units = 0n;
  else {
    const kept = digits.slice(0, keep).padEnd(keep, '0');
    const next = digits.charAt(keep);
    units = BigInt(kept || '0') + (next !== '' && next >= '5' ? 1n : 0n);
  }
  const text = units.toString().padStart(fractionDigits + 1, '0');
  if (fractionDigits === 0) return text;
  return `${text.slice(0, -fractionDigits)}.${text.slice(-fractionDigits)}`;
}

/** `BigDecimal.valueOf(d)` as an exact fraction: unscaled × 10^-scale. */
export function javaBigDecimalOf(value: number): { unscaled: bigint; scale: number } {
  if (!Number.isFinite(value)) throw new RangeError(`BigDecimal.valueOf needs a finite value, got ${value}`);
  if (value === 0) return { unscaled: 0n, scale: 1 };
  const { digits, point } = shortestDecimal(value);
  const unscaled = BigInt(digits) * (value < 0 ? -1n : 1n);
  return { unscaled, scale: digits.length - point };
}
