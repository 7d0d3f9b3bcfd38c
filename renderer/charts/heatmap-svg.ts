// Writes the back-pressure heat map as a standalone SVG: operator labels grouped by layer, cells as rectangles
// (neighbouring cells of the same colour merged, so a day of data stays a small file), "not running" hatched,
// the time axis and the colour scale.
import { formatTimeTick, timeTicks, X_TICK_SPACE } from '../../shared/report/chart/axis-ticks';
import { linearScale } from '../../shared/report/chart/chart-scales';
import type { TimeRange } from '../../shared/report/chart/chart-series';
import { attrs, escapeXml, svgDocument } from '../../shared/report/chart/svg-markup';
import type { ChartTheme } from './chart-theme';
import { HEAT_MAX_MS, heatIndex, heatLut } from './heatmap-colors';
import { type HeatmapOperator, heatmapRows, layerTitle } from './heatmap-layout';

export interface SvgHeatmapModel {
  title: string;
  subtitle?: string;
  width: number;
  theme: ChartTheme;
  window: TimeRange;
  operators: readonly HeatmapOperator[];
  layers?: readonly string[];
  startSec: number;
  stepSec: number;
  columns: number;
  /** Row-major operators x columns, ms/s, NaN where the operator was not running. */
  values: ArrayLike<number>;
  labelWidth?: number;
}

const TITLE = 34;
const AXIS = 30;
const SCALE = 22;
/** 64 colour levels: invisible steps on screen, far fewer rectangles in the file. */
const LEVEL = 4;

export function heatmapToSvg(model: SvgHeatmapModel): string {
  const { theme } = model;
  const left = model.labelWidth ?? 180;
  const right = 20;
  const plotWidth = model.width - left - right;
  const layout = heatmapRows(model.operators, model.layers);
  const top = TITLE + (model.subtitle ? 14 : 0);
  const height = top + layout.height + AXIS + SCALE;
  const x = linearScale(model.window.fromSec, model.window.toSec, left, left + plotWidth);
  const lut = heatLut(theme.name);
  const body: string[] = [];

  body.push(`<rect ${attrs({ width: model.width, height, fill: theme.background })}/>`);
  body.push(
    `<defs><pattern id="not-running" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect ${attrs({ width: 6, height: 6, fill: theme.sunken })}/><line ${attrs({ x1: 0, y1: 0, x2: 0, y2: 6, stroke: theme.axis, 'stroke-width': 2 })}/></pattern>` +
      `<clipPath id="heat-clip"><rect ${attrs({ x: left, y: top, width: plotWidth, height: layout.height })}/></clipPath></defs>`,
  );
  body.push(
    `<text ${attrs({ x: left, y: 22, 'font-size': 15, 'font-weight': 600, fill: theme.text })}>${escapeXml(model.title)}</text>`,
  );
  if (model.subtitle) {
    body.push(
      `<text ${attrs({ x: left, y: 39, 'font-size': 12, fill: theme.muted })}>${escapeXml(model.subtitle)}</text>`,
    );
  }

  const cells: string[] = [];
  const first = Math.max(0, Math.floor((model.window.fromSec - model.startSec) / model.stepSec));
  const last = Math.min(model.columns - 1, Math.ceil((model.window.toSec - model.startSec) / model.stepSec));
  for (const row of layout.rows) {
    const y = top + row.y;
    if (row.kind === 'layer') {
      body.push(
        `<text ${attrs({ x: 8, y: y + 13, 'font-size': 11, 'font-weight': 600, fill: theme.muted })}>${escapeXml(layerTitle(row.layer).toUpperCase())}</text>`,
      );
      continue;
    }
    body.push(
      `<text ${attrs({ x: left - 8, y: y + row.height - 4, 'font-size': 11, 'text-anchor': 'end', fill: theme.text })}>${escapeXml(row.id)}</text>`,
    );
    let runStart = first;
    let runLevel = Number.NaN;
    const emit = (endColumn: number) => {
      if (Number.isNaN(runLevel) || endColumn <= runStart) return;
      const x0 = x(model.startSec + runStart * model.stepSec);
      const x1 = x(model.startSec + endColumn * model.stepSec);
      const fill = runLevel < 0 ? 'url(#not-running)' : rgbHex(lut[Math.min(255, runLevel)]!);
      cells.push(
        `<rect ${attrs({ x: x0, y: y + 1, width: Math.max(0.5, x1 - x0), height: row.height - 2, fill })}/>`,
      );
    };
    for (let c = first; c <= last; c++) {
      const index = heatIndex(model.values[row.dataRow * model.columns + c] as number);
      const level = index < 0 ? -1 : Math.round(index / LEVEL) * LEVEL;
      if (level !== runLevel) {
        emit(c);
        runStart = c;
        runLevel = level;
      }
    }
    emit(last + 1);
  }
  body.push(`<g class="cells" clip-path="url(#heat-clip)">${cells.join('')}</g>`);

  const axisY = top + layout.height;
  const ticks = timeTicks(
    model.window.fromSec,
    model.window.toSec,
    Math.max(2, Math.floor(plotWidth / X_TICK_SPACE)),
  );
  body.push(`<line ${attrs({ x1: left, x2: left + plotWidth, y1: axisY, y2: axisY, stroke: theme.axis })}/>`);
  for (const t of ticks.values) {
    body.push(
      `<text ${attrs({ x: x(t), y: axisY + 18, 'font-size': 11, 'text-anchor': 'middle', fill: theme.muted })}>${escapeXml(formatTimeTick(t, ticks.step))}</text>`,
    );
  }

  body.push(scaleMarkup(left, axisY + AXIS + 4, theme, lut));
  return svgDocument(model.width, height, theme.fontFamily, body);
}

function scaleMarkup(
  left: number,
  y: number,
  theme: ChartTheme,
  lut: ReadonlyArray<readonly [number, number, number]>,
): string {
  const stops = [0, 64, 128, 192, 255]
    .map(
      (i) => `<stop ${attrs({ offset: `${Math.round((i / 255) * 100)}%`, 'stop-color': rgbHex(lut[i]!) })}/>`,
    )
    .join('');
  return (
    `<g class="scale"><defs><linearGradient id="heat-scale">${stops}</linearGradient></defs>` +
    `<text ${attrs({ x: left, y: y + 9, 'font-size': 11, fill: theme.muted })}>0</text>` +
    `<rect ${attrs({ x: left + 14, y, width: 140, height: 10, fill: 'url(#heat-scale)', rx: 2 })}/>` +
    `<text ${attrs({ x: left + 160, y: y + 9, 'font-size': 11, fill: theme.muted })}>${HEAT_MAX_MS} ms/s back-pressured</text>` +
    `<rect ${attrs({ x: left + 310, y, width: 18, height: 10, fill: 'url(#not-running)' })}/>` +
    `<text ${attrs({ x: left + 334, y: y + 9, 'font-size': 11, fill: theme.muted })}>not running</text></g>`
  );
}

function rgbHex([r, g, b]: readonly [number, number, number]): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
