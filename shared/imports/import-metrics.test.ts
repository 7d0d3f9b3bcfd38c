// The one entry: formats detected from content (never the name), Flink REST answers, and bad input refused whole.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFamily } from './detect-format';
import { ImportError } from './import-error';
import { importMetricsText } from './import-metrics';
import { groupByTaskManager } from './imported-series';

/** A fixture beside the tests, written from the format's documentation. */
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const clock = { startSec: 1732436500, intervalSec: 10 };

describe('importMetricsText', () => {
  it.each([
    ['grafana-joined.csv', 'grafana-csv-joined'],
    ['grafana-long.csv', 'grafana-csv-long'],
    ['grafana-formatted.csv', 'grafana-csv-joined'],
    ['prometheus-query-range.json', 'prometheus-json'],
    ['prometheus-vector.json', 'prometheus-json'],
    ['flink-reporter-scrapes.txt', 'prometheus-text'],
    ['exposition-timestamps.txt', 'prometheus-text'],
    ['openmetrics.txt', 'openmetrics'],
    ['flink-taskmanager-metrics.txt', 'flink-rest-metrics'],
    ['flink-backpressure.txt', 'flink-rest-backpressure'],
    ['flink-job.json', 'flink-rest-job'],
  ])('detects %s as %s from its content', (name, format) => {
    // The source name says nothing: detection reads the content.
    expect(importMetricsText(fixture(name), { source: 'upload', clock }).format).toBe(format);
  });

  it('reads Flink TaskManager metric answers appended to one file as series timed by the caller', () => {
    const metrics = importMetricsText(fixture('flink-taskmanager-metrics.txt'), {
      source: 'tm.txt',
      clock,
      taskManager: 'container_e05_1700000000000_0042_01_000003',
    });
    const direct = metrics.series.find((s) => s.kind === 'direct-used');
    expect([...(direct?.timesSec ?? [])]).toEqual([1732436500, 1732436510, 1732436520]);
    expect([...(direct?.values ?? [])]).toEqual([268435474, 285212690, 301989906]);
    expect(direct?.taskManager).toBe('container_e05_1700000000000_0042_01_000003');
    expect(metrics.series.map((s) => s.kind)).toEqual(['direct-used', 'direct-count', 'heap-used']);
    expect(() => importMetricsText(fixture('flink-taskmanager-metrics.txt'), { source: 'tm.txt' })).toThrow(
      /tm\.txt: line 1: Flink's metric answers carry no time/,
    );
  });

  it('reads the aggregated TaskManager answer and refuses the list of ids', () => {
    const agg = importMetricsText('[{"id":"Status.JVM.Memory.Direct.MemoryUsed","min":1.0,"max":3.0}]', {
      source: 'a',
      clock,
    });
    expect(agg.series.map((s) => s.labels.agg)).toEqual(['min', 'max']);
    expect(() =>
      importMetricsText('[{"id":"Status.JVM.Memory.Direct.MemoryUsed"}]', { source: 'ids', clock }),
    ).toThrow(/lists the available metric ids without values/);
  });

  it('reads back pressure per subtask at its end-timestamp', () => {
    const bp = importMetricsText(fixture('flink-backpressure.txt'), { source: 'bp', vertex: 'sink' });
    const ratio0 = bp.series.find((s) => s.metric === 'backpressure.ratio' && s.labels.subtask === '0');
    expect([...(ratio0?.timesSec ?? [])]).toEqual([1732436512, 1732436527]);
    expect([...(ratio0?.values ?? [])]).toEqual([0.81, 0.42]);
    expect(ratio0?.labels.vertex).toBe('sink');
    expect(ratio0?.unit).toBe('ratio');
  });

  it("reads the job's state, restart time and vertices", () => {
    const job = importMetricsText(fixture('flink-job.json'), { source: 'job.json' }).job;
    expect(job?.state).toBe('RUNNING');
    expect(job?.lastRestartSec).toBe(1732436100);
    expect(job?.restartsSec).toEqual([1732436100]);
    expect(job?.startSec).toBe(1732430000);
    expect(job?.stateTimesSec.FAILED).toBeUndefined();
    expect(job?.vertices.map((v) => [v.name, v.parallelism, v.status])).toEqual([
      ['Source: Kafka', 8, 'RUNNING'],
      ['Enrich -> Sink: Writer', 8, 'RUNNING'],
    ]);
  });

  it('groups series by TaskManager like the simulator, ids in order', () => {
    const metrics = importMetricsText(fixture('grafana-joined.csv'), { source: 'j.csv' });
    const groups = groupByTaskManager([...metrics.series].reverse());
    expect(groups.map((g) => g.taskManager)).toEqual([
      'container_e05_1700000000000_0042_01_000002',
      'container_e05_1700000000000_0042_01_000003',
    ]);
  });

  it.each([
    ['plain prose', 'hello world, this is not metrics', 'unknown-format', /not a format Peel reads/],
    ['JSON of another kind', '{"hello": 1}', 'unknown-format', /neither a Prometheus API answer/],
    [
      'truncated JSON',
      '{"status":"success","data":{"resultType":"matrix","result":[',
      'malformed',
      /not valid JSON/,
    ],
    [
      'two kinds of Flink answer',
      '[{"id":"a","value":"1"}]\n{"status":"ok","backpressureLevel":"ok","end-timestamp":1,"subtasks":[]}',
      'malformed',
      /not a flink-rest-metrics answer/,
    ],
    ['an empty text', '', 'unknown-format', /not a format/],
  ])('refuses %s', (_, text, code, message) => {
    try {
      importMetricsText(text, { source: 'in', clock });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe(code);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('detects families from the first lines only', () => {
    expect(detectFamily('\uFEFF"Time","a"\r\n1,2')).toBe('csv');
    expect(detectFamily('sep=,\r\n"Time","a"\r\n1,2')).toBe('csv');
    expect(detectFamily('# HELP x y\n')).toBe('exposition');
    expect(detectFamily('up{job="a",} 1\n')).toBe('exposition');
    expect(detectFamily('  [\n{"id":"a"}]')).toBe('json');
    expect(detectFamily('a,b\n1,2')).toBeNull();
  });
});
