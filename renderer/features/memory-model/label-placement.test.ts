import { describe, expect, it } from 'vitest';
import { type PlacedLabel, placeLabels } from './label-placement';

function expectApart(labels: PlacedLabel[], total: number, gap: number) {
  for (const a of labels) {
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.x + a.width).toBeLessThanOrEqual(total + 1e-9);
    for (const b of labels) {
      if (a === b || a.row !== b.row) continue;
      expect(a.x + a.width + gap <= b.x + 1e-9 || b.x + b.width + gap <= a.x + 1e-9).toBe(true);
    }
  }
}

describe('placeLabels', () => {
  it('centres labels that have room', () => {
    const labels = placeLabels([{ id: 'a', centre: 100, width: 40 }], 500);
    expect(labels[0]).toMatchObject({ x: 80, row: 0 });
  });

  it('keeps labels inside the width', () => {
    const labels = placeLabels([{ id: 'a', centre: 495, width: 40 }], 500);
    expect(labels[0]).toMatchObject({ x: 460, row: 0 });
  });

  it('slides neighbours apart before giving up a row', () => {
    const labels = placeLabels(
      [
        { id: 'a', centre: 200, width: 100 },
        { id: 'b', centre: 230, width: 100 },
      ],
      500,
      8,
    );
    expect(labels.every((l) => l.row === 0)).toBe(true);
    expectApart(labels, 500, 8);
  });

  it('pushes earlier labels left when the last one hits the right edge', () => {
    const labels = placeLabels(
      [
        { id: 'a', centre: 380, width: 100 },
        { id: 'b', centre: 480, width: 100 },
      ],
      500,
      8,
    );
    expect(labels.every((l) => l.row === 0)).toBe(true);
    expect(labels.find((l) => l.id === 'b')?.x).toBe(400);
    expectApart(labels, 500, 8);
  });

  it('moves a label that cannot fit to the next row', () => {
    const labels = placeLabels(
      [
        { id: 'a', centre: 100, width: 200 },
        { id: 'b', centre: 150, width: 200 },
        { id: 'c', centre: 200, width: 200 },
      ],
      450,
      8,
    );
    expect(labels.find((l) => l.id === 'c')?.row).toBe(1);
    expectApart(labels, 450, 8);
  });
});
