import { afterEach, describe, expect, it } from 'vitest';
import {
  forgetPlotColumns,
  MAX_PLOT_POINTS,
  MIN_PLOT_POINTS,
  notePlotColumns,
  pointsForPlot,
} from './plot-resolution';

afterEach(forgetPlotColumns);

describe('points for a plot', () => {
  it('asks for the fallback before any plot was laid out', () => {
    expect(pointsForPlot(2400)).toBe(2400);
  });

  it('asks for a minimum and a maximum per device pixel column of the widest plot drawn', () => {
    notePlotColumns(996);
    expect(pointsForPlot(2400)).toBe(2 * 996);
    notePlotColumns(1123.4);
    expect(pointsForPlot(2400)).toBe(2 * 1124);
    // A narrower plot drawn since (a small multiple) does not lower it: a wider one still shows the lab's graphs.
    notePlotColumns(500);
    expect(pointsForPlot(2400)).toBe(2 * 1124);
  });

  it('keeps within its bounds and ignores a plot with no width', () => {
    notePlotColumns(0);
    notePlotColumns(Number.NaN);
    notePlotColumns(-3);
    expect(pointsForPlot(2400)).toBe(2400);
    notePlotColumns(50);
    expect(pointsForPlot(2400)).toBe(MIN_PLOT_POINTS);
    notePlotColumns(100_000);
    expect(pointsForPlot(2400)).toBe(MAX_PLOT_POINTS);
  });
});
