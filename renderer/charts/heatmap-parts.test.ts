import { describe, expect, it } from 'vitest';
import { HEAT_MAX_MS, heatColor, heatIndex, heatLut, heatPixels } from './heatmap-colors';
import { columnAt, heatmapRows, layerTitle, rowAt } from './heatmap-layout';

function lightness([r, g, b]: readonly [number, number, number]): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('heat colour scale', () => {
  it('runs from calm to hot with lightness moving one way (readable without colour)', () => {
    const light = heatLut('light').map(lightness);
    const dark = heatLut('dark');
    for (let i = 1; i < light.length; i++) expect(light[i]!).toBeLessThanOrEqual(light[i - 1]! + 0.5);
    // On dark the hot end is the brightest red, the calm end close to the background.
    expect(lightness(dark[0]!)).toBeLessThan(lightness(dark[200]!));
    const [r, g, b] = heatLut('light')[255]!;
    expect(r).toBeGreaterThan(g + 100);
    expect(r).toBeGreaterThan(b + 100);
  });

  it('clamps values and marks NaN as not running', () => {
    expect(heatIndex(0)).toBe(0);
    expect(heatIndex(HEAT_MAX_MS)).toBe(255);
    expect(heatIndex(5000)).toBe(255);
    expect(heatIndex(-3)).toBe(0);
    expect(heatIndex(Number.NaN)).toBe(-1);
    expect(heatColor(Number.NaN, heatLut('dark'))).toBeNull();
    expect(heatColor(500, heatLut('dark'))).toMatch(/^rgb\(/);
  });

  it('writes one opaque pixel per cell and leaves NaN cells transparent', () => {
    const pixels = heatPixels(Float32Array.from([0, 1000, Number.NaN, 500]), 2, 2, heatLut('light'));
    expect(pixels).toHaveLength(16);
    expect([pixels[3], pixels[7], pixels[11], pixels[15]]).toEqual([255, 255, 0, 255]);
    expect([pixels[4], pixels[5], pixels[6]]).toEqual([...heatLut('light')[255]!]);
  });
});

describe('heat map rows', () => {
  const operators = [
    { id: 'druid-sink', layer: 'layer3' },
    { id: 'kafka-clicks', layer: 'layer1' },
    { id: 'join', layer: 'layer2' },
    { id: 'kafka-impressions', layer: 'layer1' },
  ];

  it('groups operators under their layer in the plan order, keeping each data row', () => {
    const layout = heatmapRows(operators, ['layer1', 'layer2', 'layer3'], 10, 20);
    expect(layout.rows.map((r) => (r.kind === 'layer' ? `# ${r.layer}` : `${r.id}@${r.dataRow}`))).toEqual([
      '# layer1',
      'kafka-clicks@1',
      'kafka-impressions@3',
      '# layer2',
      'join@2',
      '# layer3',
      'druid-sink@0',
    ]);
    expect(layout.height).toBe(3 * 20 + 4 * 10);
  });

  it('finds the operator under the pointer and nothing on a header', () => {
    const layout = heatmapRows(operators, ['layer1', 'layer2', 'layer3'], 10, 20);
    expect(rowAt(layout, 25)?.id).toBe('kafka-clicks');
    expect(rowAt(layout, 39)?.id).toBe('kafka-impressions');
    expect(rowAt(layout, 5)).toBeNull();
    expect(rowAt(layout, 1000)).toBeNull();
  });

  it('names layers and finds columns', () => {
    expect(layerTitle('layer3')).toBe('Layer 3');
    expect(layerTitle('sources')).toBe('sources');
    expect(columnAt(100, 10, 5, 125)).toBe(2);
    expect(columnAt(100, 10, 5, 99)).toBe(-1);
    expect(columnAt(100, 10, 5, 150)).toBe(-1);
  });
});
