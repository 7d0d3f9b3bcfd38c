import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGrafanaCsv } from './grafana-csv';
import { ImportError } from './import-error';

/** A fixture beside the tests, written from the format's documentation. */
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const MiB = 2 ** 20;

function failure(text: string): ImportError {
  try {
    parseGrafanaCsv(text, 'bad.csv');
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('Grafana CSV, series joined by time', () => {
  it('reads quoted Prometheus-style headers, CRLF, epoch ms and a trailing blank line', () => {
    const csv = parseGrafanaCsv(fixture('grafana-joined.csv'), 'joined.csv');
    expect(csv.format).toBe('grafana-csv-joined');
    expect(csv.timeFormat).toBe('epoch-ms');
    expect(csv.series).toHaveLength(2);
    const [a, b] = csv.series;
    expect(a?.metric).toBe('flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed');
    expect(a?.labels).toEqual({
      host: '10_0_0_7',
      instance: '10.0.0.7:9249',
      job: 'flink',
      tm_id: 'container_e05_1700000000000_0042_01_000002',
    });
    expect(a?.taskManager).toBe('container_e05_1700000000000_0042_01_000002');
    expect(a?.kind).toBe('direct-used');
    expect(a?.flinkName).toBe('Status.JVM.Memory.Direct.MemoryUsed');
    expect(a?.timesSec.length).toBe(40);
    expect(a?.timesSec[0]).toBe(1795511035);
    expect(a?.timesSec[39]).toBe(1795511035 + 39 * 15);
    expect(a?.values[10]).toBe(134217728 + 16 * MiB + 32768);
    // The empty cell on row 6 is no point, not zero.
    expect(b?.timesSec.length).toBe(39);
    expect(b?.taskManager).toBe('container_e05_1700000000000_0042_01_000003');
  });

  it('reads formatted data: date-times as UTC and values with IEC units switching MiB to GiB', () => {
    const csv = parseGrafanaCsv(fixture('grafana-formatted.csv'), 'formatted.csv');
    expect(csv.timeFormat).toBe('iso-8601');
    const [direct, heap] = csv.series;
    expect(direct?.metric).toBe('tm-1 direct');
    expect(direct?.unit).toBe('bytes');
    expect(direct?.timesSec[0]).toBe(Date.UTC(2026, 10, 30, 14, 0, 0) / 1000);
    expect(direct?.values[0]).toBe(160 * MiB);
    expect(direct?.values[19]).toBe(160 * MiB + 3 * 16 * MiB);
    expect(heap?.values[19]).toBe(1.06 * 1024 * MiB);
  });

  it('scales plain values by a unit in the header and accepts SI bytes', () => {
    const csv = parseGrafanaCsv('Time,direct (MiB),rss\n1000,2,1.5 GB\n2000,3,2 kB\n', 'h.csv');
    expect([...(csv.series[0]?.values ?? [])]).toEqual([2 * MiB, 3 * MiB]);
    expect(csv.series[0]?.metric).toBe('direct');
    expect([...(csv.series[1]?.values ?? [])]).toEqual([1.5e9, 2000]);
  });

  it('reads the "Download for Excel" form with its sep= line', () => {
    const csv = parseGrafanaCsv('sep=,\r\n"Time","direct"\r\n1000,5\r\n2000,6\r\n', 'x.csv');
    expect([...(csv.series[0]?.values ?? [])]).toEqual([5, 6]);
    const semi = parseGrafanaCsv('"sep=;"\r\n"Time";"direct"\r\n1000;5\r\n', 'y.csv');
    expect(semi.series[0]?.values[0]).toBe(5);
  });

  it('reads semicolon-separated exports and a byte-order mark', () => {
    const csv = parseGrafanaCsv('\uFEFFTime;direct\n1000;5\n2000;6\n', 's.csv');
    expect([...(csv.series[0]?.values ?? [])]).toEqual([5, 6]);
  });
});

describe('Grafana CSV, long layout', () => {
  it('makes one series per label set, named by __name__, skipping empty values', () => {
    const csv = parseGrafanaCsv(fixture('grafana-long.csv'), 'long.csv');
    expect(csv.format).toBe('grafana-csv-long');
    expect(csv.series.map((s) => s.taskManager)).toEqual(['tm_a', 'tm_b']);
    expect(csv.series.every((s) => s.kind === 'heap-used')).toBe(true);
    expect(csv.series[0]?.timesSec.length).toBe(12);
    expect(csv.series[1]?.timesSec.length).toBe(11);
    expect(csv.series[1]?.values[0]).toBe(200 * MiB);
  });
});

describe('Grafana CSV, bad input', () => {
  it.each([
    [
      'mixed units',
      'Time,direct\n1000,5 MiB\n2000,30 %\n',
      'bad-value',
      3,
      /mixed units in one series: "30 %" here but "5 MiB" on line 2/,
    ],
    ['a plain number after a unit', 'Time,direct\n1000,5 MiB\n2000,5000000\n', 'bad-value', 3, /mixed units/],
    [
      'a time going back',
      'Time,direct\n2000,5\n1000,6\n',
      'bad-time',
      3,
      /is before the previous one .*on line 2/,
    ],
    ['a repeated time', 'Time,direct\n2000,5\n2000,6\n', 'bad-time', 3, /repeats the previous one/],
    ['a missing time', 'Time,direct\n1000,5\n,6\n', 'bad-time', 3, /the time is missing/],
    ['an unreadable time', 'Time,direct\n1000,5\nyesterday,6\n', 'bad-time', 3, /"yesterday" is neither/],
    [
      'time forms mixed',
      'Time,direct\n1000,5\n2024-01-01 00:00:00,6\n',
      'bad-time',
      3,
      /iso-8601 but line 2 is epoch-ms/,
    ],
    ['a word as value', 'Time,direct\n1000,5\n2000,five\n', 'bad-value', 3, /"five" is not a number/],
    ['an unknown unit', 'Time,direct\n1000,5 parsecs\n', 'bad-value', 2, /"5 parsecs" is not a number/],
    [
      'a row wider than the header',
      'Time,direct\n1000,5\n2000,6,7\n',
      'malformed',
      3,
      /3 cells but the header has 2 columns/,
    ],
    ['a quote never closed', 'Time,direct\n1000,5\n2000,"6\n', 'malformed', 3, /cannot be read/],
  ])('%s', (_, text, code, line, message) => {
    const error = failure(text);
    expect(error.code).toBe(code);
    expect(error.line).toBe(line);
    expect(error.source).toBe('bad.csv');
    expect(error.message).toMatch(message);
  });

  it('names the column and field of a bad value', () => {
    const error = failure('Time,direct,heap\n1000,5,6\n2000,5,x\n');
    expect(error.message).toBe(
      'bad.csv: line 3, column 3, field "heap": "x" is not a number (with an optional unit like "160 MiB")',
    );
  });

  it('refuses a file without a time column or without rows', () => {
    expect(failure('when,direct\n1,2\n').message).toMatch(
      /no time column: expected a header named "Time" \(found "when", "direct"\)/,
    );
    expect(failure('Time,direct\r\n\r\n').code).toBe('empty');
    expect(failure('').code).toBe('empty');
  });
});
