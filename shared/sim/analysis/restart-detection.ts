// Finds the lasting level shifts of a memory series (a restart that leaves memory behind, a full GC cutting a
// saw-tooth) and tells them apart from what passes: spikes, GC ramps, dips at a restart, noise.

import { GridSegments } from './grid-segments';
import { LevelFit } from './level-fit';
import { quantiles } from './robust-statistics';
import { cleanSeries, type SeriesGrid, toGrid } from './series-grid';
import { smallestKeys } from './smallest-keys';
import { locateCandidates } from './step-candidates';

export interface LevelStep {
  /** First bin of the new level. */
  bin: number;
  /** Time of the first sample at the new level. */
  timeSec: number;
  /** Level after minus level before (levels of the segments either side, see memory-level.ts). */
  height: number;
}

export interface LevelSteps {
  steps: LevelStep[];
  /** The samples' typical short-window spread, as a standard deviation (interquartile range / 1.35). */
  noise: number;
  /** The floor under every threshold (see levelFloor). */
  floor: number;
}

/**
 * Restarts one can see in a series: every lasting shift. A restart that leaves memory behind steps up; one whose
 * open() needs a reservation that runs the full GC cutting a saw-tooth steps down. A restart that changes
 * nothing (close() freed what open() allocates again) cannot be seen, and is not returned.
 */
export function detectRestarts(timesSec: ArrayLike<number>, values: ArrayLike<number>): number[] {
  return findLevelSteps(toGrid(cleanSeries(timesSec, values))).steps.map((s) => s.timeSec);
}

/** The floor under every threshold: changes under 1% of the series' typical level are never a shift. */
export function levelFloor(y: ArrayLike<number>): number {
  const [middle, high, low] = quantiles(y, [0.5, 0.99, 0.01]) as [number, number, number];
  const typical = Math.abs(middle);
  const spread = Math.abs(high) + Math.abs(low);
  const floor = Math.max(0.01 * typical, 1e-9 * spread);
  return floor > 0 ? floor : Number.MIN_VALUE;
}

/**
 * Lasting shifts of a gridded series: candidates from a multi-scale scan (step-candidates.ts) become a
 * piecewise-constant fit whose weak steps, ramps and short excursions are merged away.
 */
export function findLevelSteps(grid: SeriesGrid): LevelSteps {
  const floor = levelFloor(grid.values);
  return settleSteps(grid, locateCandidates(grid.values, floor), floor);
}

/**
 * Turns candidate split bins into steps between segment levels, then merges until every step stands out from
 * the noise of the two levels it joins and no short excursion (a spike, or a dip that returns) remains.
 */
function settleSteps(grid: SeriesGrid, candidates: number[], floor: number): LevelSteps {
  const y = grid.values;
  // Rounds merge a few segments each and ask again about the others: answers are kept (grid-segments.ts) and
  // only what a merge changed is fitted again (level-fit.ts).
  const segments = new GridSegments(y);
  const fit = new LevelFit(segments, distinctInside(candidates, y.length), floor);
  const weakest = new WeakestCuts(fit.cutCount);
  const noise = segments.spreadOver(0, y.length) / 1.35;
  for (let round = 0; round <= candidates.length + 1; round++) {
    if (weakest.pick(fit.strengths, fit.cutCount)) {
      fit.drop((k) => weakest.picked[k] === 1);
      continue;
    }
    const excursion = findExcursion(segments, fit);
    if (excursion) {
      fit.drop((k) => k >= excursion[0] && k <= excursion[1]);
      continue;
    }
    return {
      steps: Array.from(fit.bounds.subarray(1, fit.cutCount + 1), (bin, k) => ({
        bin,
        timeSec: firstSampleAtOrAfter(grid, bin),
        height: fit.heights[k] as number,
      })),
      noise,
      floor,
    };
  }
  return { steps: [], noise, floor };
}

/** The distinct bins of `candidates` strictly inside (0, bins), ascending. */
function distinctInside(candidates: readonly number[], bins: number): Int32Array {
  const sorted = Float64Array.from(candidates).sort();
  const cuts = new Int32Array(sorted.length);
  let n = 0;
  for (const b of sorted) if (b > 0 && b < bins && (n === 0 || b !== cuts[n - 1])) cuts[n++] = b;
  return cuts.subarray(0, n);
}

/**
 * Picks the cuts to merge away in a round: the weakest of those whose strength is under 1 (or unknown), of two as
 * weak the earlier; with many weak ones (a noisy series gives hundreds of candidates) the weakest quarter at once,
 * so the rounds grow with log(candidates) instead of with their number. Its arrays are made once, for the cuts of
 * the first round (there are only fewer later).
 */
