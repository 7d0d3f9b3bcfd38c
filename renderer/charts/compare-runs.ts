// Prepares several runs of one metric for comparison: overlay (one hue per run, its TaskManagers as shades),
// small multiples (one y scale for all) and the difference B - A per TaskManager on a common grid, aligned at
// each run's t = 0 by the analysis code's compareSeries (held values, NaN where a run has none).
import type { Verdict } from '../../shared/contract/lab-entities';
import { unionRange, type ValueRange, valueRangeFor } from '../../shared/report/chart/chart-scales';
import type {
  ChartEvent,
  ChartSeries,
  LimitLine,
  SeriesGroup,
  TimeRange,
} from '../../shared/report/chart/chart-series';
import { seriesColor, shadesOf, type ThemeName } from '../../shared/report/chart/series-palette';
import { compareSeries } from '../../shared/sim/analysis/compare';
import { medianSpacing } from '../../shared/sim/analysis/series-grid';

export interface CompareTaskManagerSeries {
  taskManager: string;
  timesSec: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface CompareRun {
  runId: string;
  /** e.g. `Run #4`. */
  label: string;
  /** What this run changed, e.g. `removed layer 3`. */
  detail?: string;
  verdict: Verdict | null;
  /** A real experiment's run (imported metrics), badged as such. */
  real?: boolean;
  /** e.g. `leak: +128 MiB retained per restart, 11 restarts`. */
  summary: string | null;
  wallClockStartMs?: number;
  durationSec: number;
  series: readonly CompareTaskManagerSeries[];
  limit?: LimitLine | null;
  events?: readonly ChartEvent[];
}

export interface OverlayData {
  series: ChartSeries[];
  groups: SeriesGroup[];
  events: ChartEvent[];
  limits: LimitLine[];
}

/** Run r gets palette colour r; its TaskManagers are shades of it, in the order given. */
export function overlayData(runs: readonly CompareRun[], theme: ThemeName): OverlayData {
  const groups: SeriesGroup[] = [];
  const series: ChartSeries[] = [];
  const events: ChartEvent[] = [];
  runs.forEach((run, r) => {
    const color = seriesColor(r, theme);
    groups.push({ id: run.runId, label: run.label, color, wallClockStartMs: run.wallClockStartMs });
    const shades = shadesOf(color, run.series.length, theme);
    run.series.forEach((tm, k) => {
      series.push({
        id: `${run.runId}/${tm.taskManager}`,
        label: tm.taskManager,
        groupId: run.runId,
        color: shades[k],
        timesSec: tm.timesSec,
        values: tm.values,
      });
    });
    for (const event of run.events ?? []) events.push({ ...event, groupId: run.runId });
  });
  return { series, groups, events, limits: mergeLimits(runs) };
}

/** One line per distinct limit; when runs differ, each line says whose it is. */
export function mergeLimits(runs: readonly CompareRun[]): LimitLine[] {
  const byValue = new Map<number, { limit: LimitLine; runs: string[] }>();
  for (const run of runs) {
    if (!run.limit) continue;
    const entry = byValue.get(run.limit.value);
    if (entry) entry.runs.push(run.label);
    else byValue.set(run.limit.value, { limit: run.limit, runs: [run.label] });
  }
  if (byValue.size <= 1) return [...byValue.values()].map((e) => e.limit);
  return [...byValue.values()].map((e) => ({ ...e.limit, label: `${e.limit.label} (${e.runs.join(', ')})` }));
}

/** The series of one run for its own small multiple, coloured like its overlay shades. */
export function runSeries(run: CompareRun, runIndex: number, theme: ThemeName): ChartSeries[] {
  const shades = shadesOf(seriesColor(runIndex, theme), run.series.length, theme);
  return run.series.map((tm, k) => ({
    id: `${run.runId}/${tm.taskManager}`,
    label: tm.taskManager,
    color: shades[k],
    timesSec: tm.timesSec,
    values: tm.values,
  }));
}

/** One y range for all small multiples, so equal heights mean equal bytes. */
export function sharedValueRange(runs: readonly CompareRun[], window: TimeRange): ValueRange {
  return unionRange(
    runs.map((run, r) =>
      valueRangeFor(runSeries(run, r, 'light'), new Set(), window, run.limit ? [run.limit] : []),
    ),
  );
}

export interface DifferenceData {
  series: ChartSeries[];
  /** TaskManagers present in only one of the runs (no difference drawn for them). */
  unmatched: string[];
}

/**
 * B - A for each TaskManager the two runs share, on one grid for all of them: the coarsest sample spacing, at
 * most `maxPoints` points over the longer run. Times are seconds from the runs' start.
 */
export function differenceData(
  a: CompareRun,
  b: CompareRun,
  theme: ThemeName,
  maxPoints = 3000,
): DifferenceData {
  const byId = new Map(b.series.map((s) => [s.taskManager, s]));
  const pairs = a.series.flatMap((sa) => {
    const sb = byId.get(sa.taskManager);
    return sb ? [[sa, sb] as const] : [];
  });
  const matched = new Set(pairs.map(([sa]) => sa.taskManager));
  const unmatched = [...a.series, ...b.series].map((s) => s.taskManager).filter((id) => !matched.has(id));
  let span = 0;
  let spacing = 0;
  let origin = Number.POSITIVE_INFINITY;
  for (const [sa, sb] of pairs) {
    for (const s of [sa, sb]) {
      const [first, last] = finiteEnds(s.timesSec, s.values);
      if (first === null || last === null) continue;
      span = Math.max(span, last - first);
      origin = Math.min(origin, first);
      spacing = Math.max(spacing, medianSpacing(s.timesSec));
    }
  }
  const stepSec = Math.max(1, spacing, span / Math.max(1, maxPoints - 1));
  const series = pairs.map(([sa, sb], k) => {
    const aligned = compareSeries(
      { timesSec: sa.timesSec, values: sa.values, label: a.label },
      { timesSec: sb.timesSec, values: sb.values, label: b.label },
      { stepSec },
    );
    const times = new Float64Array(aligned.timesSec.length);
    for (let i = 0; i < times.length; i++)
      times[i] = (aligned.timesSec[i] as number) + (Number.isFinite(origin) ? origin : 0);
    return {
      id: `diff/${sa.taskManager}`,
      label: sa.taskManager,
      color: seriesColor(k, theme),
      timesSec: times,
      values: aligned.difference,
    };
  });
  return { series, unmatched: [...new Set(unmatched)] };
}

function finiteEnds(times: ArrayLike<number>, values: ArrayLike<number>): [number | null, number | null] {
  let first: number | null = null;
  let last: number | null = null;
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(values[i] as number) || !Number.isFinite(times[i] as number)) continue;
    if (first === null) first = times[i] as number;
    last = times[i] as number;
  }
  return [first, last];
}
