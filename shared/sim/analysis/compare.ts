// Puts two runs side by side (each from its own start, on one grid) and says in one line what changed between
// them: the before/after of a "peel one layer" experiment.

import { formatBytes, formatSignedBytes } from './format-bytes';
import { cleanSeries, lowerBound, medianSpacing } from './series-grid';
import { analyzeStaircase, type StaircaseResult } from './staircase';

export interface ComparedRun {
  timesSec: ArrayLike<number>;
  values: ArrayLike<number>;
  label: string;
  /** Its staircase analysis when the caller already has it (e.g. with the true restarts); computed otherwise. */
  analysis?: StaircaseResult;
}

export interface CompareOptions {
  /** Grid step; by default the coarser run's median sample spacing, widened to at most 4096 points. */
  stepSec?: number;
  /** What was changed between the runs, e.g. "removed layer 3", supplied by the caller. */
  changeDescription?: string;
  /** What the series measures, for the statement ("direct" gives "peak direct 980 MiB → 402 MiB"). */
  quantity?: string;
}

export interface AlignedComparison {
  timesSec: Float64Array;
  a: Float64Array;
  b: Float64Array;
  /** b - a; NaN where either run has no value. */
  difference: Float64Array;
  statement: string;
}

const MAX_POINTS = 4096;

export function compareSeries(
  a: ComparedRun,
  b: ComparedRun,
  options: CompareOptions = {},
): AlignedComparison {
  const ca = cleanSeries(a.timesSec, a.values);
  const cb = cleanSeries(b.timesSec, b.values);
  const spanA = span(ca.timesSec);
  const spanB = span(cb.timesSec);
  const spanMax = Math.max(spanA, spanB);
  const natural = Math.max(medianSpacing(ca.timesSec), medianSpacing(cb.timesSec));
  let step = options.stepSec ?? Math.max(natural, spanMax / (MAX_POINTS - 1));
  if (!(step > 0)) step = 1;
  const points = Math.max(1, Math.floor(spanMax / step + 1e-9) + 1);
  const timesSec = new Float64Array(points);
  for (let i = 0; i < points; i++) timesSec[i] = i * step;
  const ra = resampleHeld(ca.timesSec, ca.values, timesSec, step);
  const rb = resampleHeld(cb.timesSec, cb.values, timesSec, step);
  const difference = new Float64Array(points);
  for (let i = 0; i < points; i++) difference[i] = (rb[i] as number) - (ra[i] as number);
  const analysisA = a.analysis ?? analyzeStaircase({ timesSec: ca.timesSec, values: ca.values });
  const analysisB = b.analysis ?? analyzeStaircase({ timesSec: cb.timesSec, values: cb.values });
  const peak = options.quantity ? `peak ${options.quantity}` : 'peak';
  const change = options.changeDescription ?? `${a.label} → ${b.label}`;
  const statement =
    `${change}: ${shortVerdict(analysisA)} → ${shortVerdict(analysisB)}; ` +
    `${peak} ${formatBytes(maxOf(ca.values))} → ${formatBytes(maxOf(cb.values))}`;
  return { timesSec, a: ra, b: rb, difference, statement };
}

/** "leak (+212 MiB/restart)", "sawtooth (+32 MiB/restart, 2 resets)", "blip", "flat". */
export function shortVerdict(r: StaircaseResult): string {
  const per = formatSignedBytes(r.retainedBytesPerRestart);
  if (r.verdict === 'leak') return `leak (${per}/restart)`;
  if (r.verdict === 'sawtooth')
    return `sawtooth (${per}/restart, ${r.resets} reset${r.resets === 1 ? '' : 's'})`;
  if (r.verdict === 'blip' && r.retainedBytesPerRestart > 0) return `blip (${per} once)`;
  return r.verdict;
}

/**
 * Each grid point takes the run's latest sample at or before it (how a gauge reads between scrapes), from the
 * run's own start. Past the run's end, or after a gap longer than three steps, it is NaN: no invented values.
 */
function resampleHeld(
  times: Float64Array,
  values: Float64Array,
  grid: Float64Array,
  step: number,
): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  if (times.length === 0) return out;
  const origin = times[0] as number;
  const last = (times[times.length - 1] as number) - origin;
  const stale = Math.max(3 * step, 3 * medianSpacing(times));
  for (let i = 0; i < grid.length; i++) {
    const t = grid[i] as number;
    if (t > last + step / 2) break;
    const k = lowerBound(times, origin + t + step * 1e-9) - 1;
    if (k < 0) continue;
    if (origin + t - (times[k] as number) <= stale) out[i] = values[k] as number;
  }
  return out;
}

function span(times: Float64Array): number {
  return times.length > 0 ? (times[times.length - 1] as number) - (times[0] as number) : 0;
}

function maxOf(values: Float64Array): number {
  let max = Number.NaN;
  for (const v of values) if (!(v <= max)) max = v;
  return max;
}
