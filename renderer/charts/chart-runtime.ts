// The mutable state a uPlot instance reads from its callbacks (paths, ranges, hooks): kept in one object held
// by a ref, so new data or a theme change updates it in place instead of rebuilding the chart.
import type { ValueUnit } from '../../shared/report/chart/axis-ticks';
import type { ValueRange } from '../../shared/report/chart/chart-scales';
import type {
  ChartEvent,
  ChartSeries,
  LimitLine,
  SeriesGroup,
  TimeRange,
} from '../../shared/report/chart/chart-series';
import { BarLayer, packColor } from './bar-raster';
import type { ChartTheme } from './chart-theme';
import type { SeriesBars } from './pixel-columns';
import { medianSpacingOf } from './series-spacing';

/**
 * Why the x window is changing: only 'user' is published to linked charts; all but 'data' go to onRangeChange, and
 * 'start' (the window a chart is built with: a linked chart's, or its own before a rebuild) only when it is zoomed.
 */
export type RangeOrigin = 'user' | 'sync' | 'prop' | 'data' | 'start';

export interface ChartRuntime {
  series: readonly ChartSeries[];
  colors: string[];
  /** The colours packed for the bar layer. */
  packedColors: number[];
  /** Per series, the dense-column bars of its last trace (the path builder fills them; the draw hook paints them). */
  bars: SeriesBars[];
  barLayer: BarLayer;
  /** Per series: how long a sample stays the value under the cursor (3 x its median spacing). */
  staleSec: number[];
  hidden: ReadonlySet<string>;
  groups: ReadonlyMap<string, SeriesGroup & { index: number }>;
  /** One marker lane per group from the start (an overlay whose runs' events arrive after their series). */
  laneForEachGroup: boolean;
  limits: readonly LimitLine[];
  /** Marker events sorted by time, and their times for binary searches. */
  events: readonly ChartEvent[];
  eventTimes: Float64Array;
  unit: ValueUnit;
  theme: ChartTheme;
  domain: TimeRange;
  valueRange: ValueRange | null;
  /** The x window being applied, set by the x range function so the y range can follow it in the same pass. */
  pendingX: TimeRange | null;
  origin: RangeOrigin;
  /** performance.mark name awaiting its draw, or null. */
  renderMark: string | null;
}

export function createRuntime(theme: ChartTheme, domain: TimeRange, unit: ValueUnit): ChartRuntime {
  return {
    series: [],
    colors: [],
    packedColors: [],
    bars: [],
    barLayer: new BarLayer(),
    staleSec: [],
    hidden: new Set(),
    groups: new Map(),
    laneForEachGroup: false,
    limits: [],
    events: [],
    eventTimes: new Float64Array(0),
    unit,
    theme,
    domain,
    valueRange: null,
    pendingX: null,
    origin: 'user',
    renderMark: null,
  };
}

/** Fills the per-series derived values after the series change. */
export function deriveSeriesFacts(runtime: ChartRuntime): void {
  runtime.staleSec = runtime.series.map((s) => Math.max(1, 3 * medianSpacingOf(s.timesSec)));
  runtime.packedColors = runtime.colors.map((c) =>
    /^#[0-9a-f]{6}$/i.test(c) ? packColor(c) : packColor(runtime.theme.text),
  );
}

/** The lane of an event: its run's index on an overlay, 0 when events are not grouped. */
export function laneOf(runtime: ChartRuntime, event: ChartEvent): number {
  if (!event.groupId) return 0;
  return runtime.groups.get(event.groupId)?.index ?? 0;
}

export function laneCount(runtime: ChartRuntime): number {
  return markerLanes(runtime.laneForEachGroup, runtime.events, runtime.groups.size);
}

/**
 * How many marker lanes a chart reserves above its plot: one per group when its events are grouped, or when it is
 * told to reserve them before the events arrive (so their arrival does not change the plot's height); else one.
 */
export function markerLanes(
  laneForEachGroup: boolean,
  events: readonly ChartEvent[],
  groups: number,
): number {
  return laneForEachGroup || events.some((e) => e.groupId) ? Math.max(1, groups) : 1;
}
