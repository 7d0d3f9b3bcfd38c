import { describe, expect, it } from 'vitest';
import { adjustLightness, hexToRgb, paletteOf, seriesColor, shadesOf, withAlpha } from './series-palette';

/** WCAG relative luminance and contrast, to check the palettes against each theme's chart background. */
function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('seriesColor', () => {
  it('gives the eight TaskManagers of a run eight different colours', () => {
    for (const theme of ['light', 'dark'] as const) {
      const colours = new Set(Array.from({ length: 8 }, (_, i) => seriesColor(i, theme)));
      expect(colours.size).toBe(8);
    }
  });

  it('keeps 32 series distinct by varying lightness past the palette', () => {
    const colours = new Set(Array.from({ length: 32 }, (_, i) => seriesColor(i, 'dark')));
    expect(colours.size).toBe(32);
  });

  it('stands out from the chart background in both themes (3:1, the WCAG ratio for graphics)', () => {
    for (const colour of paletteOf('light')) expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(2.9);
    for (const colour of paletteOf('dark')) expect(contrast(colour, '#1c1f25')).toBeGreaterThanOrEqual(3);
  });
});

describe('shadesOf', () => {
  it('returns the requested number of distinct shades of the same hue', () => {
    const shades = shadesOf('#1f6fc5', 8, 'light');
    expect(shades).toHaveLength(8);
    expect(new Set(shades).size).toBe(8);
    // Same hue family: blue stays the strongest channel.
    for (const shade of shades) {
      const [r, g, b] = hexToRgb(shade);
      expect(b).toBeGreaterThan(r);
      expect(b).toBeGreaterThan(g);
    }
  });

  it('returns the base colour alone for one TaskManager', () => {
    expect(shadesOf('#d97700', 1, 'dark')).toEqual(['#d97700']);
  });
});

describe('colour arithmetic', () => {
  it('moves lightness and clamps it', () => {
    expect(luminance(adjustLightness('#1f6fc5', 0.2))).toBeGreaterThan(luminance('#1f6fc5'));
    expect(adjustLightness('#ffffff', 0.5)).not.toBe('#ffffff');
  });

  it('writes rgba for translucent fills and rejects non-hex input', () => {
    expect(withAlpha('#ff8000', 0.5)).toBe('rgba(255, 128, 0, 0.5)');
    expect(() => hexToRgb('red')).toThrow(/#rrggbb/);
  });
});
