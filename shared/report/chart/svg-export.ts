// Writes a time-series chart as a standalone SVG from the same data, scales, ticks and path tracing as the
// canvas: title, axes with ticks and labels, grid, series, limit lines, event markers (with the event as a
// <title> tooltip) and the legend. For reports: it stays sharp when printed and its text can be searched.
import {
  formatTimeTick,
  formatValue,
  timeTicks,
  type ValueUnit,
  valueTicks,
  X_TICK_SPACE,
  Y_TICK_SPACE,
} from './axis-ticks';
import { linearScale, type ValueRange } from './chart-scales';
import { type ChartEvent, type ChartSeries, type LimitLine, limitText, type TimeRange } from './chart-series';
import type { ChartTheme } from './chart-theme-values';
import { type EventTone, eventStyle } from './event-kinds';
import { eventTimes, kindsWithLines, placeMarkers } from './event-markers';
import { SvgPathData, traceSeries } from './pixel-path';
import { attrs, escapeXml, type LegendItem, layoutLegend, legendMarkup, svgDocument } from './svg-markup';

export interface SvgChartModel {
  title: string;
  subtitle?: string;
  width: number;
  height: number;
  theme: ChartTheme;
  unit: ValueUnit;
  window: TimeRange;
  yRange: ValueRange;
  /** Visible series with their colours resolved. */
  series: ReadonlyArray<ChartSeries & { color: string }>;
  limits: readonly LimitLine[];
  /** Marker events, sorted by time (markerEvents). */
  events: readonly ChartEvent[];
  /** Lane of an event (run index on overlays). */
  laneOf?: (event: ChartEvent) => number;
  legend: readonly LegendItem[];
}

export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

const LEFT = 72;
const RIGHT = 20;
const AXIS_BELOW = 30;
const LANE = 9;

/** Where the plot sits: below the title, above the time axis and the legend. */
export function svgPlotBox(
  model: SvgChartModel,
  lanes: number,
): { plot: PlotBox; legendTop: number; legendHeight: number } {
  const titleHeight = model.subtitle ? 46 : 32;
  const legend = layoutLegend(model.legend, LEFT, 0, model.width - LEFT - RIGHT);
  const top = titleHeight + lanes * LANE + 4;
  const height = Math.max(40, model.height - top - AXIS_BELOW - legend.height - 8);
  return {
    plot: { left: LEFT, top, width: model.width - LEFT - RIGHT, height },
    legendTop: top + height + AXIS_BELOW,
    legendHeight: legend.height,
  };
}

function toneColor(theme: ChartTheme, tone: EventTone): string {
  return tone === 'muted' ? theme.muted : theme[tone];
}

