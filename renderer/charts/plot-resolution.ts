// How many points to ask for a series drawn in the lab: two (a bucket's minimum and maximum, which the backend keeps)
// per device pixel column of the plot that draws it, so a first paint never waits for points it cannot show and a
// dense screen still gets one column per bucket. A graph's series are asked for before its plot exists (a comparison
// opens with its runs' series on their way), so the widest plot the lab has drawn stands for it: the lab's graphs
// share one column, and asking for a few more points than a narrower plot shows costs little, fewer would not.

/** The fewest points asked for, whatever the plot (a very narrow window still shows its shape). */
export const MIN_PLOT_POINTS = 400;
/** The most points asked for (a plot 4,000 device pixels wide). */
export const MAX_PLOT_POINTS = 8000;

let widestPlotColumns = 0;

/** Notes the width in device pixels of a plot just drawn (uPlot's bbox.width). */
export function notePlotColumns(columns: number): void {
  if (Number.isFinite(columns) && columns > widestPlotColumns) widestPlotColumns = Math.ceil(columns);
}

/** Points for a series the lab will draw: two per column of the widest plot drawn; `fallback` before any plot. */
export function pointsForPlot(fallback: number): number {
  if (widestPlotColumns <= 0) return fallback;
  return Math.min(MAX_PLOT_POINTS, Math.max(MIN_PLOT_POINTS, 2 * widestPlotColumns));
}

/** Forgets the plots noted (tests). */
export function forgetPlotColumns(): void {
  widestPlotColumns = 0;
}
