// One entry for every metrics file Peel reads: detects the format from the content and hands the text to its
// reader. For pastes and files small enough to hold; the Node side streams big CSV files (see
// electron/backend/services/imports/import-file.ts) through the same GrafanaCsvReader.
import { detectFamily } from './detect-format';
import { parseExposition, type ScrapeClock } from './exposition';
import { flinkRestKindOf, readFlinkRest } from './flink-rest';
import { parseGrafanaCsv } from './grafana-csv';
import { ImportError } from './import-error';
import type { ImportedMetrics } from './imported-series';
import { parseJsonValues } from './json-values';
import { readPrometheusAnswer } from './prometheus-json';

export interface ImportOptions {
  /** The file name or URL, as errors and the audit trail name it. */
  source: string;
  /** Times for scrapes and Flink metric answers that carry none. */
  clock?: ScrapeClock;
  /** The TaskManager of Flink `/taskmanagers/:tmid/metrics` answers. */
  taskManager?: string;
  /** The vertex of Flink back-pressure answers. */
  vertex?: string;
}

export function importMetricsText(text: string, options: ImportOptions): ImportedMetrics {
  const family = detectFamily(text.slice(0, 64 * 1024));
  const { source } = options;
  if (family === 'csv') return parseGrafanaCsv(text, source);
  if (family === 'exposition') return parseExposition(text, options);
  if (family === 'json') {
    const values = parseJsonValues(text, source);
    const first = values[0];
    if (first === undefined) throw new ImportError('empty', 'the file holds no JSON value', { source });
    const value = first.value as { status?: unknown; data?: unknown };
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      'status' in value &&
      ('data' in value || value.status === 'error')
    ) {
      if (values.length > 1) {
        throw new ImportError(
          'malformed',
          'several Prometheus answers in one file: save one answer per file',
          {
            source,
            line: values[1]?.line ?? 1,
          },
        );
      }
      return readPrometheusAnswer(first.value, { source });
    }
    const kind = flinkRestKindOf(first.value);
    if (kind === null) {
      throw new ImportError(
        'unknown-format',
        'JSON that is neither a Prometheus API answer ({"status", "data"}) nor a Flink REST answer (metrics, back pressure, job)',
        { source, line: first.line },
      );
    }
    values.forEach(({ value: v, line }) => {
      if (
        flinkRestKindOf(v) !== kind &&
        !(kind === 'flink-rest-backpressure' && isDeprecatedBackPressure(v))
      ) {
        throw new ImportError('malformed', `this answer is not a ${kind} answer like the first one`, {
          source,
          line,
        });
      }
    });
    return readFlinkRest(values, kind, options);
  }
  throw new ImportError(
    'unknown-format',
    'not a format Peel reads: expected a Grafana CSV export (a "Time" column), a Prometheus API answer (JSON), a /metrics scrape, or a Flink REST answer',
    { source, line: 1 },
  );
}

function isDeprecatedBackPressure(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'deprecated'
  );
}
