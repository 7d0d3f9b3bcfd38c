// Where a series might shift level: a multi-scale scan that over-reports on purpose, since restart-detection.ts
// merges what does not last, while a shift missed here is lost.

import { suppressNonMaxima } from './non-maximum-suppression';
import { robustSigma } from './robust-statistics';
import { WindowLevels } from './sorted-windows';

/** Standard error of a sample lower quartile (the level, see memory-level.ts) of n normal values: about
 * 1.36 sigma / sqrt(n). */
export const LEVEL_NOISE = 1.36;

/**
 * Candidate split bins. At widths w = 2, 4, 8 ... bins, the level of the w bins after each position minus that
 * of the w bins before; its extremes are candidates when a neighbouring width (w/2 or 2w) sees the same shift
 * at half its own bar: a spike narrower than w vanishes at 2w, a GC ramp evens out, noise does not repeat.
 */
export function locateCandidates(y: Float64Array, floor: number): number[] {
  const scratch = scratchFor(y.length);
  const white = whiteNoiseSigma(y, scratch);
  const scales: ScaleResponse[] = [];
  const windows = new WindowLevels(y, scratch.perBin);
  for (let level = windows.next(); level !== undefined; level = windows.next()) {
    scales.push(scaleResponse(windows, level, floor, white, scratch));
  }
  // Widths are visited narrow to wide, strongest peak first within a width: a peak is taken unless a peak already
  // taken lies within the smaller of their widths, which is that taken peak's width. Bins that close to a peak of
  // a narrower width are marked before a width is visited; within one width it is greedy suppression.
  const accepted: Peak[] = [];
  const near = new Uint8Array(y.length + 1);
  scales.forEach((scale, k) => {
    const open = scale.peaks.filter(
      (p) => (confirmedBy(scales[k + 1], p) || confirmedBy(scales[k - 1], p)) && near[p.bin] === 0,
    );
    const { positions, strengths } = scratch;
    open.forEach((p, i) => {
      positions[i] = p.bin;
      strengths[i] = Math.abs(p.d);
    });
    const taken = suppressNonMaxima(positions, strengths, open.length, scale.w);
    open.forEach((p, i) => {
      if (taken[i] === 0) return;
      accepted.push(p);
      near.fill(1, Math.max(0, p.bin - p.w), p.bin + p.w + 1);
    });
  });
  return accepted.map((p) => refineSplit(y, p.bin, p.w)).sort((a, b) => a - b);
}

/**
 * Room for what one width needs until its peaks are picked (no width has more windows than there are bins), and
 * for every width's responses, which last the whole scan (each width has at most as many as the one before, but
 * the two narrowest as many as there are bins: three times the bins hold them all). Reused from one scan to the
 * next: typed arrays are costly to make, and a run scans dozens of grids.
 */
interface Scratch {
  /** A value per bin: the differences of neighbours, then each width's window levels. */
  perBin: Float64Array;
  over: Int32Array;
  positions: Float64Array;
  strengths: Float64Array;
  responses: Float64Array;
  /** How much of `responses` is taken. */
  responsesUsed: number;
}

let reused: Scratch | undefined;

function scratchFor(bins: number): Scratch {
  if (reused === undefined || reused.perBin.length < bins) {
    reused = {
      perBin: new Float64Array(bins),
      over: new Int32Array(bins),
      positions: new Float64Array(bins),
      strengths: new Float64Array(bins),
      responses: new Float64Array(6 * bins),
      responsesUsed: 0,
    };
  }
  reused.responsesUsed = 0;
  return reused;
}

/** The next `length` values of the scratch's room for responses. */
function takeResponses(scratch: Scratch, length: number): Float64Array {
  const taken = scratch.responses.subarray(scratch.responsesUsed, scratch.responsesUsed + length);
  scratch.responsesUsed += length;
  return taken;
}

/** Whether a neighbouring width sees a peak's shift too, in the same direction and at half its own bar. */
function confirmedBy(other: ScaleResponse | undefined, p: Peak): boolean {
  if (other === undefined) return false;
  const d = responseNear(other, p.bin);
  return Math.sign(d) === Math.sign(p.d) && Math.abs(d) >= 0.5 * other.threshold;
}

/** Sample noise as if it were white, from consecutive differences: a lower bound on the real noise. */
function whiteNoiseSigma(y: Float64Array, scratch: Scratch): number {
  const d = scratch.perBin.subarray(0, Math.max(0, y.length - 1));
  for (let i = 1; i < y.length; i++) d[i - 1] = (y[i] as number) - (y[i - 1] as number);
  const sigma = robustSigma(d) / Math.SQRT2;
  return Number.isFinite(sigma) ? sigma : 0;
}

