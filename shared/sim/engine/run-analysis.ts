// The run's analysis, composed from the generic staircase analysis per TaskManager (given the restarts and
// fresh starts the engine knows) plus counts, peaks and a back-pressure summary per operator.
import { formatBytes } from '../analysis/format-bytes';
import { maskWarmUp } from '../analysis/resident-memory';
import { analyzeStaircase, type StaircaseResult, type StaircaseVerdict } from '../analysis/staircase';
import type { EngineState } from './engine-state';
import { METRIC } from './metric-names';
import type { OperatorBackPressure, RunAnalysis, TaskManagerAnalysis } from './run-types';

/**
 * The staircase analysis looks at levels between restarts (minutes apart), and its cost grows steeply with
 * the number of samples (about 2 s for 21,600 one-second samples, 20 ms for 2,160), so series are averaged into
 * bins first: at most ANALYSIS_POINTS per TaskManager (11 s bins for 6 hours).
 */
export const ANALYSIS_POINTS = 2048;

/**
 * Below this a TaskManager's verdict is not trusted enough to speak for the run: a lone TaskManager reading a
 * catch-up after a restart as a 0.5-confidence blip should not turn a flat run into a blip.
 */
export const CONFIDENT = 0.6;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Combined {
  verdict: StaircaseVerdict;
  retained: number;
  confidence: number;
}

/**
 * The run's verdict, from the TaskManagers confident of theirs: if any sees memory retained across restarts
 * (leak or sawtooth), the run does, and which of the two is the majority's among them (a tie goes to sawtooth:
 * somebody saw a collection take it back); otherwise blip if any saw one, else flat. A TaskManager replaced
 * often may never reach its limit, so "leak" and "sawtooth" readings of one bug can mix. Retained bytes per
 * restart are the median over the TaskManagers holding the verdict, and so is the confidence.
 */
export function combineVerdicts(results: StaircaseResult[]): Combined {
  const confident = results.filter((r) => r.confidence >= CONFIDENT);
  const holding = (v: StaircaseVerdict) => confident.filter((r) => r.verdict === v);
  const leaks = holding('leak');
  const sawtooths = holding('sawtooth');
  let verdict: StaircaseVerdict = 'flat';
  if (leaks.length + sawtooths.length > 0) verdict = leaks.length > sawtooths.length ? 'leak' : 'sawtooth';
  else if (holding('blip').length > 0) verdict = 'blip';
  const holders = holding(verdict);
  if (verdict === 'flat') {
    return {
      verdict,
      retained: 0,
      confidence: confident.length === 0 ? 0 : median(holders.map((r) => r.confidence)),
    };
  }
  return {
    verdict,
    retained: median(holders.map((r) => r.retainedBytesPerRestart)),
    confidence: median(holders.map((r) => r.confidence)),
  };
}

/**
 * The run's verdict in one sentence that agrees with its numbers: a blip that only passes keeps nothing, so it is
 * not "0 B per restart" but a rise after restarts that settles back.
 */
function runSummary(onDirect: Combined, holding: number, taskManagers: number): string {
  const share = `${holding} of ${taskManagers} TaskManager${taskManagers === 1 ? '' : 's'}`;
  if (onDirect.verdict === 'flat') return 'Direct memory: flat across restarts.';
  if (onDirect.verdict === 'blip') {
    return onDirect.retained > 0
      ? `Direct memory: blip, ${formatBytes(onDirect.retained)} kept after some restarts, then flat (${share}).`
      : `Direct memory: blip, a rise right after restarts that settles back (${share}); no staircase.`;
  }
  return `Direct memory: ${onDirect.verdict}, ${formatBytes(onDirect.retained)} per restart (${share}).`;
}

