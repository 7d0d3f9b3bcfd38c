// The piecewise-constant fit the merge rounds of restart-detection.ts work on: the segments between cuts with their
// levels, and per cut its step, the bar that step must clear and how strong it is. Dropping cuts changes only the
// segments they joined and the cuts beside those, so only those are computed again.

import type { GridSegments } from './grid-segments';
import { LEVEL_NOISE } from './step-candidates';

/** A step must exceed this many interquartile ranges of the samples around it: GC ramps and RPC buffers come and
 * go without being shifts. */
export const SPREAD_SHARE = 1.5;

/** Share of a shift's height that must happen right at its cut. */
const SHARPNESS = 0.75;

export class LevelFit {
  /** Segment k is [bounds[k], bounds[k + 1]); cut k is bounds[k + 1]. */
  bounds: Int32Array;
  /** Per segment. */
  readonly levels: Float64Array;
  /** Per cut: the level after it minus the level before. */
  readonly heights: Float64Array;
  /** Per cut, the height its step needs to count: five standard errors of the difference of its two levels, and
   * more than the samples' own spread around it. */
  readonly thresholds: Float64Array;
  /** Per cut, how far its step clears the bar (see strengthOf): 1 is just enough. */
  readonly strengths: Float64Array;
  /** Per segment, whether it is new (joined by dropped cuts) since its level and its cuts were computed. */
  private readonly changed: Uint8Array;

  constructor(
    private readonly segments: GridSegments,
    cuts: Int32Array,
    private readonly floor: number,
  ) {
    // Rounds only drop cuts: the arrays of the first fit hold every later one.
    this.bounds = new Int32Array(cuts.length + 2);
    this.bounds.set(cuts, 1);
    this.bounds[cuts.length + 1] = segments.y.length;
    this.levels = new Float64Array(cuts.length + 1);
    this.heights = new Float64Array(cuts.length);
    this.thresholds = new Float64Array(cuts.length);
    this.strengths = new Float64Array(cuts.length);
    this.changed = new Uint8Array(cuts.length + 1).fill(1);
    this.update();
  }

  get cutCount(): number {
    return this.bounds.length - 2;
  }

  /** Drops the cuts k for which `dropped(k)` holds, joining the segments either side of each. */
  drop(dropped: (k: number) => boolean): void {
    const cutCount = this.cutCount;
    // Kept cuts move down over dropped ones (never past one not yet read), taking what was computed for them.
    let kept = 0;
    // Whether the segment being built (up to the next kept cut) joins segments across a dropped cut.
    let joined = false;
    for (let k = 0; k < cutCount; k++) {
      if (dropped(k)) {
        joined = true;
        continue;
      }
      this.changed[kept] = joined ? 1 : 0;
      this.bounds[kept + 1] = this.bounds[k + 1] as number;
      this.heights[kept] = this.heights[k] as number;
      this.thresholds[kept] = this.thresholds[k] as number;
      this.strengths[kept] = this.strengths[k] as number;
      this.levels[kept + 1] = this.levels[k + 1] as number;
      kept++;
      joined = false;
    }
    this.changed[kept] = joined ? 1 : 0;
    this.bounds[kept + 1] = this.bounds[cutCount + 1] as number;
    this.bounds = this.bounds.subarray(0, kept + 2);
    this.update();
  }

  /** Levels of the changed segments; steps, bars and strengths of the cuts beside them. */
  private update(): void {
    const { bounds, changed, segments } = this;
    const cutCount = this.cutCount;
    for (let k = 0; k <= cutCount; k++) {
      if (changed[k] === 1) this.levels[k] = segments.level(bounds[k] as number, bounds[k + 1] as number);
    }
    for (let k = 0; k < cutCount; k++) {
      if (changed[k] === 0 && changed[k + 1] === 0) continue;
      this.heights[k] = (this.levels[k + 1] as number) - (this.levels[k] as number);
      this.thresholds[k] = this.thresholdOf(k);
      this.strengths[k] = this.strengthOf(k);
    }
    changed.fill(0, 0, cutCount + 1);
  }

  /**
   * The bar for the step at cut k. The spread behind a step is that of the short windows inside its two segments:
   * local, because a series can be calm in one regime and busy in another (an OOM loop holds the level still, a
   * running job moves it), and short, because too many cuts cannot shrink it and a shift not yet cut spoils only
   * the few windows that straddle it. Noise that is not white (GC ramps, slow wander) is covered by the spread
   * term: a level does not wander further than its samples spread.
   */
  private thresholdOf(k: number): number {
    const { bounds, segments } = this;
    const spread = segments.spreadOver(bounds[k] as number, bounds[k + 2] as number);
    const behind =
      1 / Math.max(1, segments.count(bounds[k] as number, bounds[k + 1] as number)) +
      1 / Math.max(1, segments.count(bounds[k + 1] as number, bounds[k + 2] as number));
    // However many samples stand behind two levels, a step inside the samples' own spread is not a shift.
    return Math.max(this.floor, SPREAD_SHARE * spread, 5 * LEVEL_NOISE * (spread / 1.35) * Math.sqrt(behind));
  }

  /**
   * A shift is as strong as the smaller of its height and its jump at the cut over SHARPNESS, the jump read from
   * each side's trend extended to the cut: a ramp (garbage piling up before a GC) climbs as far between cuts as a
   * step, but its trend runs straight through every cut.
   */
  private strengthOf(k: number): number {
    const { bounds, segments } = this;
    const h = this.heights[k] as number;
    const left = segments.trendAtEnd(bounds[k] as number, bounds[k + 1] as number);
    const right = segments.trendAtStart(bounds[k + 1] as number, bounds[k + 2] as number);
    const jump = right - left;
    const sharp = Number.isFinite(jump)
      ? Math.sign(jump) === Math.sign(h)
        ? Math.abs(jump) / SHARPNESS
        : 0
      : Math.abs(h);
    return Math.min(Math.abs(h), sharp) / (this.thresholds[k] as number);
  }
}
