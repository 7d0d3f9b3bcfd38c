// Where memory settles between restarts: the level of each restart interval, measured late in the interval so
// that what a restart briefly holds (a spike, a dip while close() frees and open() allocates) does not count.

import { LEVEL_QUANTILE, levelOf } from './memory-level';
import type { LevelStep } from './restart-detection';
import { countFinite, quantile, quantiles } from './robust-statistics';
import { binOf, lowerBound, type SeriesGrid } from './series-grid';

/** Share of an interval skipped before its level is read: restart given a little late or early, transients. */
export const SETTLE_SHARE = 0.3;

/** Share skipped at the end: the next restart logged a little late (its close() already freeing memory). */
export const END_SHARE = 0.1;

/** The settled part of [fromSec, toSec): what is left after the settle share and the end share. */
export function settledPart(fromSec: number, toSec: number): [number, number] {
  return [fromSec + SETTLE_SHARE * (toSec - fromSec), toSec - END_SHARE * (toSec - fromSec)];
}

/** What one restart interval says of the series, read from its settled part and the early part before it. */
export interface IntervalReading {
  /** The level of the settled part (see memory-level.ts); NaN if it has no samples. */
  level: number;
  /**
   * How far the early part of the interval stands above its settled part, compared at the 90th percentile of
   * each: a transient that follows the restart lifts the first, spikes that come at any time lift both alike.
   */
  earlyExcess: number;
  /**
   * The same comparison made where no restart is near, for chance: the 90th percentile of each half of the settled
   * part (each about as long as the early part) minus that of the other half. Random spikes lift these as often as
   * they lift an early part; only a transient that follows restarts lifts early parts more often.
   */
  controlExcess: [number, number];
  /** The level of the second half of the settled part minus that of the first: how far a settled level wanders. */
  halvesApart: number;
  /** Interquartile range of the settled part's samples (NaN when it spans no whole bin). */
  spread: number;
  /** Bins of the settled part that hold samples. */
  samples: number;
}

/** Reads the interval [fromSec, toSec); the settled part's samples are gathered once for all it asks of them. */
export function readInterval(grid: SeriesGrid, fromSec: number, toSec: number): IntervalReading {
  const [settledFromSec, settledToSec] = settledPart(fromSec, toSec);
  const from = binOf(grid, settledFromSec);
  const to = binOf(grid, settledToSec);
  // The settled part, at least one bin.
  const end = Math.max(from + 1, to);
  const [level, lower, upper, high] = quantiles(
    grid.values,
    [LEVEL_QUANTILE, 0.25, 0.75, 0.9],
    from,
    end,
  ) as [number, number, number, number];
  // An empty settled part has no spread, though its level reads the one bin there is.
  const spread = to > from ? upper - lower : Number.NaN;
  const early = binOf(grid, fromSec);
  const settled = Math.max(early + 1, from);
  const settledEnd = Math.max(settled + 1, to);
  const settledHigh =
    settled === from && settledEnd === end ? high : quantile(grid.values, 0.9, settled, settledEnd);
  const mid = (settledFromSec + settledToSec) / 2;
  const midBin = Math.min(Math.max(binOf(grid, mid), settled + 1), settledEnd - 1);
  const firstHigh = quantile(grid.values, 0.9, settled, midBin);
  const secondHigh = quantile(grid.values, 0.9, midBin, settledEnd);
  return {
    controlExcess: [firstHigh - secondHigh, secondHigh - firstHigh],
    level,
    earlyExcess: quantile(grid.values, 0.9, early, settled) - settledHigh,
    halvesApart: levelBetween(grid, mid, settledToSec) - levelBetween(grid, settledFromSec, mid),
    spread,
    samples: countFinite(grid.values, from, end),
  };
}

/** Level of the bins of [fromSec, toSec) (at least one bin). */
function levelBetween(grid: SeriesGrid, fromSec: number, toSec: number): number {
  const from = binOf(grid, fromSec);
  return levelOf(grid.values, from, Math.max(from + 1, binOf(grid, toSec)));
}

/**
 * Moves each given restart onto the lasting step nearest to it, when one lies within a quarter of the distance
 * to its neighbours: a restart logged a few seconds off from where the series steps is still that step.
 */
export function snapRestarts(
  restarts: readonly number[],
  steps: readonly LevelStep[],
  startSec: number,
  endSec: number,
): number[] {
  const taken = new Set<number>();
  return restarts.map((r, k) => {
    const prev = k > 0 ? (restarts[k - 1] as number) : startSec;
    const next = k + 1 < restarts.length ? (restarts[k + 1] as number) : endSec;
    const tolerance = 0.25 * Math.min(r - prev, next - r);
    let best = -1;
    steps.forEach((s, i) => {
      if (taken.has(i) || Math.abs(s.timeSec - r) > tolerance) return;
      if (best < 0 || Math.abs(s.timeSec - r) < Math.abs((steps[best] as LevelStep).timeSec - r)) best = i;
    });
    if (best < 0) return r;
    taken.add(best);
    return (steps[best] as LevelStep).timeSec;
  });
}

/** Splits the sample index range of a clean series at fresh JVM starts: memory legitimately resets there. */
export function splitAtFreshStarts(
  timesSec: Float64Array,
  freshStartsSec: readonly number[],
): [number, number][] {
  const cuts = [...freshStartsSec]
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b)
    .map((t) => lowerBound(timesSec, t));
  const bounds = [0, ...cuts, timesSec.length];
  const ranges: [number, number][] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k] as number;
    const to = bounds[k + 1] as number;
    if (to > from) ranges.push([from, to]);
  }
  return ranges;
}
