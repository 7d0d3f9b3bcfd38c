// A time-series chart for the lab (uPlot): several series with gaps, a limit line, event markers with a tooltip,
// a legend that shows values at the cursor and hides series, zoom (drag, wheel, keys) and pan linked across
// charts by a sync key, and PNG/SVG export. Presentational: data comes in as props, windows go out as callbacks.
import 'uplot/dist/uPlot.min.css';
import './graphs.css';
import {
  type ReactNode,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ValueUnit } from '../../shared/report/chart/axis-ticks';
import type { ValueRange } from '../../shared/report/chart/chart-scales';
import type {
  ChartEvent,
  ChartSeries,
  LimitLine,
  SeriesGroup,
  TimeRange,
} from '../../shared/report/chart/chart-series';
import { eventTimes, markerEvents } from '../../shared/report/chart/event-markers';
import { seriesColor } from '../../shared/report/chart/series-palette';
import { ChartLegend, type LegendEntry } from './ChartLegend';
import type { LegendCells } from './chart-hover';
import {
  type ChartRuntime,
  createRuntime,
  deriveSeriesFacts,
  markerLanes,
  type RangeOrigin,
} from './chart-runtime';
import { useChartTheme } from './chart-theme';
import {
  downloadFile,
  type ExportedFile,
  type ExportFormat,
  exportFileName,
  type GraphHandle,
} from './export-file';
import { graphSync, newSyncSource } from './range-sync';
import { beginRender } from './render-timing';
import { chartExportFile } from './time-series-export';
import { useSeriesVisibility } from './use-series-visibility';
import { type UplotChart, useUplotChart } from './use-uplot-chart';
import { sameRange } from './zoom-math';

export interface TimeSeriesChartProps {
  title: string;
  subtitle?: string;
  series: readonly ChartSeries[];
  /** Runs on an overlay: legend by run, one marker lane per run, a wall clock per run in the tooltip. */
  groups?: readonly SeriesGroup[];
  unit: ValueUnit;
  limits?: readonly LimitLine[];
  events?: readonly ChartEvent[];
  /** The whole run (seconds from its start): zoom and pan stay inside it, double-click returns to it. */
  domain: TimeRange;
  /** The window to show, when the slice controls it (an event picked in the table); otherwise the chart keeps its own. */
  view?: TimeRange | null;
  /** The window shown once it settles (debounced; after zoom, pan, a linked chart or `view`), to fetch finer data. */
  onRangeChange?: (fromSec: number, toSec: number) => void;
  /** Charts and heat maps with the same key share zoom and cursor. */
  syncKey?: string;
  /** A fixed value range (small multiples share one); by default it follows the visible data. */
  valueRange?: ValueRange | null;
  /** Wall-clock time of t = 0 for a single-run chart (epoch ms). */
  wallClockStartMs?: number;
  /** Plot height in CSS pixels. */
  height?: number;
  /** Width of the value axis in CSS pixels; stacked charts and the heat map use the same so their plots line up. */
  gutter?: number;
  /** A fetch for this window is under way. */
  loading?: boolean;
  emptyText?: string;
  /** Base of export file names (default: the title). */
  exportName?: string;
  /** Receives exports; without it the file is downloaded directly. */
  onExport?: (file: ExportedFile) => void;
  /** An export failed (the canvas could not be encoded); for the slice's notices. */
  onExportError?: (error: Error) => void;
  /** Beside the title (a verdict chip). */
  headerExtra?: ReactNode;
  /** A line under the title (a run's verdict in words and numbers). */
  caption?: ReactNode;
  /** After each run's name in a grouped legend. */
  groupExtras?: Readonly<Record<string, ReactNode>>;
  /**
   * Reserve one marker lane per group from the first paint: an overlay whose runs' events arrive after their series
   * keeps its plot's height (and is not rebuilt) when they come.
   */
  laneForEachGroup?: boolean;
  ref?: Ref<GraphHandle>;
}

/** The same object as long as its key is the same (compared by value, not identity). */
function useStableValue<T>(value: T, key: (value: T) => string): T {
  const held = useRef<{ key: string; value: T } | null>(null);
  const k = key(value);
  if (!held.current || held.current.key !== k) held.current = { key: k, value };
  return held.current.value;
}

