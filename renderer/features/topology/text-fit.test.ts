import { describe, expect, it } from 'vitest';
import { estimateTextWidth, fitText } from './text-fit';

describe('estimateTextWidth', () => {
  it('gives monospace text 0.6 em per character', () => {
    expect(estimateTextWidth('currency-convert', 10, true)).toBeCloseTo(96);
  });

  it('treats narrow letters as narrower than wide ones', () => {
    expect(estimateTextWidth('iiii', 12)).toBeLessThan(estimateTextWidth('mmmm', 12));
  });
});

describe('fitText', () => {
  const at12 = (text: string) => estimateTextWidth(text, 12);

  it('keeps text that fits', () => {
    expect(fitText('Druid sink', 120, at12)).toBe('Druid sink');
  });

  it('truncates with an ellipsis to within the width', () => {
    const fitted = fitText('KV-store enrichment (async RPC)', 120, at12);
    expect(fitted.endsWith('…')).toBe(true);
    expect(estimateTextWidth(fitted, 12)).toBeLessThanOrEqual(120);
    expect('KV-store enrichment (async RPC)'.startsWith(fitted.slice(0, -1))).toBe(true);
  });

  it('gives up with an empty string when nothing fits', () => {
    expect(fitText('network', 4, at12)).toBe('');
  });
});
