// Draws the back-pressure heat map on a canvas: layer headers and operator labels on the left, the cells (one
// offscreen pixel per cell, scaled to the visible window without smoothing), "not running" hatched, the time
// axis, the linked cursor and the drag selection. Everything is on the canvas so the PNG export is this canvas.
import { formatTimeTick, timeTicks, X_TICK_SPACE } from '../../shared/report/chart/axis-ticks';
import { linearScale } from '../../shared/report/chart/chart-scales';
import type { TimeRange } from '../../shared/report/chart/chart-series';
import type { ChartTheme } from './chart-theme';
import type { DecodedHeatmap } from './decode-series';
import { heatLut, heatPixels } from './heatmap-colors';
import { type HeatmapRows, layerTitle } from './heatmap-layout';

export const HEAT_AXIS_PX = 26;

export interface HeatmapScene {
  /** CSS pixels. */
  width: number;
  ratio: number;
  layout: HeatmapRows;
  /** Left column for labels, CSS pixels (the charts' value-axis width when stacked with them). */
  gutter: number;
  theme: ChartTheme;
  data: DecodedHeatmap;
  image: HTMLCanvasElement;
  window: TimeRange;
  cursorSec: number | null;
  selection: { fromPx: number; toPx: number } | null;
}

export const HEAT_RIGHT_PAD = 16;

export function heatmapHeight(layout: HeatmapRows): number {
  return layout.height + HEAT_AXIS_PX;
}

/** The heat map's cells as an image, one pixel per cell (NaN transparent), for the current theme. */
export function heatImage(data: DecodedHeatmap, theme: ChartTheme): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  const rows = data.operators.length;
  canvas.width = Math.max(1, data.columns);
  canvas.height = Math.max(1, rows);
  if (rows > 0 && data.columns > 0) {
    const pixels = heatPixels(data.values, rows, data.columns, heatLut(theme.name));
    canvas.getContext('2d')!.putImageData(new ImageData(pixels, data.columns, rows), 0, 0);
  }
  return canvas;
}

function hatch(ctx: CanvasRenderingContext2D, theme: ChartTheme, ratio: number): CanvasPattern | string {
  const size = Math.round(6 * ratio);
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const t = tile.getContext('2d');
  if (!t) return theme.sunken;
  t.fillStyle = theme.sunken;
  t.fillRect(0, 0, size, size);
  t.strokeStyle = theme.axis;
  t.lineWidth = ratio;
  t.beginPath();
  // Two strokes so the diagonal continues across tile edges.
  t.moveTo(0, size);
  t.lineTo(size, 0);
  t.moveTo(-size / 2, size / 2);
  t.lineTo(size / 2, -size / 2);
  t.moveTo(size / 2, size * 1.5);
  t.lineTo(size * 1.5, size / 2);
  t.stroke();
  return ctx.createPattern(tile, 'repeat') ?? theme.sunken;
}

function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let cut = text.length;
  while (cut > 1 && ctx.measureText(`${text.slice(0, cut)}…`).width > maxWidth) cut--;
  return `${text.slice(0, cut)}…`;
}

