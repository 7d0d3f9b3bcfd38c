// The staircase analysis of a process's resident memory (RSS): memory kept across restarts that the direct pool
// does not count (Unsafe.allocateMemory, as ChronicleMap's in-memory store and Netty's no-cleaner arenas use) shows
// only here. The same analysis as for Direct.MemoryUsed, once each JVM's warm-up is left out: a fresh JVM's RSS
// climbs for minutes as it touches its heap (-Xms only reserves it), fills its code cache and its native pools, and
// that climb is not a leak.

import { analyzeStaircase, type StaircaseInput, type StaircaseResult } from './staircase';

export interface ResidentInput extends StaircaseInput {
  /**
   * When JVMs started, in the series' seconds: the fresh starts, plus the series' own start if the recording began
   * with the JVM. Each start's first `warmUpSec` are left out. Omitted: the fresh starts only.
   */
  jvmStartsSec?: readonly number[];
  /** How long a JVM's RSS may climb after it starts without that being a leak; 0 keeps every sample. */
  warmUpSec: number;
}

/** The values with every sample in [start, start + warmUpSec) of some JVM start set to NaN (missing). */
export function maskWarmUp(
  timesSec: ArrayLike<number>,
  values: ArrayLike<number>,
  jvmStartsSec: readonly number[],
  warmUpSec: number,
): Float64Array {
  const out = Float64Array.from(values);
  if (warmUpSec <= 0 || jvmStartsSec.length === 0) return out;
  for (let i = 0; i < out.length; i++) {
    const t = timesSec[i] as number;
    for (const start of jvmStartsSec) {
      if (t >= start && t < start + warmUpSec) {
        out[i] = Number.NaN;
        break;
      }
    }
  }
  return out;
}

/** Reads an RSS series across restarts: leak, sawtooth, blip or flat, as analyzeStaircase reads direct memory. */
export function analyzeResidentMemory(input: ResidentInput): StaircaseResult {
  const { jvmStartsSec, warmUpSec, ...staircase } = input;
  const starts = jvmStartsSec ?? input.freshStartsSec ?? [];
  return analyzeStaircase({
    ...staircase,
    values: maskWarmUp(input.timesSec, input.values, starts, warmUpSec),
  });
}
