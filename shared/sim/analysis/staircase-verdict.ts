// Reads the settled levels around restarts as a shape: a staircase that keeps climbing (leak), one that collections
// cut back (sawtooth), a rise that stops or passes (blip), or nothing lasting (flat); with a confidence and a line.

import { formatBytes, formatSignedBytes } from './format-bytes';
import { quantile } from './robust-statistics';

export type Verdict = 'leak' | 'sawtooth' | 'blip' | 'flat';

/** The levels of one stretch of a single JVM (between fresh starts). */
export interface SegmentLevels {
  /** Settled level before the segment's first restart; NaN when the segment opens with a restart. */
  baseline: number;
  /** Settled level after each restart of the segment, in order (NaN where the interval holds no samples). */
  levels: number[];
}

export interface VerdictEvidence {
  segments: SegmentLevels[];
  /** Smallest change that counts, in the series' unit. */
  threshold: number;
  /** Per restart, how far the start of the interval rose above where it settled. */
  earlyExcess: number[];
  /** The same comparison between the halves of settled parts (settled-levels.ts): how often chance lifts one. */
  controlExcess?: number[];
  limit?: number | undefined;
}

export interface VerdictReading {
  verdict: Verdict;
  retainedBytesPerRestart: number;
  leakingRestarts: number;
  resets: number;
  confidence: number;
  summary: string;
}

interface StepReading {
  positives: number[];
  /** Restart ordinal (0-based over all restarts) of each positive step. */
  positiveAt: number[];
  resets: number;
  sumPositive: number;
  netRise: number;
  largestAbsStep: number;
  restarts: number;
  /** Restarts spent stuck at the top after the level stopped climbing (an OOM loop adds nothing). */
  stuck: number;
  /** The stuck level and the restart ordinal that reached it (of the first segment that got stuck). */
  stuckLevel: number;
  stuckFrom: number;
  /** Whether the stuck level is the limit (the next step would not fit under it). */
  stuckAtLimit: boolean;
}

/** The levels of one segment with each restart's ordinal over the whole series; NaN levels dropped. */
function orderedLevels(evidence: VerdictEvidence): { baseline: number; levels: [number, number][] }[] {
  let ordinal = 0;
  return evidence.segments.map((segment) => ({
    baseline: segment.baseline,
    levels: segment.levels
      .map((level): [number, number] => [ordinal++, level])
      .filter(([, level]) => Number.isFinite(level)),
  }));
}

function readSteps(evidence: VerdictEvidence): StepReading {
  const tau = evidence.threshold;
  const segments = orderedLevels(evidence);
  const r: StepReading = {
    positives: [],
    positiveAt: [],
    resets: 0,
    sumPositive: 0,
    netRise: 0,
    largestAbsStep: 0,
    restarts: evidence.segments.reduce((n, s) => n + s.levels.length, 0),
    stuck: 0,
    stuckLevel: Number.NaN,
    stuckFrom: -1,
    stuckAtLimit: false,
  };
  for (const { baseline, levels } of segments) {
    let previous = baseline;
    // The episode base is where the current climb started: the segment's start, or the level after a reset.
    let base = baseline;
    let climbSteps = 0;
    for (const [ordinal, level] of levels) {
      if (!Number.isFinite(base)) base = level;
      if (Number.isFinite(previous)) {
        const step = level - previous;
        const climb = previous - base;
        r.largestAbsStep = Math.max(r.largestAbsStep, Math.abs(step));
        if (step > tau) {
          r.positives.push(step);
          r.positiveAt.push(ordinal);
          r.sumPositive += step;
          climbSteps++;
        } else if (step < -tau && climbSteps > 0 && climb > tau && -step >= 0.5 * climb) {
          r.resets++;
          base = level;
          climbSteps = 0;
        }
      }
      base = Math.min(base, level);
      previous = level;
    }
    const first = Number.isFinite(baseline) ? baseline : levels[0]?.[1];
    const last = levels[levels.length - 1]?.[1];
    if (first !== undefined && last !== undefined) r.netRise += last - first;
  }
  readStuck(r, segments, evidence);
  return r;
}

/**
 * A staircase that reaches a limit stops: every later open() fails with a direct OOM and the level stays at the
 * top (seed: "OOM errors ... led to repeated task failures"). A segment is stuck when its last three or more
 * levels sit within the threshold of its peak after at least two lasting rises; with a limit given, only if the
 * next step would not have fitted under it.
 */
