import { describe, expect, it } from 'vitest';
import { DENSE_SCREEN_LINE_CSS_PX, seriesLineWidth } from './line-width';

describe('seriesLineWidth', () => {
  it('is one device pixel on screens with fewer than 1.5 device pixels per CSS pixel', () => {
    expect(seriesLineWidth(1)).toBe(1);
    expect(seriesLineWidth(1.25) * 1.25).toBeCloseTo(1, 9);
    expect(seriesLineWidth(0.5) * 0.5).toBeCloseTo(1, 9);
  });

  it('is 1.4 CSS pixels on dense screens', () => {
    expect(seriesLineWidth(1.5)).toBe(DENSE_SCREEN_LINE_CSS_PX);
    expect(seriesLineWidth(2)).toBe(1.4);
    expect(seriesLineWidth(3)).toBe(1.4);
  });

  it('falls back to one CSS pixel for a ratio that is not a positive number', () => {
    expect(seriesLineWidth(0)).toBe(1);
    expect(seriesLineWidth(Number.NaN)).toBe(1);
    expect(seriesLineWidth(-2)).toBe(1);
  });
});
