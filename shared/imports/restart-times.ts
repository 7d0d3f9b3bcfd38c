// Restart times read from imported metrics rather than guessed from a memory series: Flink's job `numRestarts`
// (a restart between two samples where it grew), its `uptime` (read by the analysis's restartsFromUptime: the job
// restarted `uptime` before the sample where it is less than it would have grown to), and the RESTARTING times of
// saved `/jobs/:jobid` answers.
import { restartsFromUptime } from '../sim/analysis/restart-signals';
import type { ImportedMetrics } from './imported-series';

/** Restart times (epoch seconds, ascending, merged within `mergeSec`) found in the imports; empty when none say. */
export function restartsFromImports(imports: readonly ImportedMetrics[], mergeSec = 1): number[] {
  const times: number[] = [];
  for (const metrics of imports) {
    if (metrics.job) times.push(...metrics.job.restartsSec);
    for (const s of metrics.series) {
      if (s.kind === 'restarts') {
        for (let i = 1; i < s.values.length; i++) {
          const before = s.values[i - 1] as number;
          const now = s.values[i] as number;
          if (Number.isFinite(before) && Number.isFinite(now) && now > before)
            times.push(s.timesSec[i] as number);
        }
      } else if (s.kind === 'uptime') {
        // The analysis's own reading of an uptime gauge: a restart wherever the uptime is less than it would
        // have grown to, even between scrapes too far apart to see it fall, placed at the start it reports.
        const toSec = s.unit === 'seconds' ? 1 : 1 / 1000;
        times.push(
          ...restartsFromUptime(
            s.timesSec,
            s.values.map((v) => v * toSec),
          ),
        );
      }
    }
  }
  times.sort((a, b) => a - b);
  const merged: number[] = [];
  for (const t of times) if (merged.length === 0 || t - (merged.at(-1) as number) > mergeSec) merged.push(t);
  return merged;
}
