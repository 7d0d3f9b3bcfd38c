// The back-pressure colour scale: calm (a faint green) through amber to red at 1000 ms/s, with lightness
// changing monotonically so it also reads in greyscale and for colour-blind eyes; "not running" is transparent
// on the pixel buffer and drawn hatched underneath.
import { hexToRgb, type ThemeName } from '../../shared/report/chart/series-palette';

/** Back-pressured ms per second at which a cell is fully hot. */
export const HEAT_MAX_MS = 1000;

const RAMPS: Record<ThemeName, readonly string[]> = {
  light: ['#d9ede1', '#f4dc8e', '#f0a24a', '#dd5a35', '#a81c28'],
  dark: ['#1f3329', '#5e4c1d', '#a8631f', '#d9532f', '#ff6257'],
};

export type Rgb = readonly [number, number, number];

/** 256 colours from calm to hot; index = round(value / HEAT_MAX_MS * 255), clamped. */
export function heatLut(theme: ThemeName): Rgb[] {
  const stops = RAMPS[theme].map(hexToRgb);
  const lut: Rgb[] = [];
  for (let i = 0; i < 256; i++) {
    const pos = (i / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(pos));
    const f = pos - k;
    const a = stops[k]!;
    const b = stops[k + 1]!;
    lut.push([
      Math.round(a[0] + (b[0] - a[0]) * f),
      Math.round(a[1] + (b[1] - a[1]) * f),
      Math.round(a[2] + (b[2] - a[2]) * f),
    ]);
  }
  return lut;
}

/** The LUT index of a value, or -1 for NaN (not running). */
export function heatIndex(msPerSecond: number): number {
  if (Number.isNaN(msPerSecond)) return -1;
  const f = Math.min(1, Math.max(0, msPerSecond / HEAT_MAX_MS));
  return Math.round(f * 255);
}

export function heatColor(msPerSecond: number, lut: readonly Rgb[]): string | null {
  const index = heatIndex(msPerSecond);
  if (index < 0) return null;
  const [r, g, b] = lut[index]!;
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * RGBA pixels for a rows x columns matrix (row-major, as Heatmap.values), one pixel per cell, NaN transparent:
 * drawn once to an offscreen canvas and scaled onto the plot, so zooming redraws without touching the values.
 */
export function heatPixels(
  values: ArrayLike<number>,
  rows: number,
  columns: number,
  lut: readonly Rgb[],
): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(rows * columns * 4);
  for (let i = 0; i < rows * columns; i++) {
    const index = heatIndex(values[i] as number);
    if (index < 0) continue;
    const [r, g, b] = lut[index]!;
    const o = i * 4;
    pixels[o] = r;
    pixels[o + 1] = g;
    pixels[o + 2] = b;
    pixels[o + 3] = 255;
  }
  return pixels;
}
