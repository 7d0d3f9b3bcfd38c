// What the merge rounds of restart-detection.ts ask about the segments between the cuts of one gridded series:
// how many bins hold samples, its level, where its trend meets its edges, the noise around it. Rounds join a few
// segments at a time, so answers are kept per segment (by its start bin: a segment only ever grows to the right,
// as its cuts go), and a joined segment's samples are merged in order from the segments it was joined from
// instead of being sorted again.

import { levelOfSorted } from './memory-level';
import { interquartileRange, quantile, sortedQuantile } from './robust-statistics';

/** Bins per window of the short-window spread: wide enough to hold a GC ramp or a few RPC buffers coming and
 * going, narrow enough that few windows straddle a restart. */
const SPREAD_WINDOW = 8;

/** Which of the window spreads around a step stands for its noise: a low one, because the windows that hold a
 * spike or straddle a shift are the high ones, while noise, GC ramps and RPC buffers show in every window. */
const SPREAD_QUANTILE = 0.25;

/** Segments shorter than this many bins are taken as flat: too short for a trend to mean anything. */
const TREND_BINS = 8;

/** Samples sorted by insertion before runs are merged (see sortAfresh). */
const RUN = 16;

/**
 * The arrays a GridSegments works in, reused from one to the next: a run analyses dozens of grids, and typed
 * arrays are costly to make (about a microsecond each here, a dozen per grid). So only the newest GridSegments
 * may be used (settleSteps makes one per grid and is done with it before the next); an older one throws.
 */
let floats: Float64Array[] = [];
let ints: Int32Array[] = [];
let generations = 0;