function readStuck(
  r: StepReading,
  segments: ReturnType<typeof orderedLevels>,
  evidence: VerdictEvidence,
): void {
  const tau = evidence.threshold;
  const step =
    r.positives.length > 0
      ? quantile(
          [...r.positives].sort((a, b) => a - b),
          0.5,
        )
      : 0;
  for (const { levels } of segments) {
    const peak = Math.max(...levels.map(([, level]) => level));
    let run = 0;
    while (run < levels.length && (levels[levels.length - 1 - run]?.[1] as number) >= peak - tau) run++;
    const reachedAt = levels[levels.length - run]?.[0] ?? -1;
    const risesBefore = r.positiveAt.filter((at) => at <= reachedAt && at > (levels[0]?.[0] ?? 0) - 1).length;
    if (run < 3 || risesBefore < 2) continue;
    const atLimit = evidence.limit !== undefined && peak + step + tau >= evidence.limit;
    if (evidence.limit !== undefined && !atLimit) continue;
    r.stuck += run - 1;
    // The first time is the one to tell: later JVMs (after fresh starts) only repeat it.
    if (r.stuckFrom >= 0) continue;
    r.stuckLevel = peak;
    r.stuckFrom = reachedAt;
    r.stuckAtLimit = atLimit;
  }
}

/** 0 at the threshold, 1 at four times it. */
function strength(amount: number, tau: number): number {
  return Math.min(1, Math.max(0, (amount / tau - 1) / 3));
}

/**
 * Confidence, 0..1:
 * - leak / sawtooth: evidence x size x regularity. Evidence = 1 - 0.5^(positive steps - 1) (two steps 0.5,
 *   five 0.94); size = 0.5 + 0.5 x strength of the median step against the threshold; regularity = 0.7 + 0.3 x
 *   (1 - interquartile range of the steps / their median).
 * - blip: 0.5 + 0.4 x strength of the rise (a blip is by nature a weaker claim).
 * - flat: 0.4 + 0.6 x margin x coverage, margin = 1 - largest step / threshold, coverage = 1 - 0.5^restarts
 *   (without restarts a staircase cannot show, so a flat call rests on the series alone and stays at 0.4-0.7).
 */
export function readVerdict(evidence: VerdictEvidence): VerdictReading {
  const tau = evidence.threshold;
  const s = readSteps(evidence);
  const pos = [...s.positives].sort((a, b) => a - b);
  const medianPos = pos.length > 0 ? quantile(pos, 0.5) : 0;
  const active = Math.max(1, s.restarts - s.stuck);
  const lastPositive = s.positiveAt[s.positiveAt.length - 1] ?? -1;
  const keepsGrowing = pos.length >= 3 || (pos.length >= 2 && (lastPositive >= active / 2 || s.stuck > 0));
  const regularity =
    pos.length > 0 ? 1 - Math.min(1, (quantile(pos, 0.75) - quantile(pos, 0.25)) / medianPos) : 0;
  const stairConfidence =
    (1 - 0.5 ** (pos.length - 1)) * (0.5 + 0.5 * strength(medianPos, tau)) * (0.7 + 0.3 * regularity);

  if (s.resets > 0 && pos.length >= 2 && pos.length > s.resets - 1) {
    return {
      verdict: 'sawtooth',
      retainedBytesPerRestart: medianPos,
      leakingRestarts: pos.length,
      resets: s.resets,
      confidence: clamp01(stairConfidence),
      summary: `sawtooth: ${formatSignedBytes(medianPos)} per restart, cut back ${s.resets}× by garbage collection`,
    };
  }
  if (s.resets === 0 && keepsGrowing && s.netRise >= 0.6 * s.sumPositive) {
    const where =
      pos.length < active - 1 ? `retained on ${pos.length} of ${active} restarts` : 'retained per restart';
    const atLimit =
      s.stuck === 0
        ? ''
        : s.stuckAtLimit && evidence.limit !== undefined
          ? `, at the limit (${formatBytes(evidence.limit)}) from restart ${s.stuckFrom + 1}`
          : `, stuck at ${formatBytes(s.stuckLevel)} from restart ${s.stuckFrom + 1} (a limit?)`;
    return {
      verdict: 'leak',
      retainedBytesPerRestart: medianPos,
      leakingRestarts: pos.length,
      resets: 0,
      confidence: clamp01(stairConfidence),
      summary: `leak: ${formatSignedBytes(medianPos)} ${where}, ${restartCount(s.restarts)}${atLimit}`,
    };
  }
  const small = readSmallSteps(evidence, s);
  if (small) return small;
  const blip = readBlip(evidence, s, pos);
  if (blip) return blip;
  const margin = 1 - Math.min(1, s.largestAbsStep / tau);
  const coverage = 1 - 0.5 ** s.restarts;
  return {
    verdict: 'flat',
    retainedBytesPerRestart: 0,
    leakingRestarts: 0,
    resets: s.resets,
    confidence: clamp01(0.4 + 0.6 * margin * coverage),
    summary: s.restarts > 0 ? `flat: no lasting change across ${restartCount(s.restarts)}` : 'flat',
  };
}

/**
 * A staircase of steps each too small to count alone: a library leaving 1-2 MiB for a GC that does not come,
 * under RPC buffers that move the level nearly as much. The threshold is four standard deviations of the
 * difference of two levels, and the net rise (last level minus the first) is one such difference: one and a half
 * thresholds of it (six deviations) is no noise. When the rise without its largest step still clears the threshold
 * (four more), no single step accounts for it: several restarts built it, not one (a one-off rise is a blip). Steps
 * are then those over half the threshold (two deviations), at least two of them; the climb must be kept (as for
 * a leak: most of what was added is still there) and uncut by any reset.
 */