function backPressureOf(st: EngineState): OperatorBackPressure[] {
  return st.ops.map((op, o) => {
    const series = st.opBackPressured[o] as Float32Array;
    let sum = 0;
    let count = 0;
    let max = 0;
    let high = 0;
    for (let t = 0; t < series.length; t++) {
      const v = series[t] as number;
      if (Number.isNaN(v)) continue;
      sum += v;
      count++;
      if (v > max) max = v;
      if (v > 500) high++;
    }
    return {
      operator: op.id,
      meanBackPressuredMs: count > 0 ? sum / count : 0,
      maxBackPressuredMs: max,
      secondsHigh: high,
    };
  });
}

export interface BinnedSeries {
  timesSec: Float64Array;
  values: Float64Array;
}

/** Means over bins of `binSec` samples (NaN samples skipped; a bin without any is NaN), timed at bin centres. */
export function binSeries(values: ArrayLike<number>, binSec: number): BinnedSeries {
  const bins = Math.ceil(values.length / binSec);
  const timesSec = new Float64Array(bins);
  const means = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    let sum = 0;
    let count = 0;
    const end = Math.min(values.length, (b + 1) * binSec);
    for (let t = b * binSec; t < end; t++) {
      const v = values[t] as number;
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    timesSec[b] = b * binSec + (end - b * binSec - 1) / 2;
    means[b] = count > 0 ? sum / count : Number.NaN;
  }
  return { timesSec, values: means };
}

/**
 * A fresh JVM's resident memory climbs for its first minutes as it touches its heap (-Xms only reserves it) and
 * its native pools fill: that is warm-up, not a leak. The resident analysis leaves this stretch after every JVM
 * start out, so a staircase in what remains is memory kept across restarts (an Unsafe leak), as on a real host.
 */
export const RESIDENT_WARMUP_SEC = 20 * 60;

export function withoutWarmUp(
  binned: BinnedSeries,
  jvmStartsSec: readonly number[],
  warmUpSec: number,
): BinnedSeries {
  return {
    timesSec: binned.timesSec,
    values: maskWarmUp(binned.timesSec, binned.values, jvmStartsSec, warmUpSec),
  };
}

/** The largest finite value of a series (0 when it has none). */
function peakOf(values: ArrayLike<number>): number {
  let peak = 0;
  for (let t = 0; t < values.length; t++) {
    const v = values[t] as number;
    if (v > peak) peak = v;
  }
  return peak;
}

/** When the job first failed on an OutOfMemoryError, or null (the event log keeps the earliest events). */
function firstOomSec(st: EngineState): number | null {
  for (const event of st.events.events) if (event.kind === 'oom') return event.t;
  return null;
}

