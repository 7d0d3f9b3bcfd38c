// Paints the bars of dense pixel columns straight into a pixel buffer, one opaque colour per series, and puts the
// buffer on the chart in one drawImage. Measured in software-rendered Chromium (no GPU), 32 series drawn as
// paths took 50-200 ms of rasterisation per frame at full width; written as pixels they take a few ms.

import { hexToRgb } from '../../shared/report/chart/series-palette';
import type { SeriesBars } from './pixel-columns';

export interface BarSeries {
  bars: SeriesBars;
  /** Packed RGBA (little-endian Uint32, as ImageData's buffer reads), from packColor. */
  rgba: number;
}

/** A #rrggbb colour as the Uint32 an ImageData buffer holds on little-endian machines (alpha opaque). */
export function packColor(hex: string): number {
  const [r, g, b] = hexToRgb(hex);
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/**
 * Writes the bars into `pixels` (width x height, row-major), later series over earlier ones. The buffer's origin
 * is at (originX, originY) in the bars' coordinates; columns outside it are skipped and rows are clipped to it.
 */
export function rasterizeBars(
  pixels: Uint32Array,
  width: number,
  height: number,
  series: readonly BarSeries[],
  originX = 0,
  originY = 0,
): void {
  for (const { bars, rgba } of series) {
    const { x, top, bottom, count } = bars;
    for (let i = 0; i < count; i++) {
      const column = Math.round((x[i] as number) - originX);
      if (column < 0 || column >= width) continue;
      const y0 = Math.max(0, Math.round((top[i] as number) - originY));
      const y1 = Math.min(height, Math.max(y0 + 1, Math.round((bottom[i] as number) - originY)));
      paintColumn(pixels, y0 * width + column, y1 - y0, width, rgba);
    }
  }
}

/**
 * `rows` pixels down one column from offset `o`. A function of its own, not a loop inside the loop over bars: the
 * engine compiled that inner loop on its own while a zoom began and threw the code away at every exit from it (once
 * per bar), so the first frames of a zoom ran in the interpreter.
 */
function paintColumn(pixels: Uint32Array, o: number, rows: number, width: number, rgba: number): void {
  for (let end = o + rows * width; o < end; o += width) pixels[o] = rgba;
}

/** Keeps the offscreen buffer between frames (reallocated only when the plot's size changes). */
export class BarLayer {
  private canvas: HTMLCanvasElement | null = null;
  private image: ImageData | null = null;

  /** Paints the series' bars over the plot box (canvas pixels) of `ctx`. */
  draw(
    ctx: CanvasRenderingContext2D,
    box: { left: number; top: number; width: number; height: number },
    series: readonly BarSeries[],
  ): void {
    if (series.every((s) => s.bars.count === 0)) return;
    const width = Math.max(1, Math.round(box.width));
    const height = Math.max(1, Math.round(box.height));
    if (!this.canvas || !this.image || this.image.width !== width || this.image.height !== height) {
      this.canvas = document.createElement('canvas');
      this.canvas.width = width;
      this.canvas.height = height;
      this.image = new ImageData(width, height);
    }
    const pixels = new Uint32Array(this.image.data.buffer);
    pixels.fill(0);
    const left = Math.round(box.left);
    const top = Math.round(box.top);
    rasterizeBars(pixels, width, height, series, left, top);
    this.canvas.getContext('2d')!.putImageData(this.image, 0, 0);
    ctx.drawImage(this.canvas, left, top);
  }
}
