// The staircase verdict of one imported series, as the app shows it beside each series of an import: memory
// series only (a verdict on a counter or a ratio would mean nothing), long captures averaged into time bins first
// (the analysis looks at levels minutes apart, and its cost grows steeply with the number of samples).
import { analyzeResidentMemory } from '../sim/analysis/resident-memory';
import { analyzeStaircase, type StaircaseResult } from '../sim/analysis/staircase';
import { ANALYSIS_POINTS, RESIDENT_WARMUP_SEC } from '../sim/engine/run-analysis';
import type { ImportedSeries } from './imported-series';
import type { MetricKind } from './metric-kinds';

/** Counters, times and ratios: not memory levels. */
export const NOT_MEMORY: ReadonlySet<MetricKind> = new Set([
  'gc-count',
  'gc-time',
  'uptime',
  'restarts',
  'back-pressure',
]);

/** Means over at most `maxPoints` equal time bins (empty bins left out), timed at the mean time of their samples. */
export function binByTime(
  timesSec: ArrayLike<number>,
  values: ArrayLike<number>,
  maxPoints = ANALYSIS_POINTS,
): { timesSec: Float64Array; values: Float64Array } {
  const n = timesSec.length;
  if (n <= maxPoints) return { timesSec: Float64Array.from(timesSec), values: Float64Array.from(values) };
  const first = timesSec[0] as number;
  const width = ((timesSec[n - 1] as number) - first) / maxPoints || 1;
  const sumT = new Float64Array(maxPoints);
  const sumV = new Float64Array(maxPoints);
  const count = new Uint32Array(maxPoints);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    const bin = Math.min(maxPoints - 1, Math.floor(((timesSec[i] as number) - first) / width));
    sumT[bin]! += timesSec[i] as number;
    sumV[bin]! += v;
    count[bin]!++;
  }
  const times: number[] = [];
  const means: number[] = [];
  for (let b = 0; b < maxPoints; b++) {
    if (count[b] === 0) continue;
    times.push(sumT[b]! / count[b]!);
    means.push(sumV[b]! / count[b]!);
  }
  return { timesSec: Float64Array.from(times), values: Float64Array.from(means) };
}

/**
 * The verdict on a memory series with the restarts known inside it; null for non-memory series or too few points.
 * Resident memory (RSS) is read by the resident analysis, which leaves each fresh JVM's warm-up out: imported
 * metrics do not say when a JVM was fresh (Flink restarts tasks in the same JVM), so only `freshStartsSec` given
 * by the caller are.
 */
export function seriesVerdict(
  series: ImportedSeries,
  restartsSec: readonly number[],
  freshStartsSec: readonly number[] = [],
): StaircaseResult | null {
  if (series.kind !== null && NOT_MEMORY.has(series.kind)) return null;
  if (series.unit !== 'bytes' && series.unit !== 'unknown') return null;
  const n = series.timesSec.length;
  if (n < 2) return null;
  const first = series.timesSec[0] as number;
  const last = series.timesSec[n - 1] as number;
  const inside = restartsSec.filter((t) => t > first && t < last);
  const binned = binByTime(series.timesSec, series.values);
  if (binned.timesSec.length < 2) return null;
  const input = {
    timesSec: binned.timesSec,
    values: binned.values,
    ...(inside.length > 0 ? { restartsSec: inside } : {}),
  };
  if (series.kind === 'resident') {
    const starts = freshStartsSec.filter((t) => t >= first && t < last);
    return analyzeResidentMemory({
      ...input,
      ...(starts.length > 0 ? { freshStartsSec: starts } : {}),
      jvmStartsSec: starts,
      warmUpSec: RESIDENT_WARMUP_SEC,
    });
  }
  return analyzeStaircase(input);
}
