// uPlot options for Peel's time-series chart: seconds on x (h:mm ticks), the unit's ticks on y, theme colours
// read at draw time, and series drawn by our own path builder because every downsampled series has its own
// sample times (uPlot's built-in paths need one shared x array).
import uPlot from 'uplot';
import {
  formatTimeTick,
  formatValue,
  timeTicks,
  valueTicks,
  X_TICK_SPACE,
  Y_TICK_SPACE,
} from '../../shared/report/chart/axis-ticks';
import { valueRangeFor } from '../../shared/report/chart/chart-scales';
import { canvasLinear, drawOverlay, MARKER_LANE_PX, PixelWindow } from './chart-canvas-overlay';
import { type ChartRuntime, laneCount } from './chart-runtime';
import { seriesLineWidth } from './line-width';
import { CanvasColumns, traceColumns } from './pixel-columns';
import { xWindow } from './uplot-window';
import { clampRange } from './zoom-math';

export interface OptionsInput {
  width: number;
  height: number;
  /** Width of the y axis in CSS pixels: charts stacked on one screen use the same so their plots line up. */
  gutter: number;
  syncKey?: string;
  runtime: ChartRuntime;
  onScale: (u: uPlot) => void;
  onCursor: (u: uPlot) => void;
  onDraw: (u: uPlot) => void;
}

export function buildOptions(input: OptionsInput): uPlot.Options {
  const { runtime } = input;
  const font = () => `11px ${runtime.theme.fontFamily}`;
  return {
    width: input.width,
    height: input.height,
    // Room above the plot for one marker lane per run.
    padding: [6 + laneCount(runtime) * MARKER_LANE_PX, 16, 0, 0],
    legend: { show: false },
    pxAlign: 0,
    scales: {
      x: {
        time: false,
        auto: false,
        range: (_u, min, max) => {
          const r = clampRange(
            { fromSec: min ?? runtime.domain.fromSec, toSec: max ?? runtime.domain.toSec },
            runtime.domain,
          );
          runtime.pendingX = r;
          return [r.fromSec, r.toSec];
        },
      },
      y: {
        auto: true,
        range: (u) => {
          if (runtime.valueRange) return [runtime.valueRange.min, runtime.valueRange.max];
          const visible = runtime.pendingX ?? xWindow(u) ?? runtime.domain;
          const r = valueRangeFor(runtime.series, runtime.hidden, visible, runtime.limits);
          return [r.min, r.max];
        },
      },
    },
    axes: [
      {
        scale: 'x',
        font: font(),
        stroke: () => runtime.theme.muted,
        size: 30,
        gap: 6,
        space: X_TICK_SPACE,
        grid: { stroke: () => runtime.theme.grid, width: 1 },
        ticks: { stroke: () => runtime.theme.axis, width: 1, size: 4 },
        border: { show: true, stroke: () => runtime.theme.axis, width: 1 },
        splits: (u, _i, min, max) =>
          timeTicks(min, max, Math.max(2, Math.floor(u.bbox.width / uPlot.pxRatio / X_TICK_SPACE))).values,
        values: (_u, splits) => {
          const step = splits.length > 1 ? (splits[1] as number) - (splits[0] as number) : 3600;
          return splits.map((t) => formatTimeTick(t, step));
        },
      },
      {
        scale: 'y',
        font: font(),
        stroke: () => runtime.theme.muted,
        size: input.gutter,
        gap: 8,
        space: Y_TICK_SPACE,
        grid: { stroke: () => runtime.theme.grid, width: 1 },
        ticks: { show: false },
        splits: (u, _i, min, max) =>
          valueTicks(
            runtime.unit,
            min,
            max,
            Math.max(2, Math.floor(u.bbox.height / uPlot.pxRatio / Y_TICK_SPACE)),
          ).values,
        values: (_u, splits) => splits.map((v) => formatValue(runtime.unit, v)),
      },
    ],
    series: [{}, ...runtime.series.map((_s, i) => seriesOptions(runtime, i))],
    cursor: {
      x: true,
      y: false,
      points: { show: false },
      drag: { x: true, y: false, setScale: true, dist: 6 },
      sync: input.syncKey ? { key: input.syncKey, setSeries: false, scales: ['x', null] } : undefined,
      // Double-click resets to the whole run (our handler), not to uPlot's data extent.
      bind: { dblclick: () => null },
      focus: { prox: -1 },
    },
    select: { show: true, over: true, left: 0, top: 0, width: 0, height: 0 },
    hooks: {
      setScale: [(u, key) => key === 'x' && input.onScale(u)],
      setCursor: [(u) => input.onCursor(u)],
      draw: [
        (u) => {
          drawBars(u, runtime);
          drawOverlay(u, runtime);
          input.onDraw(u);
        },
      ],
    },
  };
}

/**
 * uPlot's options for the runtime's series i (uPlot's index i + 1): what it reads is read from the runtime at draw
 * time, so a chart built with no series can take its first ones in place (see use-uplot-chart.ts).
 */
export function seriesOptions(runtime: ChartRuntime, i: number): uPlot.Series {
  const s = runtime.series[i];
  return {
    label: s?.label ?? '',
    scale: 'y',
    show: s ? !runtime.hidden.has(s.id) : true,
    stroke: () => runtime.colors[i] ?? runtime.theme.text,
    // One device pixel on standard screens, drawn as a hairline (line-width.ts: a tenth of a wider line's cost).
    width: seriesLineWidth(uPlot.pxRatio),
    spanGaps: false,
    points: { show: false },
    paths: seriesPaths(runtime),
  };
}

/** A uPlot path builder that traces one of the runtime's series with its own times. */
function seriesPaths(runtime: ChartRuntime): uPlot.Series.PathBuilder {
  const pixels = new PixelWindow();
  return (u, seriesIdx) => {
    const series = runtime.series[seriesIdx - 1];
    const columns = new CanvasColumns(Math.ceil(u.bbox.width) + 16, runtime.bars[seriesIdx - 1]);
    const window = canvasLinear(u, pixels);
    if (series && window) traceColumns(series.timesSec, series.values, window, columns, barThickness());
    runtime.bars[seriesIdx - 1] = columns.bars;
    return { stroke: columns.stroke, fill: null, clip: null, flags: 0 };
  };
}

/** How thick a flat stretch drawn as bars is, in canvas pixels: at least two, so a flat stretch stays visible. */
function barThickness(): number {
  return Math.max(2, Math.round(1.5 * uPlot.pxRatio));
}

/** Paints the visible series' dense columns (traced by the path builder) over the plot, after uPlot's lines. */
function drawBars(u: uPlot, runtime: ChartRuntime): void {
  const visible = runtime.series.flatMap((_s, i) => {
    const bars = runtime.bars[i];
    return bars && u.series[i + 1]?.show ? [{ bars, rgba: runtime.packedColors[i] ?? 0 }] : [];
  });
  runtime.barLayer.draw(u.ctx, u.bbox, visible);
}

/** The data uPlot is given: only the run's extent on x and empty series; the real samples live in the runtime. */
export function skeletonData(runtime: ChartRuntime): uPlot.AlignedData {
  const x = [runtime.domain.fromSec, runtime.domain.toSec];
  return [x, ...runtime.series.map(() => [null, null])] as unknown as uPlot.AlignedData;
}