export function chartToSvg(model: SvgChartModel): string {
  const { theme } = model;
  const laneOf = model.laneOf ?? (() => 0);
  const lanes = Math.max(1, ...model.events.map((e) => laneOf(e) + 1));
  const { plot, legendTop } = svgPlotBox(model, lanes);
  const x = linearScale(model.window.fromSec, model.window.toSec, plot.left, plot.left + plot.width);
  const y = linearScale(model.yRange.min, model.yRange.max, plot.top + plot.height, plot.top);
  const body: string[] = [];

  body.push(`<rect ${attrs({ width: model.width, height: model.height, fill: theme.background })}/>`);
  body.push(
    `<text ${attrs({ x: LEFT, y: 22, 'font-size': 15, 'font-weight': 600, fill: theme.text })}>${escapeXml(model.title)}</text>`,
  );
  if (model.subtitle) {
    body.push(
      `<text ${attrs({ x: LEFT, y: 39, 'font-size': 12, fill: theme.muted })}>${escapeXml(model.subtitle)}</text>`,
    );
  }

  // Grid and axes.
  const yTicks = valueTicks(
    model.unit,
    model.yRange.min,
    model.yRange.max,
    Math.max(2, Math.floor(plot.height / Y_TICK_SPACE)),
  );
  const xTicks = timeTicks(
    model.window.fromSec,
    model.window.toSec,
    Math.max(2, Math.floor(plot.width / X_TICK_SPACE)),
  );
  const grid: string[] = [];
  for (const v of yTicks.values) {
    const py = y(v);
    grid.push(`<line ${attrs({ x1: plot.left, x2: plot.left + plot.width, y1: py, y2: py })}/>`);
    body.push(
      `<text ${attrs({ x: plot.left - 8, y: py + 4, 'font-size': 11, 'text-anchor': 'end', fill: theme.muted })}>${escapeXml(formatValue(model.unit, v))}</text>`,
    );
  }
  for (const t of xTicks.values) {
    const px = x(t);
    grid.push(`<line ${attrs({ x1: px, x2: px, y1: plot.top, y2: plot.top + plot.height })}/>`);
    body.push(
      `<text ${attrs({ x: px, y: plot.top + plot.height + 18, 'font-size': 11, 'text-anchor': 'middle', fill: theme.muted })}>${escapeXml(formatTimeTick(t, xTicks.step))}</text>`,
    );
  }
  body.push(`<g ${attrs({ stroke: theme.grid, 'stroke-width': 1 })}>${grid.join('')}</g>`);
  body.push(
    `<line ${attrs({ x1: plot.left, x2: plot.left + plot.width, y1: plot.top + plot.height, y2: plot.top + plot.height, stroke: theme.axis })}/>`,
  );

  // Series, clipped to the plot like the canvas.
  body.push(
    `<defs><clipPath id="plot-clip"><rect ${attrs({ x: plot.left, y: plot.top, width: plot.width, height: plot.height })}/></clipPath></defs>`,
  );
  const paths: string[] = [];
  for (const s of model.series) {
    const d = new SvgPathData();
    traceSeries(s.timesSec, s.values, { fromSec: model.window.fromSec, toSec: model.window.toSec, x, y }, d);
    const data = d.toString();
    if (!data) continue;
    paths.push(
      `<path ${attrs({ d: data, fill: 'none', stroke: s.color, 'stroke-width': 1.4, 'stroke-linejoin': 'round' })}><title>${escapeXml(s.label)}</title></path>`,
    );
  }
  body.push(`<g clip-path="url(#plot-clip)">${paths.join('')}</g>`);

  // Limit lines with their labels at the right end, just above the line.
  for (const limit of model.limits) {
    if (!(limit.value >= model.yRange.min && limit.value <= model.yRange.max)) continue;
    const py = y(limit.value);
    const color = limit.color ?? theme.bad;
    const label = limitText(limit, (v) => formatValue(model.unit, v));
    body.push(
      `<g class="limit"><line ${attrs({ x1: plot.left, x2: plot.left + plot.width, y1: py, y2: py, stroke: color, 'stroke-width': 1.5, 'stroke-dasharray': '6 4' })}/>` +
        `<text ${attrs({ x: plot.left + plot.width - 4, y: py - 5, 'font-size': 11, 'text-anchor': 'end', fill: color })}>${escapeXml(label)}</text></g>`,
    );
  }

  // Event markers: a tick per run lane above the plot, a faint line through it for failures and shutdowns.
  const markers = placeMarkers(
    model.events,
    model.window.fromSec,
    model.window.toSec,
    x,
    laneOf,
    eventTimes(model.events),
    true,
  );
  const markerMarkup: string[] = [];
  const lineKinds = kindsWithLines(markers);
  for (const marker of markers) {
    const style = eventStyle(marker.kind);
    const color = toneColor(theme, style.tone);
    const laneTop = plot.top - (lanes - marker.lane) * LANE - 2;
    const title = (marker.events ?? [])
      .slice(0, 5)
      .map(
        (e) =>
          `${formatTimeTick(e.t, 1)} ${style.label}${e.taskManager ? ` ${e.taskManager}` : ''}: ${e.message}`,
      )
      .join('\n');
    const line = lineKinds.has(marker.kind)
      ? `<line ${attrs({ x1: marker.x, x2: marker.x, y1: plot.top, y2: plot.top + plot.height, stroke: color, 'stroke-opacity': 0.35 })}/>`
      : '';
    markerMarkup.push(
      `<g class="event" data-kind="${escapeXml(marker.kind)}"><title>${escapeXml(title)}</title>${line}` +
        `<path ${attrs({ d: `M${marker.x - 4} ${laneTop}L${marker.x + 4} ${laneTop}L${marker.x} ${laneTop + 7}Z`, fill: color })}/></g>`,
    );
  }
  body.push(`<g class="events">${markerMarkup.join('')}</g>`);

  const legend = layoutLegend(model.legend, LEFT, legendTop, model.width - LEFT - RIGHT);
  body.push(`<g class="legend">${legendMarkup(legend.items, theme.text).join('')}</g>`);
  return svgDocument(model.width, model.height, theme.fontFamily, body);
}
