// Reads Flink REST answers saved to a file (reference/flink-memory.md d.): TaskManager metric snapshots
// (`/taskmanagers/:tmid/metrics?get=...`, a bare array of {id, value} strings, and the aggregated
// `/taskmanagers/metrics?get=...&agg=...`), back pressure (`/jobs/:jobid/vertices/:vertexid/backpressure`) and the
// job (`/jobs/:jobid`: state, state times, vertices). A metric answer is one instant: several answers appended to
// one file make a series, timed by the caller (Flink puts no time in them). Back pressure carries its own time.
import type { ScrapeClock } from './exposition';
import { ImportError } from './import-error';
import { type ImportedMetrics, type JobTimeline, SeriesCollector } from './imported-series';
import type { JsonValueAt } from './json-values';
import { parseFloatText } from './value-text';

export type FlinkRestKind = 'flink-rest-metrics' | 'flink-rest-backpressure' | 'flink-rest-job';

export interface FlinkRestOptions {
  source: string;
  /** Times of the metric snapshots (Flink's metric answers carry none). */
  clock?: ScrapeClock;
  /** The TaskManager the metric answers came from (the `:tmid` of the URL). */
  taskManager?: string;
  /** The vertex the back-pressure answers are about. */
  vertex?: string;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Which Flink answer a parsed JSON value is, or null when it is none. */
export function flinkRestKindOf(value: unknown): FlinkRestKind | null {
  if (Array.isArray(value)) {
    return value.length > 0 && value.every((item) => isObject(item) && typeof item.id === 'string')
      ? 'flink-rest-metrics'
      : null;
  }
  if (!isObject(value)) return null;
  if (
    'backpressureLevel' in value ||
    'backpressure-level' in value ||
    (value.status === 'deprecated' && Object.keys(value).length === 1)
  ) {
    return 'flink-rest-backpressure';
  }
  if (typeof value.jid === 'string' && isObject(value.timestamps)) return 'flink-rest-job';
  return null;
}

export function readFlinkRest(
  values: readonly JsonValueAt[],
  kind: FlinkRestKind,
  options: FlinkRestOptions,
): ImportedMetrics {
  if (kind === 'flink-rest-metrics') return readMetricSnapshots(values, options);
  if (kind === 'flink-rest-backpressure') return readBackPressure(values, options);
  return readJob(values, options);
}

function readMetricSnapshots(values: readonly JsonValueAt[], options: FlinkRestOptions): ImportedMetrics {
  const { source } = options;
  const collector = new SeriesCollector();
  const labels: Record<string, string> = options.taskManager ? { tm_id: options.taskManager } : {};
  values.forEach(({ value, line }, snapshot) => {
    const where = { source, line };
    if (!Array.isArray(value))
      throw new ImportError('malformed', 'expected a metric answer: an array of {"id", "value"}', where);
    const timeSec = snapshotTime(options.clock, snapshot);
    if (timeSec === undefined) {
      throw new ImportError(
        'bad-time',
        options.clock
          ? `no time for snapshot ${snapshot + 1}: only ${snapshot} times were given`
          : "Flink's metric answers carry no time: give the times of the snapshots (or a start and an interval)",
        where,
      );
    }
    value.forEach((item: unknown, k) => {
      const field = `[${k}]`;
      if (!isObject(item) || typeof item.id !== 'string') {
        throw new ImportError('malformed', 'expected {"id": "...", "value": "..."}', { ...where, field });
      }
      const aggregates = ['min', 'max', 'avg', 'sum', 'skew'].filter((a) => a in item);
      if (!('value' in item) && aggregates.length === 0) {
        throw new ImportError(
          'empty',
          'this answer lists the available metric ids without values: ask again with ?get=<id>,<id>',
          { ...where, field: item.id },
        );
      }
      const read = (raw: unknown, name: string): number => {
        const v = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseFloatText(raw) : undefined;
        if (v === undefined) {
          throw new ImportError('bad-value', `${name} ${JSON.stringify(raw)} is not a number`, {
            ...where,
            field: `${item.id}`,
          });
        }
        return v;
      };
      if ('value' in item)
        collector.add(item.id, labels, timeSec, read(item.value, 'value'), { ...where, field: item.id });
      for (const agg of aggregates) {
        collector.add(item.id, { ...labels, agg }, timeSec, read(item[agg], agg), {
          ...where,
          field: `${item.id}.${agg}`,
        });
      }
    });
  });
  return {
    format: 'flink-rest-metrics',
    source,
    series: collector.finish(),
    timeFormat: 'epoch-s',
    warnings:
      values.length === 1 ? ['one Flink metric answer is one instant: every series has a single point'] : [],
  };
}

function snapshotTime(clock: ScrapeClock | undefined, k: number): number | undefined {
  if (clock === undefined) return undefined;
  return 'timesSec' in clock ? clock.timesSec[k] : clock.startSec + k * clock.intervalSec;
}

function readBackPressure(values: readonly JsonValueAt[], options: FlinkRestOptions): ImportedMetrics {
  const { source } = options;
  const collector = new SeriesCollector();
  const warnings: string[] = [];
  const vertex: Record<string, string> = options.vertex ? { vertex: options.vertex } : {};
  for (const { value, line } of values) {
    const where = { source, line };
    if (!isObject(value))
      throw new ImportError('malformed', 'expected a back-pressure answer (an object)', where);
    if (value.status === 'deprecated') {
      warnings.push(
        `line ${line}: status "deprecated": Flink had no back-pressure metrics yet; answer skipped`,
      );
      continue;
    }
    const end = value['end-timestamp'];
    if (typeof end !== 'number') {
      throw new ImportError('bad-time', '"end-timestamp" is missing or not milliseconds', {
        ...where,
        field: 'end-timestamp',
      });
    }
    const subtasks = value.subtasks;
    if (!Array.isArray(subtasks))
      throw new ImportError('malformed', 'expected "subtasks": [...]', { ...where, field: 'subtasks' });
    subtasks.forEach((s: unknown, k) => {
      const field = `subtasks[${k}]`;
      if (!isObject(s) || typeof s.subtask !== 'number') {
        throw new ImportError('malformed', 'expected {"subtask": n, "ratio": ...}', { ...where, field });
      }
      const labels = { ...vertex, subtask: String(s.subtask) };
      for (const name of ['ratio', 'busyRatio', 'idleRatio'] as const) {
        const v = s[name];
        if (v === undefined) continue;
        if (typeof v !== 'number')
          throw new ImportError('bad-value', `${name} is not a number`, {
            ...where,
            field: `${field}.${name}`,
          });
        collector.add(`backpressure.${name}`, labels, end / 1000, v, { ...where, field: `${field}.${name}` });
      }
    });
  }
  const series = collector.finish().map((s) => ({ ...s, unit: 'ratio' as const }));
  if (series.length === 0) {
    throw new ImportError('empty', 'no back-pressure answer with subtasks (Flink had no metrics yet?)', {
      source,
    });
  }
  return { format: 'flink-rest-backpressure', source, series, timeFormat: 'epoch-ms', warnings };
}

function readJob(values: readonly JsonValueAt[], options: FlinkRestOptions): ImportedMetrics {
  const { source } = options;
  let job: JobTimeline | null = null;
  const restarts = new Set<number>();
  for (const { value, line } of values) {
    const where = { source, line };
    if (!isObject(value) || typeof value.jid !== 'string' || !isObject(value.timestamps)) {
      throw new ImportError('malformed', 'expected a job answer with "jid" and "timestamps"', where);
    }
    if (job && job.jobId !== value.jid) {
      throw new ImportError('malformed', `answers of two jobs in one file (${job.jobId} and ${value.jid})`, {
        ...where,
        field: 'jid',
      });
    }
    const stateTimesSec: Record<string, number> = {};
    for (const [state, ms] of Object.entries(value.timestamps)) {
      if (typeof ms !== 'number')
        throw new ImportError('bad-time', `timestamps.${state} is not milliseconds`, {
          ...where,
          field: `timestamps.${state}`,
        });
      if (ms > 0) stateTimesSec[state] = ms / 1000;
    }
    const restarting = stateTimesSec.RESTARTING;
    if (restarting !== undefined) restarts.add(restarting);
    const vertices = Array.isArray(value.vertices) ? value.vertices : [];
    const startMs = value['start-time'];
    job = {
      jobId: value.jid,
      name: typeof value.name === 'string' ? value.name : '',
      state: typeof value.state === 'string' ? value.state : 'UNKNOWN',
      startSec: typeof startMs === 'number' && startMs > 0 ? startMs / 1000 : null,
      stateTimesSec,
      lastRestartSec: restarting ?? null,
      restartsSec: [],
      vertices: vertices.filter(isObject).map((v) => ({
        id: String(v.id ?? ''),
        name: String(v.name ?? ''),
        status: String(v.status ?? ''),
        parallelism: typeof v.parallelism === 'number' ? v.parallelism : 0,
      })),
    };
  }
  if (job === null) throw new ImportError('empty', 'no job answer in the file', { source });
  job.restartsSec = [...restarts].sort((a, b) => a - b);
  return {
    format: 'flink-rest-job',
    source,
    series: [],
    timeFormat: 'epoch-ms',
    job,
    warnings:
      values.length === 1 && job.lastRestartSec !== null
        ? [
            'Flink keeps only the latest restart time in /jobs/:jobid; save the answer after each restart to see them all',
          ]
        : [],
  };
}