function readSmallSteps(evidence: VerdictEvidence, whole: StepReading): VerdictReading | undefined {
  const tau = evidence.threshold;
  if (whole.resets > 0 || whole.netRise < 1.5 * tau) return undefined;
  const s = readSteps({ ...evidence, threshold: tau / 2 });
  const pos = [...s.positives].sort((a, b) => a - b);
  const largest = pos[pos.length - 1] ?? 0;
  if (s.resets > 0 || pos.length < 2 || whole.netRise - largest < tau || s.netRise < 0.6 * s.sumPositive) {
    return undefined;
  }
  const medianPos = quantile(pos, 0.5);
  const active = Math.max(1, s.restarts - s.stuck);
  const where =
    pos.length < active - 1 ? `retained on ${pos.length} of ${active} restarts` : 'retained per restart';
  const regularity = 1 - Math.min(1, (quantile(pos, 0.75) - quantile(pos, 0.25)) / medianPos);
  return {
    verdict: 'leak',
    retainedBytesPerRestart: medianPos,
    leakingRestarts: pos.length,
    resets: 0,
    // As for a staircase of full steps, the size read against the threshold the steps were counted at.
    confidence: clamp01(
      (1 - 0.5 ** (pos.length - 1)) * (0.5 + 0.5 * strength(medianPos, tau / 2)) * (0.7 + 0.3 * regularity),
    ),
    summary: `leak: ${formatSignedBytes(medianPos)} ${where} (small steps, ${formatSignedBytes(s.netRise)} in all), ${restartCount(s.restarts)}`,
  };
}

/** A rise that stops (one restart leaves something) or passes (a transient right after restarts). */
function readBlip(evidence: VerdictEvidence, s: StepReading, pos: number[]): VerdictReading | undefined {
  const tau = evidence.threshold;
  const lasting = pos.length > 0 ? Math.max(...pos) : 0;
  // Most restarts (two in three, and at least three) must show it: random RPC spikes lift an early window now
  // and then.
  const excess = evidence.earlyExcess.filter(Number.isFinite).sort((a, b) => a - b);
  const typical = excess.length >= 3 ? quantile(excess, 1 / 3) : 0;
  const lifted = excess.filter((e) => e > tau);
  const transient =
    typical > tau
      ? quantile(excess, 0.5)
      : liftedBeyondChance(lifted.length, excess.length, evidence.controlExcess ?? [], tau)
        ? quantile(lifted, 0.5)
        : 0;
  if (lasting === 0 && transient === 0) return undefined;
  const then = s.netRise >= 0.5 * s.sumPositive ? 'then flat' : 'then back';
  const summary =
    lasting === 0
      ? `blip: ${formatSignedBytes(transient)} right after restarts, settles back`
      : pos.length === 1
        ? `blip: ${formatSignedBytes(lasting)} ${then === 'then flat' ? 'once' : 'after one restart'}, ${then}`
        : `blip: ${formatSignedBytes(s.sumPositive)} over ${pos.length} restarts, ${then}`;
  return {
    verdict: 'blip',
    // The same definition as for a staircase (median of the lasting steps), so 0 when the rise only passes.
    retainedBytesPerRestart: pos.length > 0 ? quantile(pos, 0.5) : 0,
    leakingRestarts: pos.length,
    resets: s.resets,
    confidence: clamp01(0.5 + 0.4 * strength(Math.max(lasting, transient), tau)),
    summary,
  };
}

/**
 * Whether `lifted` of `n` early parts standing out by more than the threshold is more than chance: a scrape slower
 * than a transient lasts catches it after some restarts only (a 5 s hold scraped every 15 s: one restart in three),
 * so "most restarts" cannot be asked; what can be asked is whether early parts stand out more often than windows
 * as long where no restart is (the control comparisons). The chance of one standing out is estimated from the
 * controls, with half a count added either way so none standing out does not make it zero; the early parts are
 * lifted beyond chance when at least two are and so many or more would happen by chance at most once in a hundred
 * series (binomial tail).
 */
function liftedBeyondChance(lifted: number, n: number, controls: readonly number[], tau: number): boolean {
  const finite = controls.filter(Number.isFinite);
  if (lifted < 2 || finite.length === 0) return false;
  const chance = (finite.filter((c) => c > tau).length + 0.5) / (finite.length + 1);
  return binomialTail(n, lifted, chance) <= CHANCE_LEVEL;
}

/** How rarely chance may be what lifted the early parts. */
const CHANCE_LEVEL = 0.01;

/** P(X >= k) for X ~ Binomial(n, p). */
export function binomialTail(n: number, k: number, p: number): number {
  let term = (1 - p) ** n;
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}

function restartCount(n: number): string {
  return n === 1 ? '1 restart' : `${n} restarts`;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
