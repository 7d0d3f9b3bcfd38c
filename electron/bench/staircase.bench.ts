// Times the staircase analysis the app runs beside every simulated or imported series: on generated series of
// 10k / 100k / 1M samples, and on the 16 series of one simulated run as the simulator analyses them.
import { analyzeStaircase, type StaircaseInput } from '../../shared/sim/analysis/staircase';
import { generateSeries, MiB } from '../../shared/sim/analysis/test-series';
import { ANALYSIS_POINTS, binSeries } from '../../shared/sim/engine/run-analysis';
import { createSimulation, METRIC } from '../../shared/sim/index';
import type { Benchmark, BenchRow } from './bench-row';

/** The run the auto-peel sweep repeats ~15 times (goal: the sweep in under 3 s, so ~20 ms of analysis a run). */
const SEED_RUN = { scenario: 'offheap-map-leak', parallelism: 8, hours: 6, seed: 7 };
const RUN_GOAL_MS = 20;

/** What analyzeRun hands analyzeStaircase for one run: direct and resident memory of every TaskManager. */
function seedRunInputs(): StaircaseInput[] {
  const run = createSimulation(SEED_RUN).finish();
  const binSec = Math.max(1, Math.ceil(run.durationSec / ANALYSIS_POINTS));
  return run.taskManagers.flatMap((tm) => {
    const common = { restartsSec: tm.restartsSec, freshStartsSec: tm.freshStartsSec.filter((t) => t > 0) };
    return [
      { ...binSeries(tm.series[METRIC.directMemoryUsed], binSec), ...common, limit: tm.directLimit },
      { ...binSeries(tm.series[METRIC.residentMemory], binSec), ...common, limit: tm.containerLimit },
    ];
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function simulatedRunRow(log: (line: string) => void): BenchRow {
  const inputs = seedRunInputs();
  for (const input of inputs) analyzeStaircase(input);
  const times: number[] = [];
  let verdicts: string[] = [];
  for (let round = 0; round < 30; round++) {
    const start = performance.now();
    verdicts = inputs.map((input) => analyzeStaircase(input).verdict);
    times.push(performance.now() - start);
  }
  const msPerRun = median(times);
  const samples = inputs[0]?.timesSec.length ?? 0;
  log(`one simulated run, ${inputs.length} series of ${samples} points: ${msPerRun.toFixed(1)} ms`);
  return {
    bench: 'staircase',
    input: 'one simulated run (offheap-map-leak, 6 h, parallelism 8, seed 7)',
    series: inputs.length,
    samplesPerSeries: samples,
    msPerRun,
    msPerSeries: msPerRun / inputs.length,
    goalMsPerRun: RUN_GOAL_MS,
    verdicts: [...new Set(verdicts)].join(','),
    statistic: 'median of 30',
  };
}

export const benchmark: Benchmark = {
  name: 'staircase',
  description:
    'analyzeStaircase on a 12-restart leak with GC ramps (10k / 100k / 1M samples, restarts detected and given), and on the 16 series of one simulated 6 h run at parallelism 8 (goal: 20 ms a run)',
  async run(log) {
    const rows: BenchRow[] = [];
    for (const samples of [10_000, 100_000, 1_000_000]) {
      const series = generateSeries({
        seed: 7,
        durationSec: samples,
        sampleSec: 1,
        baseline: 400 * MiB,
        noise: 2 * MiB,
        restarts: 12,
        retainedPerRestart: 32 * MiB,
        gcRamp: 8 * MiB,
        gcPeriodSec: 30,
      });
      for (const mode of ['detected', 'given'] as const) {
        const input = {
          timesSec: series.timesSec,
          values: series.values,
          ...(mode === 'given' ? { restartsSec: series.givenRestartsSec } : {}),
        };
        analyzeStaircase(input);
        const runs = samples >= 1_000_000 ? 3 : 10;
        const start = performance.now();
        let verdict = '';
        for (let i = 0; i < runs; i++) verdict = analyzeStaircase(input).verdict;
        const msPerRun = (performance.now() - start) / runs;
        log(`${samples} samples, restarts ${mode}: ${msPerRun.toFixed(1)} ms (${verdict})`);
        rows.push({ bench: 'staircase', samples, restarts: mode, msPerRun, verdict });
      }
    }
    rows.push(simulatedRunRow(log));
    return rows;
  },
};