function clock(sec: number): string {
  const s = Math.floor(sec);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/**
 * A saw-tooth is memory that old-generation collections (full GCs, G1's concurrent cycles) keep taking back, one
 * collection per tooth at least. When most drops of a TaskManager had no such collection, they were young GCs, and
 * those free what is young: after the job starts crash-looping on direct OOMs, the buffers of restarts that lived
 * only seconds. What the TaskManager kept from its earlier restarts then shows in the run up to the first OOM, so
 * that part is read again; if it climbs (a leak), that is the verdict. A saw-tooth of young garbage (transient
 * buffers under load) does not climb there and keeps its reading.
 */
function readBeforeCrashLoop(
  whole: StaircaseResult,
  binned: BinnedSeries,
  input: { restartsSec: number[]; freshStartsSec: number[]; limit: number },
  oldCollections: number,
  oomSec: number | null,
): StaircaseResult {
  if (whole.verdict !== 'sawtooth' || 2 * oldCollections >= whole.resets || oomSec === null) return whole;
  let end = 0;
  while (end < binned.timesSec.length && (binned.timesSec[end] as number) < oomSec) end++;
  const before = analyzeStaircase({
    timesSec: binned.timesSec.subarray(0, end),
    values: binned.values.subarray(0, end),
    restartsSec: input.restartsSec.filter((t) => t < oomSec),
    freshStartsSec: input.freshStartsSec.filter((t) => t < oomSec),
    limit: input.limit,
  });
  if (before.verdict !== 'leak') return whole;
  return {
    ...before,
    summary: `${before.summary} until the first OOM at ${clock(oomSec)}, then a crash loop (its drops were young GCs)`,
  };
}

export function analyzeRun(st: EngineState): RunAnalysis {
  const binSec = Math.max(1, Math.ceil(st.durationSec / ANALYSIS_POINTS));
  const oomSec = firstOomSec(st);
  const direct: StaircaseResult[] = [];
  const resident: StaircaseResult[] = [];
  const perTaskManager: TaskManagerAnalysis[] = [];
  for (let tm = 0; tm < st.taskManagers; tm++) {
    const series = st.series.record(tm);
    const restartsSec = st.restartsSec[tm] ?? [];
    const freshStartsSec = (st.freshStartsSec[tm] ?? []).filter((t) => t > 0);
    const directBinned = binSeries(series[METRIC.directMemoryUsed], binSec);
    const directInput = { restartsSec, freshStartsSec, limit: st.r.memory.maxDirectMemory };
    const onDirect = readBeforeCrashLoop(
      analyzeStaircase({ ...directBinned, ...directInput }),
      directBinned,
      directInput,
      st.oldCollections[tm] as number,
      oomSec,
    );
    const residentBinned = withoutWarmUp(
      binSeries(series[METRIC.residentMemory], binSec),
      [0, ...freshStartsSec],
      RESIDENT_WARMUP_SEC,
    );
    const residentInput = { restartsSec, freshStartsSec, limit: st.r.containerLimitBytes };
    const onResident = readBeforeCrashLoop(
      analyzeStaircase({ ...residentBinned, ...residentInput }),
      residentBinned,
      residentInput,
      st.oldCollections[tm] as number,
      oomSec,
    );
    direct.push(onDirect);
    resident.push(onResident);
    perTaskManager.push({
      taskManager: st.taskManagerId(tm),
      verdict: onDirect.verdict,
      retainedBytesPerRestart: onDirect.retainedBytesPerRestart,
      confidence: onDirect.confidence,
      summary: onDirect.summary,
      restarts: restartsSec.length,
      freshStarts: freshStartsSec.length,
      peakDirectBytes: peakOf(series[METRIC.directMemoryUsed]),
      peakRssBytes: peakOf(series[METRIC.residentMemory]),
      peakHeapBytes: peakOf(series[METRIC.heapUsed]),
      ooms: st.oomsPerTaskManager[tm] as number,
      residentVerdict: onResident.verdict,
      residentRetainedBytesPerRestart: onResident.retainedBytesPerRestart,
    });
  }
  const onDirect = combineVerdicts(direct);
  const onResident = combineVerdicts(resident);
  const m = st.jvm;
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const summary = runSummary(
    onDirect,
    direct.filter((r) => r.verdict === onDirect.verdict).length,
    direct.length,
  );
  return {
    verdict: onDirect.verdict,
    retainedBytesPerRestart: onDirect.retained,
    confidence: onDirect.confidence,
    summary,
    residentVerdict: onResident.verdict,
    residentRetainedBytesPerRestart: onResident.retained,
    ooms: st.ooms,
    restarts: st.jobRestarts,
    taskFailures: st.taskFailures,
    containersKilled: st.containersKilled,
    // Counters of JVMs that were replaced are gone with them; the events keep every full GC.
    fullGcs: st.events.count('full-gc'),
    youngGcs: sum(m.youngGcs),
    gcTimeMs: sum(m.youngGcMs) + sum(m.fullGcMs),
    concurrentCycles: sum(m.concurrentCycles),
    peakDirectBytes: Math.max(0, ...perTaskManager.map((tm) => tm.peakDirectBytes)),
    peakRssBytes: Math.max(0, ...perTaskManager.map((tm) => tm.peakRssBytes)),
    peakHeapBytes: Math.max(0, ...perTaskManager.map((tm) => tm.peakHeapBytes)),
    checkpointsCompleted: st.checkpoints.completed,
    checkpointsExpired: st.checkpoints.expired,
    jobFailed: st.jobFailed,
    eventsDropped: st.events.dropped,
    perTaskManager,
    backPressure: backPressureOf(st),
  };
}
