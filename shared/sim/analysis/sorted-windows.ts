// The levels the multi-scale scan (step-candidates.ts) reads: at each width w = 2, 4, 8 ... the level of the w bins
// starting every stride. No window is sorted from scratch: a window of 2w bins is two windows of w bins, so its
// level is read from their two sorted runs (a binary search, see levelOfTwoSorted), and the sorted windows of 2w
// bins that the next width needs are merged from two of w.

import { levelOfSorted, levelOfTwoSorted } from './memory-level';

/** The stride between the windows of width w: a quarter of the window, so that a shift is seen at 4 positions. */
function strideOf(w: number): number {
  return Math.max(1, Math.floor(w / 4));
}

/** How many windows of width w, one every `stride` bins, fit in `bins`. */
function windowCount(bins: number, w: number, stride: number): number {
  return bins >= w ? Math.floor((bins - w) / stride) + 1 : 0;
}

/** Sorted windows of `w` bins starting every `step` bins: window m holds the bins [m * step, m * step + w). */
interface SortedWindows {
  w: number;
  step: number;
  count: number;
  /** Window m's finite values, ascending, from m * w on (slots of w values; the rest of a slot is unused). */
  values: Float64Array;
  /** How many of each slot's values are finite values of its window. */
  lengths: Int32Array;
}

/**
 * Levels of the windows of w = 2, 4, 8 ... bins (while 4 w fits in the series), one width at a time. Each call to
 * next() returns the levels of the next width, valid until the call after. The sorted windows live in buffers
 * shared by all (see below), so one scan runs at a time, as locateCandidates runs them.
 */
export class WindowLevels {
  w = 1;
  stride = 1;
  count = 0;
  private sorted: SortedWindows | undefined;

  /** `levels` has room for a value per bin (no width has more windows). */
  constructor(
    private readonly y: Float64Array,
    private readonly levels: Float64Array,
  ) {}

  /** The levels of the windows of the next width (window k: bins [k * stride, k * stride + w)), or undefined. */
  next(): Float64Array | undefined {
    const w = 2 * this.w;
    const bins = this.y.length;
    if (4 * w > bins) return undefined;
    this.w = w;
    this.stride = strideOf(w);
    this.count = windowCount(bins, w, this.stride);
    const lastWidth = 8 * w > bins;
    if (this.sorted === undefined) {
      // Two bins: sorted outright, one window at every bin.
      this.sorted = pairWindows(this.y);
      readLevels(this.sorted, this.count, this.levels);
    } else {
      levelsOfJoinedHalves(this.sorted, this.stride, this.count, this.levels);
      // The next width's halves start every half of this width: only those windows are merged.
      if (!lastWidth) this.sorted = widerWindows(this.sorted, bins, w / 2);
    }
    return this.levels;
  }
}

/**
 * The scan keeps two sets of sorted windows alive, the one it reads and the one it builds from it, so two sets of
 * buffers, grown as needed and reused, serve every width of every series.
 */
const buffers = [
  { values: new Float64Array(0), lengths: new Int32Array(0) },
  { values: new Float64Array(0), lengths: new Int32Array(0) },
];

function buffersFor(side: 0 | 1, count: number, w: number): { values: Float64Array; lengths: Int32Array } {
  const b = buffers[side] as { values: Float64Array; lengths: Int32Array };
  if (b.values.length < count * w) b.values = new Float64Array(Math.max(count * w, 2 * b.values.length));
  if (b.lengths.length < count) b.lengths = new Int32Array(Math.max(count, 2 * b.lengths.length));
  return b;
}

/** Windows of 2 bins at every bin. */
function pairWindows(y: Float64Array): SortedWindows {
  const w = 2;
  const count = windowCount(y.length, w, 1);
  const { values, lengths } = buffersFor(0, count, w);
  for (let k = 0; k < count; k++) {
    const a = y[k] as number;
    const b = y[k + 1] as number;
    let n = 0;
    if (Number.isFinite(a)) values[k * w + n++] = a;
    if (Number.isFinite(b)) {
      // Insert b where it belongs among the (at most one) finite values already there.
      if (n === 1 && b < (values[k * w] as number)) {
        values[k * w + 1] = values[k * w] as number;
        values[k * w] = b;
      } else values[k * w + n] = b;
      n++;
    }
    lengths[k] = n;
  }
  return { w, step: 1, count, values, lengths };
}

/**
 * Windows of twice the width of `narrow`, one every `step` bins, each merged from the two narrow windows that make
 * it up (both start on a narrow window: `step` and the narrow width are multiples of the narrow step).
 */
function widerWindows(narrow: SortedWindows, bins: number, step: number): SortedWindows {
  const w = 2 * narrow.w;
  const count = windowCount(bins, w, step);
  const { values, lengths } = buffersFor(narrow.values === buffers[0]?.values ? 1 : 0, count, w);
  const src = narrow.values;
  const half = narrow.w;
  for (let m = 0; m < count; m++) {
    const left = (m * step) / narrow.step;
    const right = (m * step + half) / narrow.step;
    const leftLength = narrow.lengths[left] as number;
    const rightLength = narrow.lengths[right] as number;
    // The merge is written out here: it runs for every window of every width.
    let i = left * half;
    let j = right * half;
    const iEnd = i + leftLength;
    const jEnd = j + rightLength;
    let out = m * w;
    while (i < iEnd && j < jEnd) {
      const a = src[i] as number;
      const b = src[j] as number;
      if (a <= b) {
        values[out++] = a;
        i++;
      } else {
        values[out++] = b;
        j++;
      }
    }
    while (i < iEnd) values[out++] = src[i++] as number;
    while (j < jEnd) values[out++] = src[j++] as number;
    lengths[m] = leftLength + rightLength;
  }
  return { w, step, count, values, lengths };
}

/** The level of each of the first `count` windows (all one bin apart), read from its sorted values. */
function readLevels(windows: SortedWindows, count: number, levels: Float64Array): void {
  for (let k = 0; k < count; k++) {
    const from = k * windows.w;
    levels[k] = levelOfSorted(windows.values, from, from + (windows.lengths[k] as number));
  }
}

/** The level of each window of twice the width of `halves`, one every `stride` bins, from its two halves. */
function levelsOfJoinedHalves(
  halves: SortedWindows,
  stride: number,
  count: number,
  levels: Float64Array,
): void {
  const half = halves.w;
  for (let k = 0; k < count; k++) {
    const left = (k * stride) / halves.step;
    const right = (k * stride + half) / halves.step;
    levels[k] = levelOfTwoSorted(
      halves.values,
      left * half,
      halves.lengths[left] as number,
      right * half,
      halves.lengths[right] as number,
    );
  }
}
