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

  it('asks for a minimum and a maximum per device pixel column of the plot laid out last', () => {
    notePlotColumns(1100.4);
    expect(pointsForPlot(2400)).toBe(2 * 1101);
    notePlotColumns(2600);
    expect(pointsForPlot(2400)).toBe(5200);
  });

  it('keeps within its bounds and ignores a plot with no width', () => {
    notePlotColumns(50);
    expect(pointsForPlot(2400)).toBe(MIN_PLOT_POINTS);
    notePlotColumns(0);
    notePlotColumns(Number.NaN);
    expect(pointsForPlot(2400)).toBe(MIN_PLOT_POINTS);
    notePlotColumns(100_000);
    expect(pointsForPlot(2400)).toBe(MAX_PLOT_POINTS);
  });
});
