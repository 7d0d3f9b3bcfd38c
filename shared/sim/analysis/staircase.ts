// Decides the shape of a memory series across job restarts (leak, sawtooth, blip, flat): the check Pinterest
// did by eye on Direct.MemoryUsed, made repeatable for simulated and imported series alike.
//
// The way there: drop missing samples and sort late ones (series-grid.ts); cut the series at fresh JVM starts;
// put each stretch on a regular grid; find its lasting level shifts (restart-detection.ts); take the given
// restarts (moved onto a shift within reach) or the shifts as restarts; read the level each restart interval
// settles at (settled-levels.ts); and read the sequence of levels as a shape (staircase-verdict.ts).

import { floorGrid } from './floor-grid';
import { SPREAD_SHARE } from './level-fit';
import { findLevelSteps } from './restart-detection';
import { median } from './robust-statistics';
import { cleanSeries, type SeriesGrid, toGrid } from './series-grid';
import { type IntervalReading, readInterval, snapRestarts, splitAtFreshStarts } from './settled-levels';
import { readVerdict, type SegmentLevels, type Verdict } from './staircase-verdict';
import { LEVEL_NOISE } from './step-candidates';

export type StaircaseVerdict = Verdict;

export interface StaircaseInput {
  /** Sample times in seconds (any origin), ascending; may be irregular. */
  timesSec: ArrayLike<number>;
  /** Same length; bytes (NaN = missing sample). */
  values: ArrayLike<number>;
  /** Job restarts affecting this series (close() then open()); detected when absent. */
  restartsSec?: readonly number[];
  /** Times the process was replaced by a fresh JVM (memory legitimately resets). */
  freshStartsSec?: readonly number[];
  /** E.g. the direct-memory limit, for "reaches the limit" reasoning. */
  limit?: number;
}

export interface StaircaseResult {
  verdict: StaircaseVerdict;
  /** Median of the lasting rises at restarts (what one leaking restart keeps); 0 for flat. */
  retainedBytesPerRestart: number;
  /** The restarts actually used: given ones moved onto the step they belong to, or the detected ones. */
  restartsSec: number[];
  restartsDetected: boolean;
  /** The settled level after each restart (NaN where that interval holds no samples). */
  levelsAfterRestart: number[];
  /** How many restarts left a lasting rise (all of them for a regular leak, some for a sporadic one). */
  leakingRestarts: number;
  /** Big drops not explained by a fresh start (full GCs cutting a saw-tooth). */
  resets: number;
  /** The smallest change across a restart that counts, in the series' unit (see stepThreshold in staircase.ts). */
  threshold: number;
  /** 0..1, how sure; computed as documented on readVerdict in staircase-verdict.ts. */
  confidence: number;
  /** One line for people, e.g. "leak: +212 MiB retained per restart, 9 restarts". */
  summary: string;
}

interface SegmentAnalysis {
  restarts: number[];
  levels: SegmentLevels;
  excess: number[];
  controls: number[];
  grid: SeriesGrid;
  threshold: number;
}

export function analyzeStaircase(input: StaircaseInput): StaircaseResult {
  const series = cleanSeries(input.timesSec, input.values);
  const given = input.restartsSec?.filter(Number.isFinite).sort((a, b) => a - b);
  const fresh = input.freshStartsSec ?? [];
  const segments = splitAtFreshStarts(series.timesSec, fresh).map(([first, end]): SegmentAnalysis => {
    const grid = toGrid(series, first, end);
    const startSec = series.timesSec[first] as number;
    const endSec = (series.timesSec[end - 1] as number) + grid.binSec / 2;
    const found = findLevelSteps(floorGrid(series, first, end, grid));
    const restarts = given
      ? snapRestarts(
          given.filter((r) => r > startSec && r < endSec && !nearFreshStart(r, fresh, grid.binSec)),
          found.steps,
          startSec,
          endSec,
        )
      : found.steps.map((s) => s.timeSec);
    return measureSegment(grid, restarts, startSec, endSec, found.floor);
  });
  const threshold = Math.max(0, ...segments.map((s) => s.threshold));
  const reading = readVerdict({
    segments: segments.map((s) => s.levels),
    threshold: threshold > 0 ? threshold : Number.MIN_VALUE,
    earlyExcess: segments.flatMap((s) => s.excess),
    controlExcess: segments.flatMap((s) => s.controls),
    limit: input.limit,
  });
  return {
    ...reading,
    restartsSec: segments.flatMap((s) => s.restarts),
    restartsDetected: given === undefined,
    levelsAfterRestart: segments.flatMap((s) => s.levels.levels),
    threshold,
  };
}

