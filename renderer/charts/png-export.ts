// PNG export: the chart's own canvas (series, axes, limit lines, markers) with the title above and the legend
// below drawn in, on the theme's background, at the screen's pixel density.

import type { LegendItem } from '../../shared/report/chart/svg-markup';
import type { ChartTheme } from './chart-theme';

export interface PngInput {
  canvas: HTMLCanvasElement;
  /** Device pixels per CSS pixel of `canvas`. */
  ratio: number;
  theme: ChartTheme;
  title: string;
  subtitle?: string;
  legend?: readonly LegendItem[];
}

const PAD = 12;

export function composePng(input: PngInput): Promise<Blob> {
  const { canvas, ratio, theme } = input;
  const out = document.createElement('canvas');
  const measure = out.getContext('2d')!;
  measure.font = `${12 * ratio}px ${theme.fontFamily}`;
  const legendRows = layoutRows(measure, input.legend ?? [], canvas.width - 2 * PAD * ratio, ratio);
  const header = (input.subtitle ? 46 : 32) * ratio;
  const legendHeight = legendRows.length > 0 ? (legendRows[legendRows.length - 1]!.y + 22) * ratio : 0;
  out.width = canvas.width;
  out.height = header + canvas.height + legendHeight + PAD * ratio;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = theme.text;
  ctx.font = `600 ${15 * ratio}px ${theme.fontFamily}`;
  ctx.fillText(input.title, PAD * ratio, 22 * ratio);
  if (input.subtitle) {
    ctx.fillStyle = theme.muted;
    ctx.font = `${12 * ratio}px ${theme.fontFamily}`;
    ctx.fillText(input.subtitle, PAD * ratio, 39 * ratio);
  }
  ctx.drawImage(canvas, 0, header);
  ctx.font = `${12 * ratio}px ${theme.fontFamily}`;
  const legendTop = header + canvas.height + 4 * ratio;
  for (const item of legendRows) {
    ctx.fillStyle = item.color;
    ctx.fillRect(item.x * ratio, legendTop + (item.y + 4) * ratio, 10 * ratio, 10 * ratio);
    ctx.fillStyle = theme.text;
    ctx.fillText(item.label, (item.x + 14) * ratio, legendTop + (item.y + 13) * ratio);
  }
  return new Promise((resolve, reject) =>
    out.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be encoded as PNG.'))),
      'image/png',
    ),
  );
}

function layoutRows(
  ctx: CanvasRenderingContext2D,
  items: readonly LegendItem[],
  widthPx: number,
  ratio: number,
): Array<LegendItem & { x: number; y: number }> {
  const placed: Array<LegendItem & { x: number; y: number }> = [];
  let x = PAD;
  let y = 0;
  const width = widthPx / ratio;
  for (const item of items) {
    const w = 14 + ctx.measureText(item.label).width / ratio + 16;
    if (x > PAD && x + w > width) {
      x = PAD;
      y += 18;
    }
    placed.push({ ...item, x, y });
    x += w;
  }
  return placed;
}
