import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExposition } from './exposition';
import { ImportError } from './import-error';

/** A fixture beside the tests, written from the format's documentation. */
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('exposition formats', () => {
  it("reads several concatenated scrapes of Flink's reporter (trailing commas, escapes, E notation) with given times", () => {
    const scrapes = parseExposition(fixture('flink-reporter-scrapes.txt'), {
      source: 'scrapes.txt',
      clock: { startSec: 1795511035, intervalSec: 15 },
    });
    expect(scrapes.format).toBe('prometheus-text');
    expect(scrapes.series).toHaveLength(3);
    const [direct, gc, bp] = scrapes.series;
    expect(direct?.kind).toBe('direct-used');
    expect(direct?.taskManager).toBe('container_e05_1700000000000_0042_01_000002');
    expect([...(direct?.timesSec ?? [])]).toEqual([1795511035, 1795511050]);
    expect([...(direct?.values ?? [])]).toEqual([268435474, 285212690]);
    expect(gc?.kind).toBe('gc-count');
    expect(gc?.flinkName).toBe('Status.JVM.GarbageCollector.G1 Young Generation.Count');
    expect(bp?.labels.job_name).toBe('seed "prod"');
    expect(bp?.kind).toBe('back-pressure');
    expect(Number.isNaN(bp?.values[1])).toBe(true);
  });

  it('takes explicit scrape times, and refuses scrapes without any time', () => {
    const text = fixture('flink-reporter-scrapes.txt');
    const timed = parseExposition(text, { source: 's.txt', clock: { timesSec: [100, 130] } });
    expect([...(timed.series[0]?.timesSec ?? [])]).toEqual([100, 130]);
    expect(() => parseExposition(text, { source: 's.txt' })).toThrow(
      /s\.txt: line 3, field "flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed": the sample has no timestamp/,
    );
    expect(() => parseExposition(text, { source: 's.txt', clock: { timesSec: [100] } })).toThrow(
      /no time for scrape 2: only 1 scrape times/,
    );
  });

  it('reads millisecond timestamps of the text format and the JVM collectors', () => {
    const scrape = parseExposition(fixture('exposition-timestamps.txt'), { source: 'ts.txt' });
    expect(scrape.timeFormat).toBe('epoch-ms');
    expect(scrape.series.map((s) => s.kind)).toEqual([
      'direct-used',
      'mapped-used',
      'heap-used',
      'non-heap-used',
    ]);
    expect([...(scrape.series[0]?.timesSec ?? [])]).toEqual([1795511035, 1795511036]);
    expect(scrape.series[0]?.values[1]).toBe(70254592);
  });

  it('reads OpenMetrics timestamps as seconds and ignores exemplars', () => {
    const om = parseExposition(fixture('openmetrics.txt'), { source: 'om.txt' });
    expect(om.format).toBe('openmetrics');
    expect([...(om.series[0]?.timesSec ?? [])]).toEqual([1795511035, 1795511050, 1795511065]);
    expect(om.series.map((s) => s.kind)).toEqual(['direct-used', 'gc-count', 'gc-time']);
    expect(om.series[1]?.values[1]).toBe(14);
    expect(om.series[2]?.unit).toBe('seconds');
  });

  it.each([
    ['a label value never closed', 'x{a="b} 1 1000\n', 'malformed', 1, /value of label a is never closed/],
    ['a value that is no number', 'x 1\nx one 2000\n', 'bad-value', 2, /"one" is not a number/],
    ['a bad timestamp', 'x 1 soon\n', 'bad-time', 1, /timestamp "soon"/],
    ['a sample without a name', '{a="b"} 1 1000\n', 'malformed', 1, /expected a metric name/],
    ['only comments', '# HELP x y\n# TYPE x gauge\n', 'empty', undefined, /no samples/],
  ])('refuses %s', (_, text, code, line, message) => {
    try {
      parseExposition(text, { source: 'bad.txt', clock: { startSec: 0, intervalSec: 1 } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe(code);
      expect((error as ImportError).line).toBe(line);
      expect((error as Error).message).toMatch(message);
    }
  });
});
