// `npm run analyze -- FILE... [--restarts T1,...] [--json]` or `npm run analyze -- --prometheus URL --query Q
// --start T --end T --step S [--json]`: reads every metrics format Peel imports (recognised from the content) or a
// live Prometheus, and prints for each series its TaskManager and labels, its points, first and last times, and
// the staircase verdict (leak, sawtooth, blip, flat). Restarts come from --restarts, else from imported
// numRestarts / uptime (the analysis's restartsFromUptime) / job answers, else the analysis detects them; resident
// memory (RSS) is read by the resident-memory analysis. Bad arguments and bad input exit with
// code 2 and say which argument or where in which file.

import { plural } from '../../shared/domain/plural';
import { ImportError } from '../../shared/imports/import-error';
import {
  groupByTaskManager,
  type ImportedMetrics,
  type ImportedSeries,
} from '../../shared/imports/imported-series';
import type { MetricKind } from '../../shared/imports/metric-kinds';
import { restartsFromImports } from '../../shared/imports/restart-times';
import { formatTime } from '../../shared/imports/time-text';
import { formatBytes } from '../../shared/sim/analysis/format-bytes';
import { analyzeResidentMemory } from '../../shared/sim/analysis/resident-memory';
import { analyzeStaircase } from '../../shared/sim/analysis/staircase';
import { RESIDENT_WARMUP_SEC } from '../../shared/sim/engine/run-analysis';
import { importMetricsFile } from '../backend/services/imports/import-file';
import { queryRange } from '../backend/services/imports/prometheus-client';
import {
  type AnalyzeArgs,
  HelpRequested,
  parseAnalyzeArgs,
  resolveTimes,
  USAGE,
  UsageError,
} from './analyze-args';

/** Counters, times and ratios: a staircase verdict on them would mean nothing. */
const NOT_ANALYSED: ReadonlySet<MetricKind> = new Set([
  'gc-count',
  'gc-time',
  'uptime',
  'restarts',
  'back-pressure',
]);

interface SeriesReport {
  source: string;
  name: string;
  taskManager: string | null;
  labels: Record<string, string>;
  kind: MetricKind | null;
  unit: string;
  points: number;
  first: string | number | null;
  last: string | number | null;
  verdict: string | null;
  notAnalysed?: string;
  retainedBytesPerRestart?: number;
  restarts?: (string | number)[];
  restartsDetected?: boolean;
  /** given, detected from the series, or the imported metrics that said (e.g. `imported uptime`). */
  restartsFrom?: string;
  /** Which analysis read the series: the staircase, or the resident-memory one for RSS. */
  analysis?: string;
  confidence?: number;
  summary?: string;
  /** For the text report (ISO-8601); the JSON gives times in the source's own form. */
  firstSec: number | null;
  lastSec: number | null;
  restartsSec?: number[];
}

async function readInputs(args: AnalyzeArgs): Promise<ImportedMetrics[]> {
  if (args.prometheus) {
    const token = process.env.PEEL_PROMETHEUS_TOKEN;
    const result = await queryRange({
      ...args.prometheus,
      ...(token ? { auth: { kind: 'bearer' as const, token } } : {}),
      onProgress: (p) => {
        if (!args.json && p.requests > 1) process.stderr.write(`  request ${p.requestsDone}/${p.requests}\r`);
      },
    });
    return [result.metrics];
  }
  const imports: ImportedMetrics[] = [];
  for (const file of args.files) {
    const result = await importMetricsFile(file, {
      source: file,
      ...(args.clock ? { clock: args.clock } : {}),
      ...(args.taskManager ? { taskManager: args.taskManager } : {}),
    });
    imports.push(result.metrics);
  }
  return imports;
}

/** The imported metrics restarts were read from, for the report: `imported uptime, numRestarts`. */
function restartSources(imports: readonly ImportedMetrics[]): string {
  const kinds = new Set<string>();
  for (const metrics of imports) {
    if (metrics.job && metrics.job.restartsSec.length > 0) kinds.add('job answers');
    for (const s of metrics.series) {
      if (s.kind === 'uptime') kinds.add('uptime');
      if (s.kind === 'restarts') kinds.add('numRestarts');
    }
  }
  return kinds.size > 0 ? `imported ${[...kinds].join(', ')}` : 'imported metrics';
}

