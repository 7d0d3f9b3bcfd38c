// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { FALLBACK_THEMES } from './chart-theme';
import { heatmapToSvg, type SvgHeatmapModel } from './heatmap-svg';

const N = Number.NaN;

function model(values: number[], overrides: Partial<SvgHeatmapModel> = {}): SvgHeatmapModel {
  return {
    title: 'Back pressure <by operator>',
    width: 800,
    theme: FALLBACK_THEMES.dark,
    window: { fromSec: 0, toSec: 600 },
    operators: [
      { id: 'kafka-clicks', layer: 'layer1' },
      { id: 'currency-convert & co', layer: 'layer3' },
    ],
    layers: ['layer1', 'layer2', 'layer3'],
    startSec: 0,
    stepSec: 100,
    columns: 6,
    values: Float32Array.from(values),
    ...overrides,
  };
}

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('heatmapToSvg', () => {
  it('labels layers and operators, escaping the names', () => {
    const svg = heatmapToSvg(model([0, 0, 0, 0, 0, 0, 1000, 1000, 1000, N, N, N]));
    const texts = [...parse(svg).getElementsByTagName('text')].map((t) => t.textContent);
    expect(texts).toEqual(
      expect.arrayContaining(['LAYER 1', 'LAYER 3', 'kafka-clicks', 'currency-convert & co']),
    );
    expect(texts).toContain('Back pressure <by operator>');
    expect(svg).toContain('currency-convert &amp; co');
  });

  it('merges neighbouring cells of one colour and hatches the time an operator was not running', () => {
    const doc = parse(heatmapToSvg(model([0, 0, 0, 0, 0, 0, 1000, 1000, 1000, N, N, N])));
    const cells = [...doc.querySelectorAll('.cells rect')];
    expect(cells).toHaveLength(3);
    const [calm, hot, stopped] = cells;
    expect(Number(calm!.getAttribute('width'))).toBeCloseTo(600, 0);
    expect(hot!.getAttribute('fill')).not.toBe(calm!.getAttribute('fill'));
    expect(stopped!.getAttribute('fill')).toBe('url(#not-running)');
    expect(Number(stopped!.getAttribute('x'))).toBeCloseTo(180 + 300, 0);
  });

  it('draws only the columns inside the window, at the window scale', () => {
    const doc = parse(
      heatmapToSvg(
        model([0, 1000, 0, 1000, 0, 1000, 0, 0, 0, 0, 0, 0], { window: { fromSec: 200, toSec: 400 } }),
      ),
    );
    const first = doc.querySelector('.cells rect')!;
    expect(Number(first.getAttribute('x'))).toBeCloseTo(180, 0);
    expect(doc.querySelectorAll('.cells rect').length).toBeLessThanOrEqual(5);
  });
});
