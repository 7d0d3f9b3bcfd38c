// The shape every importer returns (typed series, one per metric and label set, with Peel's reading of the name)
// and the collector that builds it point by point, refusing a time that does not move forward.
import { ImportError, type ImportErrorWhere } from './import-error';
import { type MetricKind, type MetricUnit, recogniseMetric, taskManagerOf } from './metric-kinds';

export type ImportFormat =
  | 'grafana-csv-joined'
  | 'grafana-csv-long'
  | 'prometheus-json'
  | 'prometheus-text'
  | 'openmetrics'
  | 'flink-rest-metrics'
  | 'flink-rest-backpressure'
  | 'flink-rest-job';

export interface ImportedSeries {
  /** The metric's name as found: Prometheus `__name__`, a Flink metric id, or a CSV column's name. */
  metric: string;
  /** Labels as found (`__name__` left out); empty for a CSV column named by a legend. */
  labels: Readonly<Record<string, string>>;
  /** The TaskManager (tm_id, the scope's id, or the scrape target), null when the series does not say. */
  taskManager: string | null;
  /** Peel's reading of the name, null when it is not a metric Peel knows. */
  kind: MetricKind | null;
  /** Flink's TaskManager metric name for the kind (the simulator's series name), when it has one. */
  flinkName: string | null;
  /** The unit of `values` after conversion (byte units in a CSV become bytes). */
  unit: MetricUnit;
  /** Seconds since the Unix epoch, strictly increasing. */
  timesSec: Float64Array;
  /** Same length as timesSec; NaN or ±Infinity only where the source said so. */
  values: Float64Array;
}

/** A job's life from Flink's `/jobs/:jobid`: what the analysis needs to place restarts. */
export interface JobTimeline {
  jobId: string;
  name: string;
  state: string;
  startSec: number | null;
  /** Latest time the job entered each state (Flink's `timestamps`), seconds. */
  stateTimesSec: Readonly<Record<string, number>>;
  /** The latest restart (`timestamps.RESTARTING`), seconds; Flink keeps only the last one. */
  lastRestartSec: number | null;
  /** Every distinct RESTARTING time across the answers read (one per saved answer at most). */
  restartsSec: number[];
  vertices: Array<{ id: string; name: string; status: string; parallelism: number }>;
}

export interface ImportedMetrics {
  format: ImportFormat;
  /** File name or URL (credentials stripped). */
  source: string;
  series: ImportedSeries[];
  /** How times were written in the source: kept so times given back to the user use the same form. */
  timeFormat: 'epoch-ms' | 'iso-8601' | 'epoch-s';
  job?: JobTimeline;
  /** Things the user should know that did not stop the import (Prometheus warnings, skipped NaN rows). */
  warnings: string[];
}

/** Sorted labels as `{a="1", b="2"}`, the way Prometheus prints a series; empty labels print nothing. */
export function labelText(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}

interface Growing {
  metric: string;
  labels: Record<string, string>;
  unit: MetricUnit | null;
  times: Float64Array;
  values: Float64Array;
  length: number;
  lastWhere: ImportErrorWhere;
}

/**
 * Gathers points per series (metric + labels) in arrival order. Each series' times must strictly increase:
 * a time equal to or before the previous one is an error naming both places, never silently reordered.
 */
export class SeriesCollector {
  private readonly series = new Map<string, Growing>();

  /** `unit` overrides the unit read from the name (a CSV header or value said "MiB"). */
  add(
    metric: string,
    labels: Readonly<Record<string, string>>,
    timeSec: number,
    value: number,
    where: ImportErrorWhere,
    unit?: MetricUnit,
    /** The series' identity when the caller already has one (saves building it per point). */
    knownKey?: string,
  ): void {
    const key = knownKey ?? `${metric}${labelText(labels)}`;
    let s = this.series.get(key);
    if (s === undefined) {
      s = {
        metric,
        labels: { ...labels },
        unit: unit ?? null,
        times: new Float64Array(64),
        values: new Float64Array(64),
        length: 0,
        lastWhere: where,
      };
      this.series.set(key, s);
    }
    if (!Number.isFinite(timeSec)) {
      throw new ImportError('bad-time', `time ${timeSec} of ${key} is not a finite number`, where);
    }
    if (s.length > 0) {
      const previous = s.times[s.length - 1] as number;
      if (!(timeSec > previous)) {
        const relation = timeSec === previous ? 'repeats' : 'is before';
        const earlier = s.lastWhere.line === undefined ? '' : ` on line ${s.lastWhere.line}`;
        throw new ImportError(
          'bad-time',
          `time ${isoOf(timeSec)} of ${key} ${relation} the previous one (${isoOf(previous)}${earlier}): times must increase`,
          where,
        );
      }
    }
    if (s.length === s.times.length) {
      s.times = grow(s.times);
      s.values = grow(s.values);
    }
    s.times[s.length] = timeSec;
    s.values[s.length] = value;
    s.length++;
    s.lastWhere = where;
  }

  get size(): number {
    return this.series.size;
  }

  /** The series in first-seen order, each read as a metric kind and given its TaskManager. */
  finish(): ImportedSeries[] {
    return [...this.series.values()].map((s) => {
      const reading = recogniseMetric(s.metric, s.labels);
      return {
        metric: s.metric,
        labels: s.labels,
        taskManager: taskManagerOf(s.metric, s.labels),
        kind: reading?.kind ?? null,
        flinkName: reading?.flinkName ?? null,
        unit: s.unit ?? reading?.unit ?? 'unknown',
        timesSec: s.times.slice(0, s.length),
        values: s.values.slice(0, s.length),
      };
    });
  }
}

function grow(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

export function isoOf(timeSec: number): string {
  const ms = timeSec * 1000;
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(timeSec);
}

/** Series grouped by TaskManager the way the simulator lists them: by id, series without one last. */
export function groupByTaskManager(series: readonly ImportedSeries[]): Array<{
  taskManager: string | null;
  series: ImportedSeries[];
}> {
  const groups = new Map<string | null, ImportedSeries[]>();
  for (const s of series) {
    const list = groups.get(s.taskManager) ?? [];
    list.push(s);
    groups.set(s.taskManager, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en', { numeric: true })))
    .map(([taskManager, list]) => ({ taskManager, series: list }));
}
