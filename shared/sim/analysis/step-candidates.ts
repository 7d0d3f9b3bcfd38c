// Where a series might shift level: a multi-scale scan that over-reports on purpose, since restart-detection.ts
// merges what does not last, while a shift missed here is lost.

import { levelOf } from './memory-level';
import { robustSigma } from './robust-statistics';

/** Standard error of a sample lower quartile (the level, see memory-level.ts) of n normal values: about
 * 1.36 sigma / sqrt(n). */
export const LEVEL_NOISE = 1.36;

/**
 * Candidate split bins. At widths w = 2, 4, 8 ... bins, the level of the w bins after each position minus that
 * of the w bins before; its extremes are candidates when a neighbouring width (w/2 or 2w) sees the same shift
 * at half its own bar: a spike narrower than w vanishes at 2w, a GC ramp evens out, noise does not repeat.
 */
export function locateCandidates(y: Float64Array, floor: number): number[] {
  const white = whiteNoiseSigma(y);
  const scales: ScaleResponse[] = [];
  for (let w = 2; 4 * w <= y.length; w *= 2) scales.push(scaleResponse(y, w, floor, white));
  const accepted: Peak[] = [];
  scales.forEach((scale, k) => {
    for (const p of scale.peaks) {
      const confirmed = [scales[k + 1], scales[k - 1]].some((other) => {
        const d = other ? responseNear(other, p.bin) : 0;
        return other !== undefined && Math.sign(d) === Math.sign(p.d) && Math.abs(d) >= 0.5 * other.threshold;
      });
      if (!confirmed) continue;
      if (accepted.some((a) => Math.abs(a.bin - p.bin) <= Math.min(a.w, p.w))) continue;
      accepted.push(p);
    }
  });
  return accepted.map((p) => refineSplit(y, p.bin, p.w)).sort((a, b) => a - b);
}

/** Sample noise as if it were white, from consecutive differences: a lower bound on the real noise. */
function whiteNoiseSigma(y: Float64Array): number {
  const d: number[] = [];
  for (let i = 1; i < y.length; i++) d.push((y[i] as number) - (y[i - 1] as number));
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
  at: number[];
  d: number[];
  threshold: number;
  peaks: Peak[];
}

/** The response of a scale at the evaluated position nearest to a bin. */
function responseNear(scale: ScaleResponse, bin: number): number {
  let best = 0;
  let distance = Number.POSITIVE_INFINITY;
  scale.at.forEach((at, i) => {
    if (Math.abs(at - bin) < distance) {
      distance = Math.abs(at - bin);
      best = scale.d[i] as number;
    }
  });
  return best;
}

/**
 * Difference of the levels of the w bins after and before each position, and its local extremes. The bar is
 * low on purpose (the lower of the responses' own spread and what white noise would give): candidates that
 * are not real shifts are merged away later, a shift missed here is lost.
 */
function scaleResponse(y: Float64Array, w: number, floor: number, white: number): ScaleResponse {
  const stride = Math.max(1, Math.floor(w / 4));
  const at: number[] = [];
  const d: number[] = [];
  for (let j = w; j + w <= y.length; j += stride) {
    const after = levelOf(y, j, j + w);
    const before = levelOf(y, j - w, j);
    if (Number.isFinite(after) && Number.isFinite(before)) {
      at.push(j);
      d.push(after - before);
    }
  }
  const threshold = Math.max(floor, 5 * Math.min(robustSigma(d), LEVEL_NOISE * white * Math.sqrt(2 / w)));
  const order = d.map((_, i) => i).sort((a, b) => Math.abs(d[b] as number) - Math.abs(d[a] as number));
  const peaks: Peak[] = [];
  for (const i of order) {
    const di = d[i] as number;
    if (Math.abs(di) < threshold) break;
    const bin = at[i] as number;
    if (peaks.some((p) => Math.abs(p.bin - bin) <= w / 2)) continue;
    peaks.push({ bin, d: di, w });
  }
  return { w, at, d, threshold, peaks };
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
