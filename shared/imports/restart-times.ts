// Restart times read from imported metrics rather than guessed from a memory series: Flink's job `numRestarts`
// (a restart between two samples where it grew), its `uptime` (a drop means the job restarted `uptime` ms before
// that sample), and the RESTARTING times of saved `/jobs/:jobid` answers.
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
        for (let i = 1; i < s.values.length; i++) {
          const before = s.values[i - 1] as number;
          const now = s.values[i] as number;
          if (Number.isFinite(before) && Number.isFinite(now) && now < before) {
            times.push((s.timesSec[i] as number) - now / 1000);
          }
        }
      }
    }
  }
  times.sort((a, b) => a - b);
  const merged: number[] = [];
  for (const t of times) if (merged.length === 0 || t - (merged.at(-1) as number) > mergeSec) merged.push(t);
  return merged;
}
