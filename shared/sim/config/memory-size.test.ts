import { describe, expect, it } from 'vitest';
import { describeConfigError, FlinkConfigError } from './flink-config-error';
import {
  LONG_MAX,
  multiplyMemorySize,
  parseMemorySize,
  parseMemorySizeExact,
  toHumanReadableString,
} from './memory-size';

const ALL_UNITS =
  '(b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)';

function errorOf(run: () => unknown): FlinkConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof FlinkConfigError) return error;
    throw error;
  }
  throw new Error('expected a FlinkConfigError');
}

describe('parseMemorySize', () => {
  it('reads every spelling of 1728 MiB from reference b as the same size', () => {
    for (const text of [
      '  1728 MB ',
      '1728mebibytes',
      '1769472k',
      '1811939328',
      '1728m',
      '1728 m',
      '1728M',
      '1728 mb',
    ]) {
      expect(parseMemorySize(text), text).toBe(1728 * 1024 * 1024);
    }
  });

  it('knows each binary unit and its long forms, case-insensitively', () => {
    const cases: Array<[string, number]> = [
      ['155', 155],
      ['155 b', 155],
      ['155bytes', 155],
      ['3k', 3 * 1024],
      ['3 KB', 3 * 1024],
      ['3 kibibytes', 3 * 1024],
      ['2g', 2 * 1024 ** 3],
      ['2 GB', 2 * 1024 ** 3],
      ['2gibibytes', 2 * 1024 ** 3],
      ['1t', 1024 ** 4],
      ['1 Tb', 1024 ** 4],
      ['1 tebibytes', 1024 ** 4],
      ['      155      bytes   ', 155],
    ];
    for (const [text, bytes] of cases) expect(parseMemorySize(text), text).toBe(bytes);
  });

  it("rejects a sign with Flink's text", () => {
    expect(errorOf(() => parseMemorySize('-1m')).message).toBe('text does not start with a number');
  });

  it('rejects decimals: the rest of the text is taken as the unit', () => {
    expect(errorOf(() => parseMemorySize('1.5g')).message).toBe(
      `Memory size unit '.5g' does not match any of the recognized units: ${ALL_UNITS}`,
    );
    expect(errorOf(() => parseMemorySize('16 16 17 18 bytes')).message).toContain("unit '16 17 18 bytes'");
  });

  it('rejects empty text and unknown units', () => {
    expect(errorOf(() => parseMemorySize('   ')).message).toBe(
      'argument is an empty- or whitespace-only string',
    );
    expect(errorOf(() => parseMemorySize('16 gjah')).message).toContain("Memory size unit 'gjah'");
  });

  it('fails on 64-bit overflow of the number and of the byte count', () => {
    expect(errorOf(() => parseMemorySizeExact('100000000000000000000000000000000 bytes')).message).toBe(
      "The value '100000000000000000000000000000000' cannot be re represented as 64bit number (numeric overflow).",
    );
    expect(errorOf(() => parseMemorySizeExact('100000000000000 tb')).message).toBe(
      "The value '100000000000000 tb' cannot be re represented as 64bit number of bytes (numeric overflow).",
    );
    expect(parseMemorySizeExact('9223372036854775807')).toBe(LONG_MAX);
  });

  it('keeps plain numbers exact: sizes above Number.MAX_SAFE_INTEGER fail instead of rounding', () => {
    expect(parseMemorySize('8191t')).toBe(8191 * 1024 ** 4);
    expect(parseMemorySizeExact('8192t')).toBe(8192n * 1024n ** 4n);
    expect(errorOf(() => parseMemorySize('8192t')).message).toContain(String(Number.MAX_SAFE_INTEGER));
  });

  it("with a key, fails as Flink's Configuration does and keeps the reason as the cause", () => {
    const error = errorOf(() => parseMemorySize('1.5g', 'taskmanager.memory.process.size'));
    expect(error.message).toBe("Could not parse value '1.5g' for key 'taskmanager.memory.process.size'.");
    expect(error.keys).toEqual(['taskmanager.memory.process.size']);
    expect(describeConfigError(error).split('\n')[1]).toBe(
      `Caused by: Memory size unit '.5g' does not match any of the recognized units: ${ALL_UNITS}`,
    );
  });
});

describe('toHumanReadableString', () => {
  it("prints as Flink's MemorySizeTest expects", () => {
    expect(toHumanReadableString(0)).toBe('0 bytes');
    expect(toHumanReadableString(1)).toBe('1 bytes');
    expect(toHumanReadableString(1024)).toBe('1024 bytes');
    expect(toHumanReadableString(1025)).toBe('1.001kb (1025 bytes)');
    expect(toHumanReadableString(1536)).toBe('1.500kb (1536 bytes)');
    expect(toHumanReadableString(1_000_000)).toBe('976.563kb (1000000 bytes)');
    expect(toHumanReadableString(1_000_000_000)).toBe('953.674mb (1000000000 bytes)');
    expect(toHumanReadableString(1_000_000_000_000)).toBe('931.323gb (1000000000000 bytes)');
    expect(toHumanReadableString(1_000_000_000_000_000)).toBe('909.495tb (1000000000000000 bytes)');
  });

  it('uses the largest unit the value strictly exceeds', () => {
    expect(toHumanReadableString(1073741824)).toBe('1024.000mb (1073741824 bytes)');
    expect(toHumanReadableString(1811939328)).toBe('1.688gb (1811939328 bytes)');
    expect(toHumanReadableString(LONG_MAX)).toBe('8388608.000tb (9223372036854775807 bytes)');
  });
});

describe('multiplyMemorySize', () => {
  it('multiplies by the float fraction widened to double, truncating the exact decimal product', () => {
    // 1280m × 0.4000000059604645 = 536870920.0000..., × 0.10000000149011612 = 134217730.0000... (reference a.6).
    expect(multiplyMemorySize(1342177280n, Math.fround(0.4))).toBe(536870920n);
    expect(multiplyMemorySize(1342177280n, Math.fround(0.1))).toBe(134217730n);
    // 1728m × 0.1f = 181193935.9..., truncated toward zero (the INFO line in Flink's log shows 181193935).
    expect(multiplyMemorySize(1811939328n, Math.fround(0.1))).toBe(181193935n);
  });

  it('fails above Long.MAX_VALUE as Java does', () => {
    expect(multiplyMemorySize(LONG_MAX, 1)).toBe(LONG_MAX);
    expect(() => multiplyMemorySize(LONG_MAX, 1.5)).toThrow('long overflow');
    expect(() => multiplyMemorySize(1n, -0.5)).toThrow('multiplier must be >= 0');
  });
});