function report(
  metrics: ImportedMetrics,
  s: ImportedSeries,
  args: AnalyzeArgs,
  imported: number[],
  nowSec: number,
  importedFrom: string,
): SeriesReport {
  const form = metrics.timeFormat;
  const points = s.timesSec.length;
  const base: SeriesReport = {
    source: metrics.source,
    name: s.metric,
    taskManager: s.taskManager,
    labels: { ...s.labels },
    kind: s.kind,
    unit: s.unit,
    points,
    first: points > 0 ? formatTime(s.timesSec[0] as number, form) : null,
    last: points > 0 ? formatTime(s.timesSec[points - 1] as number, form) : null,
    verdict: null,
    firstSec: points > 0 ? (s.timesSec[0] as number) : null,
    lastSec: points > 0 ? (s.timesSec[points - 1] as number) : null,
  };
  if (s.kind !== null && NOT_ANALYSED.has(s.kind))
    return { ...base, notAnalysed: `${s.kind} is not a memory series` };
  if (points < 2) return { ...base, notAnalysed: 'fewer than two points' };
  // Imported restarts count for a series only where they fall inside it (files of several incidents may mix).
  const first = s.timesSec[0] as number;
  const last = s.timesSec[points - 1] as number;
  const inside = imported.filter((t) => t > first && t < last);
  const given = args.restarts && resolveTimes(args.restarts, form, nowSec);
  const freshStartsSec = args.freshStarts && resolveTimes(args.freshStarts, form, nowSec);
  const restartsSec = given ?? (inside.length > 0 ? inside : undefined);
  const input = {
    timesSec: s.timesSec,
    values: s.values,
    ...(restartsSec ? { restartsSec } : {}),
    ...(freshStartsSec ? { freshStartsSec } : {}),
    ...(args.limit !== undefined ? { limit: args.limit } : {}),
  };
  // Resident memory is read as the app reads it: each fresh JVM's warm-up (given with --fresh-starts) left out,
  // so what remains across restarts is memory the direct pool does not count (an Unsafe leak).
  const resident = s.kind === 'resident';
  const result = resident
    ? analyzeResidentMemory({ ...input, jvmStartsSec: freshStartsSec ?? [], warmUpSec: RESIDENT_WARMUP_SEC })
    : analyzeStaircase(input);
  return {
    ...base,
    analysis: resident
      ? `resident memory${freshStartsSec?.length ? `, the first ${RESIDENT_WARMUP_SEC / 60} min after each fresh JVM left out` : ''}`
      : 'staircase',
    verdict: result.verdict,
    retainedBytesPerRestart: Math.round(result.retainedBytesPerRestart),
    restarts: result.restartsSec.map((t) => formatTime(t, form)),
    restartsSec: result.restartsSec,
    restartsDetected: result.restartsDetected,
    restartsFrom: result.restartsDetected ? 'detected from the series' : given ? 'given' : importedFrom,
    confidence: Number(result.confidence.toFixed(3)),
    summary: result.summary,
  };
}

function iso(sec: number | null): string {
  return sec === null ? 'none' : String(formatTime(sec, 'iso-8601'));
}

function labelLine(r: SeriesReport): string {
  const labels = Object.entries(r.labels)
    .sort(([a], [b]) => (a === 'tm_id' ? -1 : b === 'tm_id' ? 1 : a.localeCompare(b)))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return labels.length === 0 ? '(no labels)' : labels.join(', ');
}

function printText(reports: SeriesReport[], imports: ImportedMetrics[]): void {
  for (const metrics of imports) {
    const what = metrics.job
      ? `job ${metrics.job.name} (${metrics.job.jobId}) ${metrics.job.state}, last restart ${metrics.job.lastRestartSec === null ? 'none' : formatTime(metrics.job.lastRestartSec, 'iso-8601')}`
      : plural(metrics.series.length, 'series');
    console.log(`# ${metrics.source}: ${metrics.format}, ${what}`);
    for (const warning of metrics.warnings) console.log(`#   note: ${warning}`);
  }
  for (const r of reports) {
    console.log(
      `${r.name}: ${r.verdict === null ? 'not analysed' : `${r.verdict} (confidence ${(r.confidence ?? 0).toFixed(2)})`}`,
    );
    console.log(`  TaskManager: ${r.taskManager ?? 'unknown'}`);
    console.log(`  labels: ${labelLine(r)}`);
    console.log(
      `  ${plural(r.points, 'point')}, ${iso(r.firstSec)} .. ${iso(r.lastSec)}${r.kind ? ` (${r.kind}, ${r.unit})` : ''}`,
    );
    if (r.notAnalysed) {
      console.log(`  not analysed: ${r.notAnalysed}`);
      continue;
    }
    console.log(`  ${r.analysis === 'staircase' ? '' : `(${r.analysis}) `}${r.summary}`);
    if (r.unit === 'bytes' || r.unit === 'unknown') {
      console.log(`  retained per restart: ${formatBytes(r.retainedBytesPerRestart ?? 0)}`);
    }
    const restarts = r.restartsSec?.map(iso) ?? [];
    console.log(`  restarts (${r.restartsFrom}): ${restarts.length > 0 ? restarts.join(', ') : 'none'}`);
  }
}

async function main(): Promise<void> {
  const nowSec = Math.floor(Date.now() / 1000);
  const args = parseAnalyzeArgs(process.argv.slice(2), nowSec);
  const imports = await readInputs(args);
  const imported = restartsFromImports(imports);
  const importedFrom = restartSources(imports);
  const reports = imports.flatMap((metrics) =>
    groupByTaskManager(metrics.series).flatMap((group) =>
      group.series.map((s) => report(metrics, s, args, imported, nowSec, importedFrom)),
    ),
  );
  if (args.json) {
    const sources = imports.map((m) => ({
      source: m.source,
      format: m.format,
      warnings: m.warnings,
      ...(m.job ? { job: m.job } : {}),
    }));
    const series = reports.map(({ firstSec: _f, lastSec: _l, restartsSec: _r, ...rest }) => rest);
    process.stdout.write(`${JSON.stringify({ sources, series }, null, 2)}\n`);
    return;
  }
  printText(reports, imports);
}

main().catch((error: unknown) => {
  if (error instanceof HelpRequested) {
    console.log(USAGE);
    process.exit(0);
  }
  if (error instanceof UsageError) {
    console.error(`analyze: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof ImportError) {
    console.error(`analyze: ${error.message}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
