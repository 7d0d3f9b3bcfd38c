// Reads a memory soak of Peel's own server with Peel's own resident-memory analysis: the question the seed job's
// engineers asked of Direct.MemoryUsed ("does each cycle keep something?"), asked of Peel across many runs.
//
// The analysis reads a staircase across restarts; a server has no restarts, so the soak is cut into cycles of equal
// run counts and each cycle boundary is handed to the analysis as a restart. A server that keeps something per run
// settles higher each cycle (a leak); one that does not settles at the same level (flat). The analysis's clock is
// the run count, not seconds: the question is per run, and a run's wall time varies with the machine's load.
import { analyzeResidentMemory } from '../../shared/sim/analysis/resident-memory';
import { median } from '../../shared/sim/analysis/robust-statistics';
import type { StaircaseVerdict } from '../../shared/sim/analysis/staircase';

export interface RssSample {
  /** Runs stored so far when the sample was taken (0 before the first). */
  runs: number;
  rssBytes: number;
  /** Wall clock, epoch milliseconds: the CSV's time column. */
  atMs: number;
}

export interface SoakPlan {
  runs: number;
  /** A sample every this many runs. */
  sampleEvery: number;
  /** Runs per cycle: each boundary is a restart for the analysis. */
  cycleRuns: number;
  /** The first cycle's runs are the server's warm-up (JIT, SQLite's page cache, V8's heap growing to its working size). */
  warmUpRuns: number;
}

/** Fewer runs leave too few cycles and samples for the analysis to tell a staircase from noise. */
export const MIN_SOAK_RUNS = 100;
const CYCLES = 10;
const SAMPLES_PER_CYCLE = 10;

/** The plan for `runs` runs: ten cycles of ten samples, the first cycle being the warm-up. */
export function planSoak(runs: number): SoakPlan {
  if (!Number.isInteger(runs) || runs < MIN_SOAK_RUNS) {
    throw new Error(`soak: the run count must be a whole number of at least ${MIN_SOAK_RUNS}, got ${runs}`);
  }
  const cycleRuns = Math.floor(runs / CYCLES);
  const sampleEvery = Math.max(1, Math.floor(cycleRuns / SAMPLES_PER_CYCLE));
  return { runs, sampleEvery, cycleRuns, warmUpRuns: cycleRuns };
}

/** The run count from an environment variable's text, or the default when unset; bad text is refused by name. */
export function soakRunsFrom(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text.trim() === '') return fallback;
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < MIN_SOAK_RUNS) {
    throw new Error(`${name}: expected a whole number of runs, at least ${MIN_SOAK_RUNS}, got '${text}'`);
  }
  return runs;
}

/** Theil–Sen slope (the median of the slopes between every pair): one GC's drop or a late spike cannot tilt it. */
export function theilSenSlope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length)
    throw new Error(`theilSenSlope: ${xs.length} x values but ${ys.length} y values`);
  const slopes: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const dx = (xs[j] as number) - (xs[i] as number);
      if (dx !== 0) slopes.push(((ys[j] as number) - (ys[i] as number)) / dx);
    }
  }
  return slopes.length === 0 ? 0 : median(slopes);
}

export interface SoakReading {
  verdict: StaircaseVerdict;
  summary: string;
  confidence: number;
  /** Theil–Sen slope of RSS after the warm-up, bytes per 100 runs. */
  slopeBytesPer100Runs: number;
  /** RSS at the end of the warm-up and at the end, bytes (medians of the cycle's samples). */
  afterWarmUpBytes: number;
  endBytes: number;
  peakBytes: number;
}

export function readSoak(samples: readonly RssSample[], plan: SoakPlan): SoakReading {
  if (samples.length < CYCLES) {
    throw new Error(`soak: ${samples.length} samples are too few to read (at least ${CYCLES} are needed)`);
  }
  const last = samples.at(-1)?.runs ?? 0;
  const restartsSec: number[] = [];
  for (let at = plan.cycleRuns; at < last; at += plan.cycleRuns) restartsSec.push(at);
  const result = analyzeResidentMemory({
    timesSec: samples.map((s) => s.runs),
    values: samples.map((s) => s.rssBytes),
    restartsSec,
    jvmStartsSec: [0],
    warmUpSec: plan.warmUpRuns,
  });
  const settled = samples.filter((s) => s.runs >= plan.warmUpRuns);
  const slope = theilSenSlope(
    settled.map((s) => s.runs),
    settled.map((s) => s.rssBytes),
  );
  const cycleMedian = (from: number, to: number) =>
    median(samples.filter((s) => s.runs >= from && s.runs <= to).map((s) => s.rssBytes));
  return {
    verdict: result.verdict,
    summary: result.summary,
    confidence: result.confidence,
    slopeBytesPer100Runs: slope * 100,
    afterWarmUpBytes: cycleMedian(plan.warmUpRuns, plan.warmUpRuns + plan.cycleRuns),
    endBytes: cycleMedian(last - plan.cycleRuns, last),
    peakBytes: Math.max(...samples.map((s) => s.rssBytes)),
  };
}

/**
 * The samples as a CSV Peel imports (Grafana's "series joined by time" layout: epoch-millisecond times, and a column
 * named as Prometheus names a process's RSS, which Peel reads as resident memory).
 */
export function soakCsv(samples: readonly RssSample[]): string {
  const lines = ['Time,process_resident_memory_bytes'];
  for (const s of samples) lines.push(`${Math.round(s.atMs)},${Math.round(s.rssBytes)}`);
  return `${lines.join('\n')}\n`;
}
