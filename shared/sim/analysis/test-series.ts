// Seeded generator of realistic memory series for the analysis tests: staircases, saw-tooths, blips and flat
// lines, dressed in the noise, GC ramps, RPC spikes, missed and late samples that real scrapes carry.

import { Prng } from '../random/prng';

/** Uniform draws in [0, 1) from the simulator's seeded generator. */
export function seededRandom(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}

/** Standard normal draw (Box-Muller). */
export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export const MiB = 2 ** 20;

export interface SeriesRecipe {
  seed: number;
  durationSec: number;
  sampleSec: number;
  /** Level with nothing retained (network pool, framework off-heap...). */
  baseline: number;
  /** Evenly spaced restarts over the run (the first after one interval). */
  restarts: number;
  /** Bytes a leaking restart retains. */
  retainedPerRestart?: number;
  /** Chance that a restart leaks (1: every one). */
  leakChance?: number;
  /** Only this restart (0-based) retains `retainedPerRestart`: a one-off rise. */
  oneOffAt?: number;
  /** Direct-memory limit: with `resetByFullGc` a reservation over it runs a full GC that frees what leaked
   * (saw-tooth); without, the level stops at the limit (OOM loop). */
  limit?: number;
  resetByFullGc?: boolean;
  /** Gaussian noise, standard deviation in bytes. */
  noise?: number;
  /** Transient garbage reclaimed by young GCs: a ramp of this height every `gcPeriodSec`, then a drop. */
  gcRamp?: number;
  gcPeriodSec?: number;
  /** Large RPC payloads: short spikes of this height, about `rpcPerMinute` a minute, each `rpcSec` long. */
  rpcSpike?: number;
  rpcPerMinute?: number;
  rpcSec?: number;
  /** A rise right after each restart that is gone after `transientSec`. */
  afterRestartSpike?: number;
  transientSec?: number;
  /** Share of samples lost, and long gaps with no sample at all. */
  missingShare?: number;
  gaps?: [number, number][];
  /** Sampling interval drawn from [0.5, 1.5] x sampleSec instead of fixed. */
  irregular?: boolean;
  /** Share of samples delivered late: stamped up to 3 intervals later and out of order. */
  lateShare?: number;
  /** Restarts handed to the analysis this far from where the series steps (signs alternate). */
  restartOffsetSec?: number;
  /** Fresh JVM starts: everything retained is gone. */
  freshStartsSec?: number[];
}

export interface GeneratedSeries {
  timesSec: Float64Array;
  values: Float64Array;
  /** True restart times. */
  trueRestartsSec: number[];
  /** Restarts as a caller would pass them (shifted by restartOffsetSec). */
  givenRestartsSec: number[];
  freshStartsSec: number[];
}

export function generateSeries(recipe: SeriesRecipe): GeneratedSeries {
  const random = seededRandom(recipe.seed);
  const interval = recipe.durationSec / (recipe.restarts + 1);
  const restarts = Array.from({ length: recipe.restarts }, (_, k) => (k + 1) * interval);
  const fresh = recipe.freshStartsSec ?? [];
  const retainedAfter = retainedPerInterval(recipe, restarts, fresh, random);
  const spikes = rpcSpikes(recipe, random);
  const times: number[] = [];
  const values: number[] = [];
  const phase = random() * (recipe.gcPeriodSec ?? 1);
  for (let t = 0; t < recipe.durationSec; ) {
    const interval = intervalAt(restarts, fresh, t);
    let v = recipe.baseline + (retainedAfter[interval.index] ?? 0);
    if (recipe.gcRamp && recipe.gcPeriodSec) v += recipe.gcRamp * frac((t + phase) / recipe.gcPeriodSec);
    if (recipe.afterRestartSpike && interval.sinceRestart < (recipe.transientSec ?? 0))
      v += recipe.afterRestartSpike;
    for (const s of spikes) if (t >= s && t < s + (recipe.rpcSec ?? 1)) v += recipe.rpcSpike ?? 0;
    v += (recipe.noise ?? 0) * gaussian(random);
    const lost =
      random() < (recipe.missingShare ?? 0) || (recipe.gaps ?? []).some(([a, b]) => t >= a && t < b);
    if (!lost) {
      const late = random() < (recipe.lateShare ?? 0);
      times.push(late ? t + random() * 3 * recipe.sampleSec : t);
      values.push(v);
    }
    t += recipe.irregular ? recipe.sampleSec * (0.5 + random()) : recipe.sampleSec;
  }
  const offset = recipe.restartOffsetSec ?? 0;
  return {
    timesSec: Float64Array.from(times),
    values: Float64Array.from(values),
    trueRestartsSec: restarts,
    givenRestartsSec: restarts.map((r, k) => r + (k % 2 === 0 ? offset : -offset)),
    freshStartsSec: fresh,
  };
}

/** What is retained during each interval (index 0 = before the first restart). */
function retainedPerInterval(
  recipe: SeriesRecipe,
  restarts: number[],
  fresh: number[],
  random: () => number,
): number[] {
  const step = recipe.retainedPerRestart ?? 0;
  const out = [0];
  let retained = 0;
  let freshSeen = 0;
  restarts.forEach((r, k) => {
    const freshBefore = fresh.filter((f) => f <= r).length;
    if (freshBefore > freshSeen) {
      retained = 0;
      freshSeen = freshBefore;
    }
    const leaks = recipe.oneOffAt !== undefined ? k === recipe.oneOffAt : random() < (recipe.leakChance ?? 1);
    if (leaks) retained += step;
    if (recipe.limit !== undefined && recipe.baseline + retained > recipe.limit) {
      // The reservation fails: a full GC frees every dropped map (saw-tooth), or the level sticks at the limit.
      retained = recipe.resetByFullGc ? step : recipe.limit - recipe.baseline;
    }
    out.push(retained);
  });
  return out;
}

/** Which interval holds t, and how long since the restart or fresh start that opened it. */
function intervalAt(restarts: number[], fresh: number[], t: number): { index: number; sinceRestart: number } {
  let index = 0;
  while (index < restarts.length && (restarts[index] as number) <= t) index++;
  const lastFresh = Math.max(-Infinity, ...fresh.filter((f) => f <= t));
  const opened = index > 0 ? (restarts[index - 1] as number) : -Infinity;
  // After a fresh start and before the next restart, nothing is retained: report it as interval -1 (level 0).
  if (lastFresh > opened) return { index: -1, sinceRestart: Infinity };
  return { index, sinceRestart: t - opened };
}

function rpcSpikes(recipe: SeriesRecipe, random: () => number): number[] {
  const count = Math.round(((recipe.rpcPerMinute ?? 0) * recipe.durationSec) / 60);
  return Array.from({ length: count }, () => random() * recipe.durationSec);
}

function frac(x: number): number {
  return x - Math.floor(x);
}
