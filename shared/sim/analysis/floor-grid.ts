// The grid restarts are detected on, for a series that shows its garbage collections. A real JVM's direct memory
// is what is live plus garbage waiting for the next young GC (RPC buffers dropped: a few MiB piling up and falling
// back every few seconds). Sampled faster than its GCs run, that saw-tooth is most of what moves from sample to
// sample, and a step of a few MiB left by a restart hides under it. What a restart leaves is in the floor the
// saw-tooth returns to, and the lower quartile of a bin that holds a whole GC cycle reads that floor (memory-level.ts):
// so such a series is binned by its cycle, each bin its lower quartile, before its steps are looked for.

import { levelOf } from './memory-level';
import { type CleanSeries, type SeriesGrid, toGrid } from './series-grid';

/** Local maxima needed before the series is taken to show its cycles: fewer is a handful of bumps, not a rhythm. */
const MIN_CYCLES = 32;

/** White noise peaks every 3 bins; a series whose peaks are half as far apart again has a rhythm of its own. */
const MIN_BINS_PER_CYCLE = 4.5;

/** The floor grid must keep this many bins, or a restart interval would be a bin or two of it. */
const MIN_FLOOR_BINS = 32;

/**
 * Cycles per bin of the floor grid. A window exactly one period long holds one whole ramp of a regular saw-tooth
 * whatever its phase, so its lower quartile is the same in every bin (floor plus a quarter of the ramp); wider bins
 * would only blur restarts that come a few cycles apart.
 */
const CYCLES_PER_BIN = 1;

/**
 * Bins per cycle as the series shows it: bins holding samples per local maximum (a value above both neighbours).
 * A saw-tooth of GC ramps peaks once per cycle; white noise every three bins; a scrape slower than the GC sees each
 * sample at a random phase of its ramp, which is noise again. Also returns how many maxima there are.
 */
export function cyclesOf(y: Float64Array): { binsPerCycle: number; peaks: number } {
  let peaks = 0;
  let finite = 0;
  let before = Number.NaN;
  let here = Number.NaN;
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as number;
    if (!Number.isFinite(v)) continue;
    finite++;
    if (here > before && here > v) peaks++;
    before = here;
    here = v;
  }
  return { binsPerCycle: peaks > 0 ? finite / peaks : finite, peaks };
}

/**
 * The grid to look for steps on: `grid` itself, unless the samples [first, end) of `series` show a rhythm of many
 * cycles (GC ramps) that a grid of one cycle per bin still resolves into enough bins; then that grid, each bin
 * the lower quartile of its samples.
 */
export function floorGrid(series: CleanSeries, first: number, end: number, grid: SeriesGrid): SeriesGrid {
  const { binsPerCycle, peaks } = cyclesOf(grid.values);
  if (peaks < MIN_CYCLES || binsPerCycle < MIN_BINS_PER_CYCLE) return grid;
  const binSec = CYCLES_PER_BIN * binsPerCycle * grid.binSec;
  if ((grid.values.length * grid.binSec) / binSec < MIN_FLOOR_BINS) return grid;
  return toGrid(series, first, end, grid.values.length, binSec, levelOf);
}
