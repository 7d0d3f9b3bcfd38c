// Reads a Prometheus HTTP API answer (`/api/v1/query_range` or `/api/v1/query`): a matrix (range query, or an
// instant query of a range selector) or a vector. Values are strings (`"NaN"`, `"+Inf"` included); times are
// seconds. `status: error` is refused with Prometheus's own text; an empty result says so.
import { ImportError } from './import-error';
import { type ImportedMetrics, SeriesCollector } from './imported-series';
import { parseFloatText } from './value-text';

export interface PrometheusJsonOptions {
  source: string;
  /** Set by the live client: an HTTP status to report with a `status: error` body. */
  httpStatus?: number;
}

type Json = unknown;

/** Parses the text of an API answer; see readPrometheusAnswer for the already-parsed object. */
export function parsePrometheusJson(text: string, options: PrometheusJsonOptions): ImportedMetrics {
  let body: Json;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw jsonSyntaxError(error, text, options.source);
  }
  return readPrometheusAnswer(body, options);
}

export function readPrometheusAnswer(body: Json, options: PrometheusJsonOptions): ImportedMetrics {
  const source = options.source;
  const fail = (field: string, detail: string) => new ImportError('malformed', detail, { source, field });
  if (!isObject(body)) throw fail('$', 'expected a Prometheus API answer: a JSON object with "status"');
  if (body.status === 'error') {
    const type = typeof body.errorType === 'string' ? `${body.errorType}: ` : '';
    const text = typeof body.error === 'string' ? body.error : 'no error text';
    const status = options.httpStatus === undefined ? '' : ` (HTTP ${options.httpStatus})`;
    throw new ImportError(
      'prometheus-error',
      `Prometheus refused the query${status}: ${type}${text}`,
      { source },
      {
        ...(options.httpStatus === undefined ? {} : { status: options.httpStatus }),
      },
    );
  }
  if (body.status !== 'success')
    throw fail('status', `expected "success" or "error", found ${JSON.stringify(body.status)}`);
  const data = body.data;
  if (!isObject(data)) throw fail('data', 'missing: a success answer carries "data"');
  const resultType = data.resultType;
  const result = data.result;
  const warnings = [...stringList(body.warnings), ...stringList(body.infos)];
  if (resultType === 'scalar' || resultType === 'string') {
    throw new ImportError(
      'empty',
      `the query answered a ${resultType}, not series: ask for a range query or a selector`,
      { source, field: 'data.resultType' },
    );
  }
  if (resultType !== 'matrix' && resultType !== 'vector') {
    throw fail('data.resultType', `expected "matrix" or "vector", found ${JSON.stringify(resultType)}`);
  }
  if (!Array.isArray(result)) throw fail('data.result', 'expected an array of series');
  if (result.length === 0) {
    throw new ImportError(
      'empty',
      `the query matched no series (an empty ${resultType}): check the metric name, labels and time range`,
      { source, field: 'data.result' },
    );
  }
  const collector = new SeriesCollector();
  result.forEach((item, k) => {
    const path = `data.result[${k}]`;
    if (!isObject(item) || !isObject(item.metric))
      throw fail(`${path}.metric`, 'expected an object of labels');
    const { __name__, ...labels } = item.metric as Record<string, unknown>;
    for (const [name, value] of Object.entries(labels)) {
      if (typeof value !== 'string') throw fail(`${path}.metric.${name}`, 'a label value must be a string');
    }
    const metric = typeof __name__ === 'string' ? __name__ : '';
    const points =
      resultType === 'matrix' ? item.values : item.value === undefined ? undefined : [item.value];
    const field = resultType === 'matrix' ? `${path}.values` : `${path}.value`;
    if (!Array.isArray(points)) throw fail(field, 'expected [time, "value"] pairs');
    const key = `${metric}${JSON.stringify(labels)}`;
    points.forEach((point: Json, i) => {
      const at = resultType === 'matrix' ? `${field}[${i}]` : field;
      if (!Array.isArray(point) || point.length !== 2) throw fail(at, 'expected a [time, "value"] pair');
      const [time, raw] = point as [Json, Json];
      if (typeof time !== 'number' || !Number.isFinite(time)) {
        throw new ImportError('bad-time', `time ${JSON.stringify(time)} is not a number of seconds`, {
          source,
          field: at,
        });
      }
      const value = typeof raw === 'string' ? parseFloatText(raw) : undefined;
      if (value === undefined) {
        throw new ImportError('bad-value', `value ${JSON.stringify(raw)} is not a number in a string`, {
          source,
          field: at,
        });
      }
      collector.add(
        metric || displayName(labels as Record<string, string>),
        labels as Record<string, string>,
        time,
        value,
        { source, field: at },
        undefined,
        key,
      );
    });
  });
  const series = collector.finish();
  if (series.every((s) => s.timesSec.length === 0)) {
    throw new ImportError('empty', 'every series of the answer is empty', { source, field: 'data.result' });
  }
  return { format: 'prometheus-json', source, series, timeFormat: 'epoch-s', warnings };
}

// A series without __name__ (an expression like rate(...)) is named by its labels.
function displayName(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? 'value' : `{${keys.map((k) => `${k}="${labels[k]}"`).join(', ')}}`;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: Json): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** JSON.parse's error with the line and column it names (V8 says "at position N" or "line L column C"). */
export function jsonSyntaxError(error: unknown, text: string, source: string): ImportError {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  let line: number | undefined;
  let column: number | undefined;
  if (lineCol) {
    line = Number(lineCol[1]);
    column = Number(lineCol[2]);
  } else if (position) {
    const before = text.slice(0, Number(position[1]));
    line = before.split('\n').length;
    column = before.length - before.lastIndexOf('\n');
  } else if (/Unexpected end of JSON input/.test(message)) {
    line = text.split('\n').length;
  }
  return new ImportError(
    'malformed',
    `not valid JSON (${message.replace(/^JSON\.parse: /, '').replace(/\s*\(line \d+ column \d+\)$/, '')})`,
    { source, ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) },
    { cause: error },
  );
}
