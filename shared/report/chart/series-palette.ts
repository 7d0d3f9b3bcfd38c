// Colours for series: one palette per theme (saturated on light, lighter on dark), ordered so the first few are
// far apart for colour-blind readers (Okabe-Ito hues first), and shades of one hue for a run's TaskManagers.

export type ThemeName = 'light' | 'dark';

/** Okabe-Ito order (blue, orange, bluish green, reddish purple, sky, yellow, vermillion), then violet, tan, grey. */
const PALETTES: Record<ThemeName, readonly string[]> = {
  light: [
    '#1f6fc5',
    '#d97700',
    '#00917f',
    '#b4449f',
    '#3a9fd6',
    '#a68a00',
    '#cf4f2a',
    '#6a55c8',
    '#8f6235',
    '#5f6b7a',
  ],
  dark: [
    '#6ea8ff',
    '#ffa64d',
    '#3fd0b9',
    '#e581d4',
    '#7fd3ff',
    '#e4cf5c',
    '#ff8a65',
    '#ab9dff',
    '#d6a877',
    '#a8b2c1',
  ],
};

export function paletteOf(theme: ThemeName): readonly string[] {
  return PALETTES[theme];
}

/** The colour of the i-th series; past the palette the hues repeat a little lighter/darker so neighbours differ. */
export function seriesColor(index: number, theme: ThemeName): string {
  const palette = PALETTES[theme];
  const base = palette[index % palette.length]!;
  const round = Math.floor(index / palette.length);
  if (round === 0) return base;
  // Rounds alternate darker and lighter, further each time; dark themes go darker first (their palette is light).
  const step = 0.1 * Math.ceil(round / 2);
  const towardsBackground = round % 2 === 1;
  const darker = theme === 'dark' ? towardsBackground : !towardsBackground;
  return adjustLightness(base, darker ? -step : step * 0.8);
}

/**
 * `count` shades of one colour for the TaskManagers of one run: lightness spread around the base so the run's hue
 * stays recognisable and its TaskManagers can still be told apart (overlay mode, legend by run).
 */
export function shadesOf(base: string, count: number, theme: ThemeName): string[] {
  if (count <= 1) return [base];
  const spread = Math.min(0.26, 0.045 * count);
  // Dark palettes are already light, so their shades go mostly darker; light palettes mostly lighter. Either
  // way no shade gets close to the background or to white.
  const [low, high] = theme === 'dark' ? [-0.7 * spread, 0.3 * spread] : [-0.3 * spread, 0.7 * spread];
  const shades: string[] = [];
  for (let i = 0; i < count; i++) {
    const offset = low + (i / (count - 1)) * (high - low);
    shades.push(adjustLightness(base, offset, theme === 'dark' ? [0.38, 0.8] : [0.22, 0.66]));
  }
  return shades;
}

interface Hsl {
  h: number;
  s: number;
  l: number;
}

export function hexToRgb(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`hexToRgb: '${hex}' is not a #rrggbb colour`);
  const n = Number.parseInt(match[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbToHex(r: number, g: number, b: number): string {
  const part = (v: number) =>
    Math.round(Math.min(255, Math.max(0, v)))
      .toString(16)
      .padStart(2, '0');
  return `#${part(r)}${part(g)}${part(b)}`;
}

function rgbToHsl(r: number, g: number, b: number): Hsl {
  const rn = r / 255;
  const gn = g / 255;
  const bn = b / 255;
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return { h: 0, s: 0, l };
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h: number;
  if (max === rn) h = (gn - bn) / d + (gn < bn ? 6 : 0);
  else if (max === gn) h = (bn - rn) / d + 2;
  else h = (rn - gn) / d + 4;
  return { h: h / 6, s, l };
}

function hslToRgb({ h, s, l }: Hsl): [number, number, number] {
  if (s === 0) return [l * 255, l * 255, l * 255];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t0: number) => {
    let t = t0;
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  return [channel(h + 1 / 3) * 255, channel(h) * 255, channel(h - 1 / 3) * 255];
}

/** The colour with its HSL lightness moved by `delta` (-1..1), kept inside `bounds` so it never vanishes. */
export function adjustLightness(
  hex: string,
  delta: number,
  bounds: readonly [number, number] = [0.15, 0.9],
): string {
  const hsl = rgbToHsl(...hexToRgb(hex));
  const l = Math.min(bounds[1], Math.max(bounds[0], hsl.l + delta));
  return rgbToHex(...hslToRgb({ ...hsl, l }));
}

/** `rgba()` of a #rrggbb colour, for translucent fills (selection, limit label backgrounds). */
export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = hexToRgb(hex);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
