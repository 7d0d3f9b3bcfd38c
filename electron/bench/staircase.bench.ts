// Times the staircase analysis the app runs beside every simulated or imported series.
import { analyzeStaircase } from '../../shared/sim/analysis/staircase';
import { generateSeries, MiB } from '../../shared/sim/analysis/test-series';
import type { Benchmark, BenchRow } from './bench-row';

export const benchmark: Benchmark = {
  name: 'staircase',
  description:
    'analyzeStaircase on a 12-restart leak with GC ramps, 10k / 100k / 1M samples, restarts detected and given',
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
    return rows;
  },
};
