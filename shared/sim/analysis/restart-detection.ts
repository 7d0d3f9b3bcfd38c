// Finds the lasting level shifts of a memory series (a restart that leaves memory behind, a full GC cutting a
// saw-tooth) and tells them apart from what passes: spikes, GC ramps, dips at a restart, noise.

import { levelOf } from './memory-level';
import { countFinite, interquartileRange, median, quantile } from './robust-statistics';
import { cleanSeries, type SeriesGrid, toGrid } from './series-grid';
import { LEVEL_NOISE, locateCandidates } from './step-candidates';

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
  const typical = Math.abs(median(y));
  const spread = Math.abs(quantile(y, 0.99)) + Math.abs(quantile(y, 0.01));
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

/** A step must exceed this many interquartile ranges of the samples around it: GC ramps and RPC buffers come and
 * go without being shifts. */
export const SPREAD_SHARE = 1.5;

/**
 * Turns candidate split bins into steps between segment levels, then merges until every step stands out from
 * the noise of the two levels it joins and no short excursion (a spike, or a dip that returns) remains.
 */
function settleSteps(grid: SeriesGrid, candidates: number[], floor: number): LevelSteps {
  const y = grid.values;
  let cuts = [...new Set(candidates)].filter((b) => b > 0 && b < y.length).sort((a, b) => a - b);
  const windows = windowSpreads(y);
  const noise = spreadOver(windows, 0, y.length) / 1.35;
  for (let round = 0; round <= candidates.length + 1; round++) {
    const fit = fitLevels(y, cuts, floor, windows);
    // A shift is as strong as the smaller of its height and its jump at the cut over SHARPNESS, the jump read
    // from each side's trend extended to the cut: a ramp (garbage piling up before a GC) climbs as far between
    // cuts as a step, but its trend runs straight through every cut.
    const bounds = [0, ...cuts, y.length];
    const strengths = cuts.map((_, k) => {
      const h = fit.heights[k] as number;
      const left = trendAtEdge(y, bounds[k] as number, bounds[k + 1] as number, 'end');
      const right = trendAtEdge(y, bounds[k + 1] as number, bounds[k + 2] as number, 'start');
      const jump = right - left;
      const sharp = Number.isFinite(jump)
        ? Math.sign(jump) === Math.sign(h)
          ? Math.abs(jump) / SHARPNESS
          : 0
        : Math.abs(h);
      return Math.min(Math.abs(h), sharp) / (fit.thresholds[k] as number);
    });
    const weak = strengths.map((strength, k) => ({ strength, k })).filter(({ strength }) => !(strength >= 1));
    if (weak.length > 0) {
      // Merge the weakest cut; with many weak ones (a noisy series gives hundreds of candidates) merge the weakest
      // quarter at once, so the rounds grow with log(candidates) instead of with their number.
      weak.sort((a, b) => (a.strength || 0) - (b.strength || 0));
      const drop = new Set(weak.slice(0, Math.max(1, Math.floor(weak.length / 4))).map(({ k }) => k));
      cuts = cuts.filter((_, k) => !drop.has(k));
      continue;
    }
    const excursion = findExcursion(y, cuts, fit);
    if (excursion) {
      cuts = cuts.filter((_, k) => k < excursion[0] || k > excursion[1]);
      continue;
    }
    const steps = cuts.map((bin, k) => ({
      bin,
      timeSec: firstSampleAtOrAfter(grid, bin),
      height: fit.heights[k] as number,
    }));
    return { steps, noise };
  }
  return { steps: [], noise };
}

/** Share of a shift's height that must happen right at its cut. */
const SHARPNESS = 0.75;

/** Segments shorter than this many bins are taken as flat: too short for a trend to mean anything. */
const TREND_BINS = 8;

/**
 * The value a segment's trend reaches at one of its edges: its median (the value at its centre on a ramp) plus
 * half its length times its slope, the slope read from the medians of its two halves.
 */
function trendAtEdge(y: Float64Array, from: number, to: number, edge: 'start' | 'end'): number {
  const centre = median(y, from, to);
  if (to - from < TREND_BINS) return centre;
  const mid = Math.floor((from + to) / 2);
  const slope = (median(y, mid, to) - median(y, from, mid)) / ((to - from) / 2);
  const half = (to - from) / 2;
  return edge === 'end' ? centre + slope * half : centre - slope * half;
}