interface Peak {
  /** Position (bin) of the extreme. */
  bin: number;
  d: number;
  w: number;
}

interface ScaleResponse {
  w: number;
  /** Evaluated positions, ascending, at least `stride` apart (exactly, where the series has no gaps). */
  at: Float64Array;
  stride: number;
  d: Float64Array;
  threshold: number;
  peaks: Peak[];
}

/** The response of a scale at the evaluated position nearest to a bin (the earlier of two as near). */
function responseNear(scale: ScaleResponse, bin: number): number {
  const { at, d, stride } = scale;
  if (at.length === 0) return 0;
  // The first position at or after the bin is no further in than if there were no gaps: usually right there.
  let hi = Math.min(at.length, Math.max(0, Math.ceil((bin - (at[0] as number)) / stride)));
  let lo = hi > 0 && (at[hi - 1] as number) < bin ? hi : 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((at[mid] as number) < bin) lo = mid + 1;
    else hi = mid;
  }
  if (lo === at.length) return d[lo - 1] as number;
  if (lo === 0) return d[0] as number;
  const before = bin - (at[lo - 1] as number);
  const after = (at[lo] as number) - bin;
  return (after < before ? d[lo] : d[lo - 1]) as number;
}

/**
 * Difference of the levels of the w bins after and before each position, and its local extremes. The bar is
 * low on purpose (the lower of the responses' own spread and what white noise would give): candidates that
 * are not real shifts are merged away later, a shift missed here is lost.
 */
function scaleResponse(
  windows: WindowLevels,
  level: Float64Array,
  floor: number,
  white: number,
  scratch: Scratch,
): ScaleResponse {
  const { w, stride } = windows;
  // w is a multiple of the stride, so the window before one position is the window after another: each window's
  // level is read once, at window k = bins [k * stride, k * stride + w).
  const shift = w / stride;
  const at = takeResponses(scratch, Math.max(0, windows.count - shift));
  const d = takeResponses(scratch, at.length);
  let count = 0;
  for (let k = shift; k < windows.count; k++) {
    const after = level[k] as number;
    const before = level[k - shift] as number;
    if (Number.isFinite(after) && Number.isFinite(before)) {
      at[count] = k * stride;
      d[count++] = after - before;
    }
  }
  const response = { w, at: at.subarray(0, count), d: d.subarray(0, count) };
  const whiteBar = LEVEL_NOISE * white * Math.sqrt(2 / w);
  // When even the white-noise bar is under the floor, the floor is the bar whatever the responses' spread: about
  // half the widths need not read it.
  const threshold =
    count > 0 && 5 * whiteBar <= floor
      ? floor
      : Math.max(floor, 5 * Math.min(robustSigma(response.d), whiteBar));
  return { ...response, stride, threshold, peaks: peaksOf(response, threshold, scratch) };
}

/**
 * Local extremes of a response at or over the bar, in order of position: taken strongest first (of two as strong,
 * the earlier), each unless a stronger one taken lies within w / 2.
 */
function peaksOf(
  response: { w: number; at: Float64Array; d: Float64Array },
  threshold: number,
  scratch: Scratch,
): Peak[] {
  const { w, at, d } = response;
  const { over, positions, strengths } = scratch;
  let count = 0;
  for (let i = 0; i < d.length; i++) {
    const strength = Math.abs(d[i] as number);
    if (strength < threshold) continue;
    over[count] = i;
    positions[count] = at[i] as number;
    strengths[count++] = strength;
  }
  const taken = suppressNonMaxima(positions, strengths, count, w / 2);
  const peaks: Peak[] = [];
  for (let k = 0; k < count; k++) {
    if (taken[k] === 0) continue;
    const i = over[k] as number;
    peaks.push({ bin: at[i] as number, d: d[i] as number, w });
  }
  return peaks;
}

/** Best single split of [c - w, c + w): the classic two-sample mean contrast, over bins that hold samples. */
function refineSplit(y: Float64Array, c: number, w: number): number {
  const from = Math.max(0, c - w);
  const to = Math.min(y.length, c + w);
  let total = 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    const v = y[i] as number;
    if (Number.isFinite(v)) {
      total += v;
      n++;
    }
  }
  let best = c;
  let bestScore = -1;
  let left = 0;
  let nl = 0;
  for (let s = from + 1; s < to; s++) {
    const v = y[s - 1] as number;
    if (Number.isFinite(v)) {
      left += v;
      nl++;
    }
    const nr = n - nl;
    if (nl === 0 || nr === 0 || !Number.isFinite(y[s] as number)) continue;
    const score = Math.abs(left / nl - (total - left) / nr) * Math.sqrt((nl * nr) / n);
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}