/** A restart logged at a fresh start is that fresh start: the new JVM begins from nothing retained. */
function nearFreshStart(t: number, fresh: readonly number[], binSec: number): boolean {
  return fresh.some((f) => Math.abs(f - t) <= 2 * binSec);
}

function measureSegment(
  grid: SeriesGrid,
  restarts: number[],
  startSec: number,
  endSec: number,
  floor: number,
): SegmentAnalysis {
  const bounds = [startSec, ...restarts, endSec];
  const readings = bounds.slice(0, -1).map((from, k) => readInterval(grid, from, bounds[k + 1] as number));
  const levels = readings.slice(1).map((r) => r.level);
  const excess = readings.slice(1).map((r) => r.earlyExcess);
  const controls = readings.flatMap((r) => r.controlExcess);
  // Restarts right at the segment start leave no interval before them to compare with.
  const baseline =
    restarts.length > 0 && (restarts[0] as number) - startSec < 2 * grid.binSec
      ? Number.NaN
      : (readings[0]?.level ?? Number.NaN);
  return {
    restarts,
    levels: { baseline, levels },
    excess,
    controls,
    grid,
    threshold: stepThreshold(readings, floor),
  };
}

/**
 * The smallest lasting change: four standard deviations of the difference of two settled levels, and never under
 * `floor`, 1% of the series' level (levelFloor). That deviation is read two ways and the larger taken:
 * - from how much the two halves of each interval's settled part disagree: how far a level really wanders, GC
 *   ramps, slow drift and spikes included (halves are twice as noisy as whole windows: the spread of half
 *   differences over sqrt(2) is that of a step);
 * - from the samples as if they were independent: the standard error of a lower quartile of n samples is about
 *   1.36 sigma / sqrt(n) (LEVEL_NOISE), sigma = interquartile range / 1.35. A scrape slower than the GC sees each
 *   sample at a random phase of its saw-tooth, so its samples are that; and with a few samples per half, the
 *   halves can agree by luck.
 * With fewer than three intervals to read halves from, the samples' own spread within settled parts stands in
 * for both (a level can wander that much). Otherwise the spread itself is not the bar: on a real JVM most of it is
 * the GC saw-tooth (RPC buffers piling up until a young GC), and the lower quartile of many of its cycles reads
 * their common floor, far steadier than the samples (a 5 MiB step under 8 MiB ramps).
 * All of these scale with the values, so multiplying a series by a constant does not change its verdict.
 */
function stepThreshold(readings: readonly IntervalReading[], floor: number): number {
  const finite = readings
    .map((r) => r.halvesApart)
    .filter(Number.isFinite)
    .map(Math.abs);
  const spread = median(readings.map((r) => r.spread).filter(Number.isFinite));
  if (finite.length < MIN_HALVES)
    return Math.max(floor, SPREAD_SHARE * (Number.isFinite(spread) ? spread : 0));
  const halves = (1.4826 * median(finite)) / Math.SQRT2;
  const samples = median(readings.map((r) => r.samples).filter((n) => n > 0));
  const independent =
    Number.isFinite(spread) && samples > 0
      ? Math.SQRT2 * LEVEL_NOISE * (spread / 1.35) * Math.sqrt(1 / samples)
      : 0;
  return Math.max(floor, 4 * halves, 4 * independent);
}

/** Intervals whose halves must be read before their disagreement stands for the noise of a level. */
const MIN_HALVES = 3;