interface LevelFit {
  levels: number[];
  heights: number[];
  /** Per step, the height it needs to count: five standard errors of the difference of its two levels, and
   * more than the samples' own spread around it. */
  thresholds: number[];
}

/**
 * Levels of the segments between cuts and the bar for each step. The spread behind a step is that of the short
 * windows inside its two segments: local, because a series can be calm in one regime and busy in another (an
 * OOM loop holds the level still, a running job moves it), and short, because too many cuts cannot shrink it
 * and a shift not yet cut spoils only the few windows that straddle it. Noise that is not white (GC ramps, slow
 * wander) is covered by the spread term: a level does not wander further than its samples spread.
 */
function fitLevels(
  y: Float64Array,
  cuts: readonly number[],
  floor: number,
  windows: WindowSpread[],
): LevelFit {
  const bounds = [0, ...cuts, y.length];
  const levels = segmentLevels(y, cuts);
  const counts = levels.map((_, k) => countFinite(y, bounds[k] as number, bounds[k + 1] as number));
  const heights = cuts.map((_, k) => (levels[k + 1] as number) - (levels[k] as number));
  const thresholds = cuts.map((_, k) => {
    const spread = spreadOver(windows, bounds[k] as number, bounds[k + 2] as number);
    const behind = 1 / Math.max(1, counts[k] as number) + 1 / Math.max(1, counts[k + 1] as number);
    // However many samples stand behind two levels, a step inside the samples' own spread is not a shift.
    return Math.max(floor, SPREAD_SHARE * spread, 5 * LEVEL_NOISE * (spread / 1.35) * Math.sqrt(behind));
  });
  return { levels, heights, thresholds };
}

/** Bins per window of the short-window spread: wide enough to hold a GC ramp or a few RPC buffers coming and
 * going, narrow enough that few windows straddle a restart. */
const SPREAD_WINDOW = 8;

interface WindowSpread {
  from: number;
  spread: number;
}

/** Interquartile range of each half-overlapping window of SPREAD_WINDOW bins that holds enough samples. */
function windowSpreads(y: Float64Array): WindowSpread[] {
  const windows: WindowSpread[] = [];
  const width = Math.min(SPREAD_WINDOW, y.length);
  for (let from = 0; from + width <= y.length; from += Math.max(1, width / 2)) {
    if (countFinite(y, from, from + width) >= width / 2) {
      windows.push({ from, spread: interquartileRange(y, from, from + width) });
    }
  }
  return windows;
}

/** Which of the window spreads around a step stands for its noise: a low one, because the windows that hold a
 * spike or straddle a shift are the high ones, while noise, GC ramps and RPC buffers show in every window. */
const SPREAD_QUANTILE = 0.25;

/** Low quantile of the spreads of the windows inside [from, to) (of those overlapping it when none fits). */
function spreadOver(windows: WindowSpread[], from: number, to: number): number {
  let inside = windows.filter((w) => w.from >= from && w.from + SPREAD_WINDOW <= to);
  if (inside.length === 0) inside = windows.filter((w) => w.from < to && w.from + SPREAD_WINDOW > from);
  return inside.length > 0
    ? quantile(
        inside.map((w) => w.spread),
        SPREAD_QUANTILE,
      ) || 0
    : 0;
}

/** Levels of each segment between cuts (NaN for a segment with no samples). */
function segmentLevels(y: Float64Array, cuts: readonly number[]): number[] {
  const bounds = [0, ...cuts, y.length];
  return bounds.slice(0, -1).map((from, k) => levelOf(y, from, bounds[k + 1] as number));
}

function argMin(values: readonly number[]): number {
  let best = -1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number;
    if (Number.isNaN(v)) return k;
    if (best < 0 || v < (values[best] as number)) best = k;
  }
  return best;
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
function findExcursion(
  y: Float64Array,
  cuts: readonly number[],
  fit: LevelFit,
): [number, number] | undefined {
  const bounds = [0, ...cuts, y.length];
  // Lengths count bins that hold samples: a segment that is mostly a gap shows little of itself.
  const length = (segment: number) =>
    countFinite(y, bounds[segment] as number, bounds[segment + 1] as number);
  const bins = countFinite(y);
  for (let k = 0; k < cuts.length; k++) {
    for (let m = k + 1; m < Math.min(cuts.length, k + 4); m++) {
      const inside = countFinite(y, bounds[k + 1] as number, bounds[m + 1] as number);
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
