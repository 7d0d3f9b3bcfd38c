// The graph sent with a finished run: each TaskManager's direct memory, downsampled as `runs.series` would answer
// for the whole run at RUN_PREVIEW_POINTS, read back from the store after the run's record is committed, so the UI
// draws exactly what is stored without asking for it (two round trips and a render fewer between Run and result).
import { RUN_PREVIEW_POINTS, type RunResultPreview } from '../../../../shared/contract/events';
import { taskManagerSeriesKey } from '../../../../shared/domain/lab/series-keys';
import { METRIC } from '../../../../shared/sim/engine/metric-names';
import type { ServiceContext } from '../context';
import { seriesSlice } from './series-slice';

/** The metric the lab's run graph opens on. */
export const PREVIEW_METRIC = METRIC.directMemoryUsed;

/**
 * The preview of a completed run with these TaskManagers, or undefined when one of its series is not on disk (the
 * UI then asks for it as before).
 */
export function runPreview(
  ctx: ServiceContext,
  runId: string,
  taskManagers: readonly string[],
): RunResultPreview | undefined {
  const slices: RunResultPreview['taskManagers'] = [];
  for (const taskManager of taskManagers) {
    const key = taskManagerSeriesKey(taskManager, PREVIEW_METRIC);
    const series = ctx.lab.seriesCache.get(runId, key, () => ctx.store.runs.getSeries(runId, key));
    if (!series) return undefined;
    slices.push({ taskManager, slice: seriesSlice(key, series, RUN_PREVIEW_POINTS) });
  }
  return { metric: PREVIEW_METRIC, points: RUN_PREVIEW_POINTS, taskManagers: slices };
}