class WeakestCuts {
  /** Per cut, 1 when picked by the last pick(). */
  readonly picked: Uint8Array;
  private readonly weak: Int32Array;
  private readonly keys: Float64Array;
  private readonly order: Int32Array;

  constructor(cuts: number) {
    this.picked = new Uint8Array(cuts);
    this.weak = new Int32Array(cuts);
    this.keys = new Float64Array(cuts);
    this.order = new Int32Array(cuts);
  }

  /** Marks the cuts to merge away among the first `cutCount` strengths; false when every cut is strong. */
  pick(strengths: Float64Array, cutCount: number): boolean {
    let count = 0;
    for (let k = 0; k < cutCount; k++) {
      const strength = strengths[k] as number;
      if (strength >= 1) continue;
      this.weak[count] = k;
      this.keys[count++] = strength || 0;
    }
    if (count === 0) return false;
    const merged = Math.max(1, Math.floor(count / 4));
    smallestKeys(this.keys, count, merged, this.order);
    this.picked.fill(0, 0, cutCount);
    for (let i = 0; i < merged; i++) this.picked[this.weak[this.order[i] as number] as number] = 1;
    return true;
  }
}

/** An edge segment under this share of the series (and a third of a typical segment) is too short to count. */
const EDGE_SHARE = 0.1;

/** Segments this short are a shift caught half way, not a level of their own. */
const TRANSITION_BINS = 2;

/**
 * Cuts k..m (at most four segments inside) enclosing an excursion that comes back: the levels either side
 * differ by less than the bar and the excursion is shorter than both neighbours (a spike, a clump of RPC
 * spikes, a dip while close() frees and open() allocates); then overshoots, half-way bins and short edge
 * segments (below). Undefined when there is none.
 */
function findExcursion(segments: GridSegments, fit: LevelFit): [number, number] | undefined {
  const bounds = fit.bounds;
  const cuts = bounds.subarray(1, bounds.length - 1);
  // Lengths count bins that hold samples: a segment that is mostly a gap shows little of itself.
  const length = (segment: number) =>
    segments.count(bounds[segment] as number, bounds[segment + 1] as number);
  const bins = segments.count(0, segments.y.length);
  for (let k = 0; k < cuts.length; k++) {
    for (let m = k + 1; m < Math.min(cuts.length, k + 4); m++) {
      const inside = segments.count(bounds[k + 1] as number, bounds[m + 1] as number);
      const bar = Math.max(fit.thresholds[k] as number, fit.thresholds[m] as number);
      const returns = Math.abs((fit.levels[m + 1] as number) - (fit.levels[k] as number)) < bar;
      if (returns && inside < 0.5 * Math.min(length(k), length(m + 1))) return [k, m];
    }
  }
  // A short overshoot or undershoot at a shift (a spike right after a restart, a dip while close() has freed
  // and open() not yet allocated) belongs to that shift: its far edge is not a shift of its own.
  for (let j = 1; j < cuts.length; j++) {
    const level = fit.levels[j] as number;
    const before = fit.levels[j - 1] as number;
    const after = fit.levels[j + 1] as number;
    const outside = level > Math.max(before, after) || level < Math.min(before, after);
    if (outside && length(j) < 0.5 * Math.min(length(j - 1), length(j + 1))) return [j, j];
  }
  // A segment of a bin or two between a lower and a higher one is the shift caught half way (a scrape during
  // open(), a gap just before it): the shift is one, at whichever of its two cuts moved more.
  for (let j = 1; j < cuts.length; j++) {
    if (length(j) > TRANSITION_BINS) continue;
    const smaller = Math.abs(fit.heights[j - 1] as number) < Math.abs(fit.heights[j] as number) ? j - 1 : j;
    return [smaller, smaller];
  }
  // A shift into or out of an edge segment much shorter than the rest (a warm-up before the job settles, the
  // last few scrapes) cannot show that it lasts.
  if (cuts.length >= 1) {
    const inner = Array.from({ length: cuts.length - 1 }, (_, k) => length(k + 1)).sort((a, b) => a - b);
    const typical = inner.length > 0 ? (inner[Math.floor(inner.length / 2)] as number) : bins / 2;
    const short = Math.min(typical / 3, EDGE_SHARE * bins);
    if (length(0) < short) return [0, 0];
    if (length(cuts.length) < short) return [cuts.length - 1, cuts.length - 1];
  }
  return undefined;
}

function firstSampleAtOrAfter(grid: SeriesGrid, bin: number): number {
  for (let b = bin; b < grid.firstSampleSec.length; b++) {
    const t = grid.firstSampleSec[b] as number;
    if (Number.isFinite(t)) return t;
  }
  return grid.startSec + bin * grid.binSec;
}
