import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError } from './import-error';
import { parsePrometheusJson } from './prometheus-json';

/** A fixture beside the tests, written from the format's documentation. */
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function failure(text: string, httpStatus?: number): ImportError {
  try {
    parsePrometheusJson(text, { source: 'answer.json', ...(httpStatus === undefined ? {} : { httpStatus }) });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('Prometheus API answers', () => {
  it('reads a query_range matrix with string values, NaN and ±Inf, and keeps warnings', () => {
    const answer = parsePrometheusJson(fixture('prometheus-query-range.json'), { source: 'range.json' });
    expect(answer.format).toBe('prometheus-json');
    expect(answer.timeFormat).toBe('epoch-s');
    expect(answer.warnings).toEqual(['PromQL info: metric might not be a counter']);
    const [a, b] = answer.series;
    expect(a?.metric).toBe('flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed');
    expect(a?.labels.__name__).toBeUndefined();
    expect(a?.taskManager).toBe('container_e05_1700000000000_0042_01_000002');
    expect(a?.kind).toBe('direct-used');
    expect([...(a?.timesSec ?? [])]).toEqual([1795511035, 1795511050, 1795511065, 1795511080, 1795511095]);
    expect(a?.values[2]).toBe(164278377);
    expect(Number.isNaN(a?.values[3])).toBe(true);
    expect([...(b?.values ?? [])]).toEqual([268435474, Infinity, -Infinity]);
  });

  it('reads an instant vector and a range selector matrix with millisecond fractions', () => {
    const vector = parsePrometheusJson(fixture('prometheus-vector.json'), { source: 'v.json' });
    expect(vector.series.map((s) => [s.kind, s.timesSec[0], s.values[0]])).toEqual([
      ['direct-used', 1795511035.123, 53477376],
      ['mapped-used', 1795511035.123, 0],
    ]);
    expect(vector.series[0]?.taskManager).toBe('127.0.0.1:9404');
    const raw = parsePrometheusJson(fixture('prometheus-range-selector.json'), { source: 'r.json' });
    expect(raw.series[0]?.kind).toBe('resident');
    expect(raw.series[0]?.timesSec[1]).toBe(1795511006.311);
  });

  it("refuses status: error with Prometheus's own text and the HTTP status", () => {
    const error = failure(fixture('prometheus-error.json'), 400);
    expect(error.code).toBe('prometheus-error');
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      'answer.json: Prometheus refused the query (HTTP 400): bad_data: 1:61: parse error: unexpected "}" in label matching, expected string',
    );
  });

  it('says so when the result is empty', () => {
    const error = failure(fixture('prometheus-empty.json'));
    expect(error.code).toBe('empty');
    expect(error.field).toBe('data.result');
    expect(error.message).toMatch(/matched no series \(an empty matrix\)/);
  });

  it('names the line and column of malformed JSON', () => {
    const error = failure('{"status":"success",\n"data": {"resultType": "matrix" "result": []}}');
    expect(error.code).toBe('malformed');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it.each([
    [
      'a value that is no number',
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"lots"]]}]}}',
      'bad-value',
      'data.result[0].values[0]',
    ],
    [
      'a time that is a string',
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[["1","2"]]}]}}',
      'bad-time',
      'data.result[0].values[0]',
    ],
    [
      'times going back',
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[2,"1"],[1,"2"]]}]}}',
      'bad-time',
      'data.result[0].values[1]',
    ],
    [
      'a scalar',
      '{"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}',
      'empty',
      'data.resultType',
    ],
    ['no data', '{"status":"success"}', 'malformed', 'data'],
  ])('refuses %s, naming the field', (_, text, code, field) => {
    const error = failure(text);
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });
});
