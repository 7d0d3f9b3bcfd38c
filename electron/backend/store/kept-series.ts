// Which series of a lean run stay on disk (see migrations/006-lean-runs.sql): the ones the lab draws first and the
// reports draw at all, direct memory per TaskManager, and the operators' back pressure behind the heat map. Together
// about 140 KB of a 6 h, parallelism 8 run's 1.2 MB; the rest (heap, resident memory, GC, direct buffer counts,
// busy and idle time) is re-derived by re-running the simulator when a chart first asks for it.
import { parseSeriesKey } from '../../../shared/domain/lab/series-keys';

const KEPT_METRICS: Record<'tm' | 'op', ReadonlySet<string>> = {
  tm: new Set(['Status.JVM.Memory.Direct.MemoryUsed']),
  op: new Set(['backPressuredTimeMsPerSecond']),
};

export function isKeptSeriesKey(key: string): boolean {
  const parsed = parseSeriesKey(key);
  return parsed !== null && KEPT_METRICS[parsed.scope].has(parsed.metric);
}

/** How many series a lean run keeps of a job with these TaskManagers and operators (what it adds to the disk). */
export function keptSeriesCount(taskManagers: number, operators: number): number {
  return taskManagers * KEPT_METRICS.tm.size + operators * KEPT_METRICS.op.size;
}
