// A real experiment's result as a run: the imported series put on one grid that starts at t=0 (the earliest sample
// of the series used), filed under the simulator's series keys (tm/<TaskManager>/<Flink metric>) so the same
// charts, overlays and comparisons read them, and read by the same staircase analysis per TaskManager, with the
// restarts the imports recorded (numRestarts, uptime, job answers) or the ones the analysis finds. Pure.
import { taskManagerSeriesKey } from '../domain/lab/series-keys';
import type { StaircaseResult } from '../sim/analysis/staircase';
import { combineVerdicts } from '../sim/engine/run-analysis';
import type { RunAnalysis, TaskManagerAnalysis } from '../sim/engine/run-types';
import { ImportError } from './import-error';
import type { ImportedMetrics, ImportedSeries } from './imported-series';
import { restartsFromImports } from './restart-times';
import { seriesVerdict } from './series-verdict';

/** The TaskManager name given to series that do not say which TaskManager they come from. */
export const UNNAMED_TASK_MANAGER = 'imported';
/** A run's grid holds at most this many points per series; a longer capture gets a coarser step. */
export const MAX_GRID_POINTS = 50_000;

export interface RealRunSeries {
  key: string;
  startSec: 0;
  stepSec: number;
  values: Float32Array;
}

export interface RealRunContent {
  /** Epoch seconds of t=0 (the earliest sample used). */
  originSec: number;
  stepSec: number;
  durationSec: number;
  series: RealRunSeries[];
  analysis: RunAnalysis;
  /** Restart times used, seconds after t=0. */
  restartsSec: number[];
  /** Each TaskManager's restarts as its own analysis placed them, seconds after t=0. */
  taskManagerRestartsSec: Record<string, number[]>;
  restartsFrom: 'imported metrics' | 'detected from the series';
}

/** Series a run can hold: a Flink TaskManager metric Peel knows. */
function usable(series: ImportedSeries): series is ImportedSeries & { flinkName: string } {
  return series.flinkName !== null && series.timesSec.length > 0;
}

function medianSpacing(series: readonly ImportedSeries[]): number {
  const gaps: number[] = [];
  for (const s of series) {
    for (let i = 1; i < s.timesSec.length && gaps.length < 100_000; i++) {
      gaps.push((s.timesSec[i] as number) - (s.timesSec[i - 1] as number));
    }
  }
  if (gaps.length === 0) return 1;
  gaps.sort((a, b) => a - b);
  return Math.max(gaps[Math.floor(gaps.length / 2)] as number, 1e-3);
}

/** Means of the samples falling in each grid cell [i*step - step/2, i*step + step/2) after `originSec`; NaN where none. */
export function onGrid(s: ImportedSeries, originSec: number, stepSec: number, length: number): Float32Array {
  const sums = new Float64Array(length);
  const counts = new Uint32Array(length);
  for (let i = 0; i < s.timesSec.length; i++) {
    const value = s.values[i] as number;
    if (!Number.isFinite(value)) continue;
    const cell = Math.floor(((s.timesSec[i] as number) - originSec) / stepSec + 0.5);
    if (cell < 0 || cell >= length) continue;
    sums[cell]! += value;
    counts[cell]!++;
  }
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = counts[i]! > 0 ? sums[i]! / counts[i]! : Number.NaN;
  return out;
}

function peak(series: readonly ImportedSeries[]): number {
  let max = 0;
  for (const s of series) for (const v of s.values) if (v > max) max = v;
  return max;
}

function staircaseOf(series: ImportedSeries | undefined, restartsSec: number[]): StaircaseResult | null {
  return series ? seriesVerdict(series, restartsSec) : null;
}

/**
 * Builds the run from the imports. Throws ImportError ('empty') when no imported series is a TaskManager metric
 * Peel knows, naming what was imported instead.
 */