export function drawHeatmap(canvas: HTMLCanvasElement, scene: HeatmapScene): void {
  const { ratio, theme, layout, data, window: view } = scene;
  const height = heatmapHeight(layout);
  const pxWidth = Math.round(scene.width * ratio);
  const pxHeight = Math.round(height * ratio);
  if (canvas.width !== pxWidth || canvas.height !== pxHeight) {
    canvas.width = pxWidth;
    canvas.height = pxHeight;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, scene.width, height);
  const left = scene.gutter;
  const plotWidth = Math.max(10, scene.width - left - HEAT_RIGHT_PAD);
  const x = linearScale(view.fromSec, view.toSec, left, left + plotWidth);
  const font = theme.fontFamily;

  // Cells: where the matrix has columns, the hatch ("not running") under the row, then the row's slice of the
  // image over it. Outside the matrix (a window still being fetched) the row stays empty, not "not running".
  const dataFrom = Math.max(view.fromSec, data.startSec);
  const dataTo = Math.min(view.toSec, data.startSec + data.columns * data.stepSec);
  const pattern = hatch(ctx, theme, ratio);
  ctx.imageSmoothingEnabled = false;
  for (const row of layout.rows) {
    if (row.kind !== 'operator') continue;
    ctx.fillStyle = theme.sunken;
    ctx.globalAlpha = 0.5;
    ctx.fillRect(left, row.y + 1, plotWidth, row.height - 2);
    ctx.globalAlpha = 1;
    if (dataTo > dataFrom) {
      ctx.fillStyle = pattern;
      ctx.fillRect(x(dataFrom), row.y + 1, x(dataTo) - x(dataFrom), row.height - 2);
      const sx = (dataFrom - data.startSec) / data.stepSec;
      const sw = (dataTo - dataFrom) / data.stepSec;
      ctx.drawImage(
        scene.image,
        sx,
        row.dataRow,
        sw,
        1,
        x(dataFrom),
        row.y + 1,
        x(dataTo) - x(dataFrom),
        row.height - 2,
      );
    }
  }

  // Time grid over the cells, faint, and the axis below.
  const ticks = timeTicks(view.fromSec, view.toSec, Math.max(2, Math.floor(plotWidth / X_TICK_SPACE)));
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of ticks.values) {
    const px = Math.round(x(t)) + 0.5;
    ctx.moveTo(px, 0);
    ctx.lineTo(px, layout.height);
  }
  ctx.globalAlpha = 0.6;
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.strokeStyle = theme.axis;
  ctx.beginPath();
  ctx.moveTo(left, layout.height + 0.5);
  ctx.lineTo(left + plotWidth, layout.height + 0.5);
  ctx.stroke();
  ctx.fillStyle = theme.muted;
  ctx.font = `11px ${font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks.values) ctx.fillText(formatTimeTick(t, ticks.step), x(t), layout.height + 7);

  // Labels: layer headers across the row, operators right-aligned against the cells.
  ctx.textBaseline = 'middle';
  for (const row of layout.rows) {
    if (row.kind === 'layer') {
      ctx.textAlign = 'left';
      ctx.fillStyle = theme.muted;
      ctx.font = `600 10.5px ${font}`;
      ctx.fillText(layerTitle(row.layer).toUpperCase(), 4, row.y + row.height / 2 + 1);
      if (row.y > 0) {
        ctx.strokeStyle = theme.grid;
        ctx.beginPath();
        ctx.moveTo(0, row.y + 0.5);
        ctx.lineTo(left + plotWidth, row.y + 0.5);
        ctx.stroke();
      }
    } else {
      ctx.textAlign = 'right';
      ctx.fillStyle = theme.text;
      ctx.font = `11.5px ${font}`;
      ctx.fillText(fitText(ctx, row.id, left - 16), left - 8, row.y + row.height / 2 + 0.5);
    }
  }

  if (scene.cursorSec !== null && scene.cursorSec >= view.fromSec && scene.cursorSec <= view.toSec) {
    const px = Math.round(x(scene.cursorSec)) + 0.5;
    ctx.strokeStyle = theme.text;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(px, 0);
    ctx.lineTo(px, layout.height);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (scene.selection) {
    const a = Math.max(left, Math.min(scene.selection.fromPx, scene.selection.toPx));
    const b = Math.min(left + plotWidth, Math.max(scene.selection.fromPx, scene.selection.toPx));
    ctx.fillStyle = theme.info;
    ctx.globalAlpha = 0.15;
    ctx.fillRect(a, 0, b - a, layout.height);
    ctx.globalAlpha = 1;
  }
}

/** The plot's extent in CSS pixels, for pointer arithmetic. */
export function heatPlotBox(width: number, gutter: number): { left: number; width: number } {
  return { left: gutter, width: Math.max(10, width - gutter - HEAT_RIGHT_PAD) };
}
