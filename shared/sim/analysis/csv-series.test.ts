import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseSeriesCsv, parseTime, parseValue } from './csv-series';

describe('parseSeriesCsv', () => {
  it('reads a Grafana "Series joined by time" export with epoch-ms times and missing cells', () => {
    const csv = [
      '"Time","tm-1 Direct.MemoryUsed","tm-2 Direct.MemoryUsed"',
      '1700000000000,268435456,100',
      '1700000015000,,200',
      '1700000030000,2.68435474E8,',
    ].join('\r\n');
    const parsed = parseSeriesCsv(csv);
    expect(parsed.timeFormat).toBe('epoch-ms');
    expect(Array.from(parsed.timesSec)).toEqual([1700000000, 1700000015, 1700000030]);
    expect(parsed.series.map((s) => s.name)).toEqual(['tm-1 Direct.MemoryUsed', 'tm-2 Direct.MemoryUsed']);
    expect(Array.from(parsed.series[0]?.values ?? [])).toEqual([268435456, Number.NaN, 268435474]);
    expect(Array.from(parsed.series[1]?.values ?? [])).toEqual([100, 200, Number.NaN]);
  });

  it('reads ISO-8601 times with offsets, and times without one as UTC', () => {
    const parsed = parseSeriesCsv(
      'time,heap\n2024-03-01T10:00:00Z,1\n2024-03-01 11:00:15+01:00,2\n2024-03-01T10:00:30.500,3\n',
    );
    expect(parsed.timeFormat).toBe('iso-8601');
    const base = Date.UTC(2024, 2, 1, 10) / 1000;
    expect(Array.from(parsed.timesSec)).toEqual([base, base + 15, base + 30.5]);
  });

  it('accepts byte units as Grafana formats them, "null" cells, semicolons and a BOM', () => {
    const parsed = parseSeriesCsv('\uFEFFTime;direct\n0;256 MiB\n1000;1.5GB\n2000;null\n3000;512 B\n');
    expect(Array.from(parsed.series[0]?.values ?? [])).toEqual([256 * 2 ** 20, 1.5e9, Number.NaN, 512]);
  });

  it('puts rows in time order and finds the time column anywhere', () => {
    const parsed = parseSeriesCsv('value,Time\n3,3000\n1,1000\n2,2000\n');
    expect(Array.from(parsed.timesSec)).toEqual([1, 2, 3]);
    expect(Array.from(parsed.series[0]?.values ?? [])).toEqual([1, 2, 3]);
  });

  it('keeps quoted separators and escaped quotes in headers', () => {
    const parsed = parseSeriesCsv('Time,"pool ""direct"", tm-1"\n0,5\n');
    expect(parsed.series[0]?.name).toBe('pool "direct", tm-1');
  });

  const errorCases: [string, string, number, number | undefined, RegExp][] = [
    ['no time column', 'when,value\n0,1\n', 1, undefined, /no time column/],
    ['a value that is not a number', 'Time,a,b\n0,1,2\n1000,1,abc\n', 3, 3, /"abc" in "b" is not a number/],
    ['a bad time', 'Time,a\n0,1\n\nyesterday,2\n', 4, 1, /neither epoch milliseconds nor an ISO-8601/],
    [
      'mixed time formats',
      'Time,a\n0,1\n2024-01-01T00:00:00Z,2\n',
      3,
      1,
      /iso-8601 but earlier rows are epoch-ms/,
    ],
    ['too many cells', 'Time,a\n0,1,2\n', 2, undefined, /3 cells but the header has 2 columns/],
    ['an unclosed quote', 'Time,a\n0,"1\n', 2, undefined, /never closed/],
    ['an empty file', '', 1, undefined, /empty/],
    ['an impossible date', 'Time,a\n2023-02-29T00:00:00Z,1\n', 2, 1, /neither epoch/],
  ];
  for (const [what, text, line, column, message] of errorCases) {
    it(`names the line and column of ${what}`, () => {
      let error: unknown;
      try {
        parseSeriesCsv(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CsvFormatError);
      const e = error as CsvFormatError;
      expect(e.line).toBe(line);
      expect(e.column).toBe(column);
      expect(e.message).toMatch(message);
      expect(e.message).toMatch(new RegExp(`^line ${line}`));
    });
  }
});

describe('parseTime and parseValue', () => {
  it('tells epoch milliseconds from ISO-8601', () => {
    expect(parseTime('1700000000123')).toEqual({ ms: 1700000000123, format: 'epoch-ms' });
    expect(parseTime('2024-03-01T10:00:00-0230')).toEqual({
      ms: Date.UTC(2024, 2, 1, 12, 30),
      format: 'iso-8601',
    });
    expect(parseTime('2024-13-01T00:00:00Z')).toBeUndefined();
    expect(parseTime('soon')).toBeUndefined();
  });

  it('reads numbers, units and missing markers, and refuses the rest', () => {
    expect(parseValue(' 42 ')).toBe(42);
    expect(parseValue('-1e3')).toBe(-1000);
    expect(parseValue('2 KiB')).toBe(2048);
    expect(parseValue('')).toBeNaN();
    expect(parseValue('NaN')).toBeNaN();
    expect(parseValue('12 parsecs')).toBeUndefined();
    expect(parseValue('1,5')).toBeUndefined();
  });
});