export function realRunContent(imports: readonly ImportedMetrics[]): RealRunContent {
  const all = imports.flatMap((m) => m.series);
  const series = all.filter(usable);
  if (series.length === 0) {
    const names = [...new Set(all.map((s) => s.metric))].slice(0, 5).join(', ') || 'no series';
    throw new ImportError(
      'empty',
      `none of the imported series is a TaskManager metric Peel knows (found ${names}); import direct memory (Status.JVM.Memory.Direct.MemoryUsed or its Prometheus form)`,
      { source: imports.map((m) => m.source).join(', ') || 'the imports' },
    );
  }
  const originSec = Math.min(...series.map((s) => s.timesSec[0] as number));
  const endSec = Math.max(...series.map((s) => s.timesSec[s.timesSec.length - 1] as number));
  let stepSec = medianSpacing(series);
  if ((endSec - originSec) / stepSec + 1 > MAX_GRID_POINTS)
    stepSec = (endSec - originSec) / (MAX_GRID_POINTS - 1);
  const length = Math.floor((endSec - originSec) / stepSec + 0.5) + 1;
  const byKey = new Map<string, ImportedSeries & { flinkName: string }>();
  for (const s of series) {
    const key = taskManagerSeriesKey(s.taskManager ?? UNNAMED_TASK_MANAGER, s.flinkName);
    // Two series under one key (a metric in two files): the one with more points speaks for it.
    const known = byKey.get(key);
    if (!known || known.timesSec.length < s.timesSec.length) byKey.set(key, s);
  }
  const grid = [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([key, s]): RealRunSeries => ({
        key,
        startSec: 0,
        stepSec,
        values: onGrid(s, originSec, stepSec, length),
      }),
    );

  const importedRestarts = restartsFromImports(imports);
  const taskManagers = [
    ...new Set([...byKey.values()].map((s) => s.taskManager ?? UNNAMED_TASK_MANAGER)),
  ].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const perTaskManager: TaskManagerAnalysis[] = [];
  const directResults: StaircaseResult[] = [];
  const residentResults: StaircaseResult[] = [];
  let restartsUsed: number[] = [];
  let detected = importedRestarts.length === 0;
  const perTaskManagerRestarts: Record<string, number[]> = {};
  for (const tm of taskManagers) {
    const mine = [...byKey.values()].filter((s) => (s.taskManager ?? UNNAMED_TASK_MANAGER) === tm);
    const direct = mine.find((s) => s.kind === 'direct-used');
    const resident = mine.find((s) => s.kind === 'resident');
    const d = staircaseOf(direct, importedRestarts);
    const r = staircaseOf(resident, importedRestarts);
    perTaskManagerRestarts[tm] = (d?.restartsSec ?? []).map((t) => t - originSec);
    if (d) {
      directResults.push(d);
      if (d.restartsSec.length > restartsUsed.length) {
        restartsUsed = d.restartsSec;
        detected = d.restartsDetected;
      }
    }
    if (r) residentResults.push(r);
    const heap = mine.filter((s) => s.kind === 'heap-used');
    perTaskManager.push({
      taskManager: tm,
      verdict: d?.verdict ?? 'flat',
      retainedBytesPerRestart: d?.retainedBytesPerRestart ?? 0,
      confidence: d?.confidence ?? 0,
      summary: d?.summary ?? 'no direct-memory series imported for this TaskManager',
      restarts: d?.restartsSec.length ?? 0,
      freshStarts: 0,
      peakDirectBytes: peak(direct ? [direct] : []),
      peakRssBytes: peak(resident ? [resident] : []),
      peakHeapBytes: peak(heap),
      ooms: 0,
      residentVerdict: r?.verdict ?? 'flat',
      residentRetainedBytesPerRestart: r?.retainedBytesPerRestart ?? 0,
    });
  }
  const direct = combineVerdicts(directResults);
  const resident = combineVerdicts(residentResults);
  const withDirect = perTaskManager.filter((tm) => tm.verdict === direct.verdict && tm.confidence > 0);
  const summary =
    directResults.length === 0
      ? 'no direct-memory series imported: no verdict on direct memory'
      : `${direct.verdict} on ${withDirect.length} of ${directResults.length} TaskManager(s): ${withDirect[0]?.summary ?? perTaskManager[0]!.summary}`;
  const analysis: RunAnalysis = {
    verdict: direct.verdict,
    retainedBytesPerRestart: direct.retained,
    confidence: direct.confidence,
    summary,
    residentVerdict: resident.verdict,
    residentRetainedBytesPerRestart: resident.retained,
    ooms: 0,
    restarts: restartsUsed.length,
    taskFailures: 0,
    containersKilled: 0,
    fullGcs: 0,
    youngGcs: 0,
    gcTimeMs: 0,
    concurrentCycles: 0,
    peakDirectBytes: Math.max(0, ...perTaskManager.map((tm) => tm.peakDirectBytes)),
    peakRssBytes: Math.max(0, ...perTaskManager.map((tm) => tm.peakRssBytes)),
    peakHeapBytes: Math.max(0, ...perTaskManager.map((tm) => tm.peakHeapBytes)),
    checkpointsCompleted: 0,
    checkpointsExpired: 0,
    jobFailed: false,
    eventsDropped: 0,
    perTaskManager,
    backPressure: [],
  };
  return {
    originSec,
    stepSec,
    durationSec: Math.max(1, Math.round(endSec - originSec)),
    series: grid,
    analysis,
    restartsSec: restartsUsed.map((t) => t - originSec),
    taskManagerRestartsSec: perTaskManagerRestarts,
    restartsFrom: detected ? 'detected from the series' : 'imported metrics',
  };
}
