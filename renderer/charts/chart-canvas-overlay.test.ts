// @vitest-environment jsdom
import type uPlot from 'uplot';
import { describe, expect, it, vi } from 'vitest';
import { canvasLinear, canvasX, canvasY, PixelWindow } from './chart-canvas-overlay';

// uPlot reads the screen's pixel ratio through matchMedia when it loads, which jsdom lacks (vi.hoisted runs before
// the imports).
vi.hoisted(() => {
  window.matchMedia = ((query: string) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
  })) as unknown as typeof window.matchMedia;
});

/** The parts of a uPlot instance the pixel maps read: its scales and its plot box (canvas pixels). */
function plot(x: [number, number] | null, y: [number, number] | null): uPlot {
  return {
    scales: {
      x: { min: x?.[0] ?? null, max: x?.[1] ?? null },
      y: { min: y?.[0] ?? null, max: y?.[1] ?? null },
    },
    bbox: { left: 12, top: 30, width: 1500, height: 290 },
  } as unknown as uPlot;
}

describe('canvasLinear', () => {
  it('maps times and values to the same pixels as canvasX and canvasY', () => {
    const u = plot([3600.25, 9000.5], [-2e6, 1.25e9]);
    const w = canvasLinear(u)!;
    const x = canvasX(u);
    const y = canvasY(u);
    expect(w.fromSec).toBe(3600.25);
    expect(w.toSec).toBe(9000.5);
    for (const t of [3600.25, 4000, 6543.21, 9000.5]) expect(w.x0 + t * w.kx).toBeCloseTo(x(t), 6);
    for (const v of [-2e6, 0, 7.5e8, 1.25e9]) expect(w.y0 + v * w.ky).toBeCloseTo(y(v), 6);
    // The window's edges land on the plot box's edges; larger values are higher up.
    expect(w.x0 + 9000.5 * w.kx).toBeCloseTo(1512, 6);
    expect(w.y0 + 1.25e9 * w.ky).toBeCloseTo(30, 6);
    expect(w.y0 - 2e6 * w.ky).toBeCloseTo(320, 6);
  });

  it('fills the window it is given, so a chart reuses one', () => {
    const into = new PixelWindow();
    expect(Number.isNaN(into.fromSec)).toBe(true);
    expect(canvasLinear(plot([0, 86_400], [0, 1e9]), into)).toBe(into);
    expect(into).toMatchObject({ fromSec: 0, toSec: 86_400, x0: 12 });
    expect(canvasLinear(plot([100.5, 200.5], [0, 1e9]), into)).toBe(into);
    expect(into.fromSec).toBe(100.5);
    expect(into.x0 + 200.5 * into.kx).toBeCloseTo(1512, 6);
  });

  it('is null before the scales are set', () => {
    expect(canvasLinear(plot(null, [0, 1]))).toBeNull();
    expect(canvasLinear(plot([0, 1], null))).toBeNull();
  });
});