function reusedArrays(size: number): {
  floats: [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  ints: [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
} {
  if ((floats[0]?.length ?? 0) < size) {
    floats = Array.from({ length: 9 }, () => new Float64Array(size));
    ints = Array.from({ length: 6 }, () => new Int32Array(size));
  }
  return { floats, ints } as ReturnType<typeof reusedArrays>;
}

export class GridSegments {
  /** finiteBefore[i]: bins holding samples among the first i. */
  private readonly finiteBefore: Int32Array;
  /** Interquartile range of each short window that holds enough samples, in order of start; how many of these
   * windows start before each bin. */
  private readonly windowSpread: Float64Array;
  private readonly windowsStartingBefore: Int32Array;
  /**
   * Per start bin, the end of the segment summarised from there (-1 for none, or for one since merged into a
   * segment that starts earlier), its summary, and its samples in order of value (of two equal, the earlier bin
   * first) with their bins, stored from the start bin on (a segment has no more samples than bins, so segments
   * never overlap there).
   */
  private readonly summarisedTo: Int32Array;
  private readonly levels: Float64Array;
  private readonly trendsAtStart: Float64Array;
  private readonly trendsAtEnd: Float64Array;
  private readonly ordered: Float64Array;
  private readonly orderedBins: Int32Array;
  /** Per start bin, the end of the range whose spread is kept there (-1 for none), and that spread. */
  private readonly spreadTo: Int32Array;
  private readonly spreads: Float64Array;
  /** Scratch: a merge in progress, and the values of a segment's two halves in order. */
  private readonly merging: Float64Array;
  private readonly mergingBins: Int32Array;
  private readonly leftOrdered: Float64Array;
  private readonly rightOrdered: Float64Array;

  /** The arrays above are shared (see reusedArrays): this one may use them while no newer one exists. */
  private readonly generation = ++generations;

  constructor(readonly y: Float64Array) {
    const n = y.length;
    const { floats, ints } = reusedArrays(n + 1);
    [
      this.levels,
      this.trendsAtStart,
      this.trendsAtEnd,
      this.ordered,
      this.spreads,
      this.merging,
      this.leftOrdered,
      this.rightOrdered,
      this.windowSpread,
    ] = floats;
    [
      this.finiteBefore,
      this.windowsStartingBefore,
      this.summarisedTo,
      this.orderedBins,
      this.spreadTo,
      this.mergingBins,
    ] = ints;
    this.finiteBefore[0] = 0;
    for (let i = 0; i < n; i++) {
      this.finiteBefore[i + 1] = (this.finiteBefore[i] as number) + (Number.isFinite(y[i] as number) ? 1 : 0);
    }
    // The merge scratch is free until the first merge.
    windowSpreads(y, this.finiteBefore, this.windowSpread, this.windowsStartingBefore, this.merging);
    this.summarisedTo.fill(-1, 0, n + 1);
    this.spreadTo.fill(-1, 0, n + 1);
  }

  /** Bins of [from, to) that hold samples. */
  count(from: number, to: number): number {
    return (this.finiteBefore[to] as number) - (this.finiteBefore[from] as number);
  }

  /** Level of [from, to) (see memory-level.ts). */
  level(from: number, to: number): number {
    this.checkCurrent();
    this.summarise(from, to);
    return this.levels[from] as number;
  }

  /** The value the trend of [from, to) reaches at its first bin (see summarise). */
  trendAtStart(from: number, to: number): number {
    this.checkCurrent();
    this.summarise(from, to);
    return this.trendsAtStart[from] as number;
  }

  /** The value the trend of [from, to) reaches at its end (see summarise). */
  trendAtEnd(from: number, to: number): number {
    this.checkCurrent();
    this.summarise(from, to);
    return this.trendsAtEnd[from] as number;
  }

  /** Low quantile of the spreads of the windows inside [from, to) (of those overlapping it when none fits). */
  spreadOver(from: number, to: number): number {
    this.checkCurrent();
    if (this.spreadTo[from] !== to) {
      this.spreads[from] = this.lowWindowSpread(from, to);
      this.spreadTo[from] = to;
    }
    return this.spreads[from] as number;
  }

  private checkCurrent(): void {
    if (this.generation !== generations)
      throw new Error('GridSegments: a newer one has taken over its arrays');
  }

  /**
   * The level of [from, to), and the value its trend reaches at each edge: its median (the value at its centre
   * on a ramp) plus or minus half its length times its slope, the slope read from the medians of its two halves.
   */
  private summarise(from: number, to: number): void {
    if (this.summarisedTo[from] === to) return;
    if (!this.mergeSummarised(from, to)) this.sortAfresh(from, to);
    this.summarisedTo[from] = to;
    const count = this.count(from, to);
    this.levels[from] = levelOfSorted(this.ordered, from, from + count);
    const centre = sortedQuantile(this.ordered, 0.5, from, from + count);
    if (to - from < TREND_BINS) {
      this.trendsAtStart[from] = centre;
      this.trendsAtEnd[from] = centre;
      return;
    }
    // The values of each half, in order.
    const mid = Math.floor((from + to) / 2);
    let left = 0;
    let right = 0;
    for (let i = from; i < from + count; i++) {
      const value = this.ordered[i] as number;
      if ((this.orderedBins[i] as number) < mid) this.leftOrdered[left++] = value;
      else this.rightOrdered[right++] = value;
    }
    const slope =
      (sortedQuantile(this.rightOrdered, 0.5, 0, right) - sortedQuantile(this.leftOrdered, 0.5, 0, left)) /
      ((to - from) / 2);
    const half = (to - from) / 2;
    this.trendsAtStart[from] = centre - slope * half;
    this.trendsAtEnd[from] = centre + slope * half;
  }

  /**
   * Puts the samples of [from, to) in order by merging those of the segments summarised from `from` up to `to`
   * (the segments dropped cuts have joined). False, with the order left undone, when [from, to) is not made of
   * summarised segments.
   */
  private mergeSummarised(from: number, to: number): boolean {
    let end = this.summarisedTo[from] as number;
    if (end < 0 || end > to) return false;
    let length = this.count(from, end);
    while (end < to) {
      const next = this.summarisedTo[end] as number;
      if (next < 0 || next > to) return false;
      const more = this.count(end, next);
      this.mergeRuns(from, length, end, more);
      // The merged run now holds the joined segment's bins: the one that started at `end` is gone.
      this.summarisedTo[end] = -1;
      length += more;
      end = next;
    }
    return true;
  }

  /**
   * Merges the ordered runs from a (aLength samples) and from b (bLength samples of later bins, b >= a + aLength)
   * into one from a. Only the shorter run is set aside first: merging from the front with the first run aside, or
   * from the back with the second, never overwrites a sample not yet merged.
   */
  private mergeRuns(a: number, aLength: number, b: number, bLength: number): void {
    const { ordered, orderedBins, merging, mergingBins } = this;
    if (aLength <= bLength) {
      merging.set(ordered.subarray(a, a + aLength));
      mergingBins.set(orderedBins.subarray(a, a + aLength));
      let i = 0;
      let j = b;
      let out = a;
      while (i < aLength && j < b + bLength) {
        // On equal values the earlier bins go first.
        if ((ordered[j] as number) < (merging[i] as number)) {
          ordered[out] = ordered[j] as number;
          orderedBins[out++] = orderedBins[j++] as number;
        } else {
          ordered[out] = merging[i] as number;
          orderedBins[out++] = mergingBins[i++] as number;
        }
      }
      while (i < aLength) {
        ordered[out] = merging[i] as number;
        orderedBins[out++] = mergingBins[i++] as number;
      }
      while (j < b + bLength) {
        ordered[out] = ordered[j] as number;
        orderedBins[out++] = orderedBins[j++] as number;
      }
    } else {
      merging.set(ordered.subarray(b, b + bLength));
      mergingBins.set(orderedBins.subarray(b, b + bLength));
      let i = a + aLength - 1;
      let j = bLength - 1;
      let out = a + aLength + bLength - 1;
      while (i >= a && j >= 0) {
        // From the back, so on equal values the later bins go (last) first.
        if ((merging[j] as number) < (ordered[i] as number)) {
          ordered[out] = ordered[i] as number;
          orderedBins[out--] = orderedBins[i--] as number;
        } else {
          ordered[out] = merging[j] as number;
          orderedBins[out--] = mergingBins[j--] as number;
        }
      }
      // What is left of the first run is already in place.
      while (j >= 0) {
        ordered[out] = merging[j] as number;
        orderedBins[out--] = mergingBins[j--] as number;
      }
    }
  }

  /**
   * Puts the samples of [from, to) in order, from scratch: runs of a few sorted by insertion, then merged
   * pairwise (stable throughout, so equal values stay in order of bin).
   */
  private sortAfresh(from: number, to: number): void {
    const { y, ordered, orderedBins } = this;
    let n = from;
    for (let bin = from; bin < to; bin++) {
      // Whatever was summarised inside [from, to) is overwritten here.
      if (bin > from) this.summarisedTo[bin] = -1;
      const value = y[bin] as number;
      if (!Number.isFinite(value)) continue;
      let j = n - 1;
      // Insertion into the current run only.
      while (j >= from + Math.floor((n - from) / RUN) * RUN && (ordered[j] as number) > value) {
        ordered[j + 1] = ordered[j] as number;
        orderedBins[j + 1] = orderedBins[j] as number;
        j--;
      }
      ordered[j + 1] = value;
      orderedBins[j + 1] = bin;
      n++;
    }
    for (let width = RUN; width < n - from; width *= 2) {
      for (let a = from; a + width < n; a += 2 * width) {
        this.mergeRuns(a, width, a + width, Math.min(width, n - a - width));
      }
    }
  }

  private lowWindowSpread(from: number, to: number): number {
    // Windows are in order of their start, so those inside a range (starting at `from` or later and ending by
    // `to`), and those overlapping it, are runs of them.
    let first = this.windowsBefore(from);
    let end = this.windowsBefore(to - SPREAD_WINDOW + 1);
    if (end <= first) {
      first = this.windowsBefore(from - SPREAD_WINDOW + 1);
      end = this.windowsBefore(to);
    }
    return end > first ? quantile(this.windowSpread, SPREAD_QUANTILE, first, end) || 0 : 0;
  }

  /** How many windows start before `bin`. */
  private windowsBefore(bin: number): number {
    return this.windowsStartingBefore[Math.min(this.y.length, Math.max(0, bin))] as number;
  }
}

/**
 * Interquartile range of each half-overlapping window of SPREAD_WINDOW bins that holds enough samples, in order,
 * into `spreads`, and how many of these windows start before each bin into `startingBefore`. A window is two
 * half-windows, so each half is sorted once (into `halves`) and every window merges its two.
 */
function windowSpreads(
  y: Float64Array,
  finiteBefore: Int32Array,
  spreads: Float64Array,
  startingBefore: Int32Array,
  halves: Float64Array,
): void {
  const n = y.length;
  const width = Math.min(SPREAD_WINDOW, n);
  let count = 0;
  let bin = 0;
  if (width < SPREAD_WINDOW) {
    // A series shorter than one window: one window of all of it.
    if ((finiteBefore[width] as number) >= width / 2) {
      startingBefore[bin++] = 0;
      spreads[count++] = interquartileRange(y, 0, width);
    }
  } else {
    const half = SPREAD_WINDOW / 2;
    const halfCount = Math.floor(n / half);
    const lengths = new Int32Array(halfCount);
    for (let h = 0; h < halfCount; h++) lengths[h] = sortedFinite(y, h * half, half, halves);
    const window = new Float64Array(SPREAD_WINDOW);
    for (let h = 0; h + 1 < halfCount; h++) {
      const held = (lengths[h] as number) + (lengths[h + 1] as number);
      if (held < SPREAD_WINDOW / 2) continue;
      mergeHalves(halves, h * half, lengths[h] as number, (h + 1) * half, lengths[h + 1] as number, window);
      while (bin <= h * half) startingBefore[bin++] = count;
      spreads[count++] = sortedQuantile(window, 0.75, 0, held) - sortedQuantile(window, 0.25, 0, held);
    }
  }
  while (bin <= n) startingBefore[bin++] = count;
}

/** Sorts the finite values of y[start..start+length) into `into` from `start` on; returns how many. */
function sortedFinite(y: Float64Array, start: number, length: number, into: Float64Array): number {
  let n = start;
  for (let i = start; i < start + length; i++) {
    const v = y[i] as number;
    if (!Number.isFinite(v)) continue;
    let j = n - 1;
    while (j >= start && (into[j] as number) > v) {
      into[j + 1] = into[j] as number;
      j--;
    }
    into[j + 1] = v;
    n++;
  }
  return n - start;
}

function mergeHalves(
  sorted: Float64Array,
  a: number,
  aLength: number,
  b: number,
  bLength: number,
  into: Float64Array,
): void {
  let i = a;
  let j = b;
  let out = 0;
  while (i < a + aLength && j < b + bLength) {
    into[out++] =
      (sorted[i] as number) <= (sorted[j] as number) ? (sorted[i++] as number) : (sorted[j++] as number);
  }
  while (i < a + aLength) into[out++] = sorted[i++] as number;
  while (j < b + bLength) into[out++] = sorted[j++] as number;
}