const NO_GROUPS: readonly SeriesGroup[] = [];
const NO_LIMITS: readonly LimitLine[] = [];
const NO_EVENTS: readonly ChartEvent[] = [];
const REPORT_DELAY_MS = 180;

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { title, subtitle, series, unit, view, syncKey, height = 260, gutter = 72 } = props;
  const groups = props.groups ?? NO_GROUPS;
  const events = props.events ?? NO_EVENTS;
  // Objects a parent may write inline (a new object each render) are kept by value, so an unrelated re-render
  // of the parent does not redraw the chart.
  const domain = useStableValue(props.domain, (d) => `${d.fromSec}|${d.toSec}`);
  const valueRange = useStableValue(props.valueRange ?? null, (r) => (r ? `${r.min}|${r.max}` : ''));
  const limits = useStableValue(props.limits ?? NO_LIMITS, (ls) =>
    ls.map((l) => `${l.value}|${l.label}|${l.color ?? ''}|${l.hideValue ? 1 : 0}`).join('\n'),
  );
  const theme = useChartTheme();
  const { hidden, toggle, toggleGroup } = useSeriesVisibility(series);
  const [zoomed, setZoomed] = useState(false);
  const hostRef = useRef<HTMLElement>(null);
  const runtimeRef = useRef<ChartRuntime | null>(null);
  runtimeRef.current ??= createRuntime(theme, domain, unit);
  const runtime = runtimeRef.current;
  const cells = useMemo<LegendCells>(() => new Map(), []);
  const syncSource = useMemo(() => newSyncSource('chart'), []);
  const latest = useRef(props);
  latest.current = props;

  const groupList = useMemo(
    () => groups.map((g, index) => ({ ...g, color: g.color ?? seriesColor(index, theme.name), index })),
    [groups, theme.name],
  );
  const colors = useMemo(
    () => series.map((s, i) => s.color ?? seriesColor(i, theme.name)),
    [series, theme.name],
  );
  const markers = useMemo(() => markerEvents(events), [events]);
  const markerTimes = useMemo(() => eventTimes(markers), [markers]);
  const laneForEachGroup = props.laneForEachGroup ?? false;
  // The plot's layout (its top padding holds the marker lanes) and its set of series: a change of layout rebuilds
  // the chart; new series rebuild it too, except a chart built with none, which takes its first ones in place.
  const layoutKey = String(markerLanes(laneForEachGroup, markers, groupList.length));
  const seriesKey = series.map((s) => s.id).join('\n');

  const reportTimer = useRef(0);
  const onRange = useCallback((range: TimeRange, origin: RangeOrigin) => {
    const whole = latest.current.domain;
    setZoomed(!sameRange(range, whole));
    // Every new window is reported except data swaps and a start on the whole run, so the slice can fetch for it
    // whoever chose it (a drag here, a linked chart, the slice's own view, or a chart starting zoomed).
    if (origin === 'data' || (origin === 'start' && sameRange(range, whole))) return;
    window.clearTimeout(reportTimer.current);
    reportTimer.current = window.setTimeout(
      () => latest.current.onRangeChange?.(range.fromSec, range.toSec),
      REPORT_DELAY_MS,
    );
  }, []);
  useEffect(() => () => window.clearTimeout(reportTimer.current), []);

  // 'chart-render' starts when new series arrive (this render) and ends when uPlot has drawn them.
  const received = useRef<{ series: readonly ChartSeries[] | null; mark: string | null }>({
    series: null,
    mark: null,
  });
  if (received.current.series !== series) {
    if (received.current.mark) performance.clearMarks(received.current.mark);
    received.current = { series, mark: beginRender(syncSource) };
  }

  // Props into the runtime before the chart reads them: declared before the chart's own layout effect, so on
  // mount the chart is built from this data, and later only swaps it in.
  const chartApi = useRef<UplotChart | null>(null);
  useLayoutEffect(() => {
    if (received.current.mark) {
      runtime.renderMark = received.current.mark;
      received.current.mark = null;
    }
    runtime.series = series;
    runtime.colors = colors;
    deriveSeriesFacts(runtime);
    runtime.limits = limits;
    runtime.events = markers;
    runtime.eventTimes = markerTimes;
    runtime.groups = new Map(groupList.map((g) => [g.id, g]));
    runtime.laneForEachGroup = laneForEachGroup;
    runtime.unit = unit;
    runtime.domain = domain;
    runtime.valueRange = valueRange;
    runtime.theme = theme;
    runtime.hidden = hidden;
    chartApi.current?.refresh(layoutKey, seriesKey);
  }, [
    runtime,
    series,
    colors,
    limits,
    markers,
    markerTimes,
    groupList,
    unit,
    domain,
    valueRange,
    theme,
    hidden,
    laneForEachGroup,
    layoutKey,
    seriesKey,
  ]);

  const chart = useUplotChart({
    hostRef,
    runtime,
    layoutKey,
    seriesKey,
    syncKey,
    syncSource,
    gutter,
    height,
    cells,
    initialRange: () => latest.current.view ?? (syncKey ? graphSync.lastRange(syncKey) : undefined) ?? null,
    wallClockStartMs: () => latest.current.wallClockStartMs,
    onRange,
  });
  chartApi.current = chart;

  const viewFrom = view?.fromSec;
  const viewTo = view?.toSec;
  useEffect(() => {
    if (viewFrom === undefined || viewTo === undefined) return;
    const next = { fromSec: viewFrom, toSec: viewTo };
    const current = chart.getRange();
    if (!current || !sameRange(current, next)) chart.setRange(next, 'prop');
  }, [viewFrom, viewTo, chart]);

  const exportAs = useCallback(
    async (format: ExportFormat): Promise<ExportedFile> => {
      const u = chart.chart.current;
      if (!u) throw new Error('The chart is not drawn yet.');
      const p = latest.current;
      return chartExportFile(format, u, runtime, {
        title: p.title,
        subtitle: p.subtitle,
        fileName: exportFileName(p.exportName ?? p.title, format),
      });
    },
    [chart, runtime],
  );

  useImperativeHandle(
    props.ref,
    () => ({
      exportFile: exportAs,
      getRange: chart.getRange,
      setRange: (range) => chart.setRange(range, 'user'),
    }),
    [exportAs, chart],
  );

  const runExport = (format: ExportFormat) => {
    exportAs(format)
      .then((file) => (latest.current.onExport ?? downloadFile)(file))
      .catch((error: unknown) =>
        latest.current.onExportError?.(error instanceof Error ? error : new Error(String(error))),
      );
  };

  const entries = useMemo<LegendEntry[]>(
    () => series.map((s, i) => ({ id: s.id, label: s.label, color: colors[i]!, groupId: s.groupId })),
    [series, colors],
  );
  const empty = series.every((s) => s.values.length === 0);

  return (
    <section className="graph-card" aria-label={title}>
      <header className="graph-head">
        <div className="graph-titles">
          <h3 className="graph-title">{title}</h3>
          {subtitle && <span className="graph-subtitle">{subtitle}</span>}
        </div>
        {props.headerExtra}
        <div className="graph-actions">
          {zoomed && (
            <button type="button" className="graph-action" onClick={() => chart.setRange(domain, 'user')}>
              Reset zoom
            </button>
          )}
          <button type="button" className="graph-action" title="Save as PNG" onClick={() => runExport('png')}>
            PNG
          </button>
          <button type="button" className="graph-action" title="Save as SVG" onClick={() => runExport('svg')}>
            SVG
          </button>
        </div>
      </header>
      {props.caption && <div className="graph-caption">{props.caption}</div>}
      <div className="graph-plot">
        <figure
          ref={hostRef}
          className="graph-uplot"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the plot takes + - arrows and 0 for zoom and pan
          tabIndex={0}
          aria-label={`${title}. Drag to zoom, wheel to zoom at the pointer, shift-drag to pan, double-click for the whole run; keys + − ← → 0.`}
        />
        {props.loading && <div className="graph-loading" aria-hidden="true" />}
        {empty && <div className="graph-empty">{props.emptyText ?? 'No data for this window.'}</div>}
      </div>
      <ChartLegend
        entries={entries}
        groups={groupList}
        hidden={hidden}
        cells={cells}
        onToggle={toggle}
        onToggleGroup={toggleGroup}
        groupExtras={props.groupExtras}
      />
    </section>
  );
}
