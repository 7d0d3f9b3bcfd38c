// Byte counts for people, in binary units as Flink and the JVM report them ("212 MiB", "1.5 GiB").

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/**
 * Three significant digits at most, trailing zeros dropped: 222298112 -> "212 MiB", 1610612736 -> "1.5 GiB",
 * 268435456 -> "256 MiB", 512 -> "512 B". Negative values keep their sign; NaN prints "n/a".
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return Number.isNaN(bytes) ? 'n/a' : bytes > 0 ? '∞' : '-∞';
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  // 1023.6 KiB would print as "1020 KiB"; move up a unit once rounding would reach 1000.
  while (unit < UNITS.length - 1 && value >= 999.5) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${sign}${Math.round(value)} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  const fixed = value.toFixed(digits);
  const text = digits > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
  return `${sign}${text} ${UNITS[unit]}`;
}

/** Like formatBytes with an explicit "+" for positive amounts: "+32 MiB". */
export function formatSignedBytes(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}
