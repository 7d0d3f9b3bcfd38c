// How many points to ask for a series drawn in the lab: two (a bucket's minimum and maximum, which the backend keeps)
// per device pixel column of the plot that draws it, so a first paint never waits for points it cannot show and a
// dense screen still gets one column per bucket. The lab's graphs share one column, so the plot drawn last tells.

/** The fewest points asked for, whatever the plot (a very narrow window still shows its shape). */
export const MIN_PLOT_POINTS = 400;
/** The most points asked for (a plot 4,000 device pixels wide). */
export const MAX_PLOT_POINTS = 8000;

let lastPlotColumns = 0;

/** Notes the width in device pixels of a plot just laid out (uPlot's bbox.width). */
export function notePlotColumns(columns: number): void {
  if (Number.isFinite(columns) && columns > 0) lastPlotColumns = Math.ceil(columns);
}

/** Points for a series the lab will draw: two per column of the plot laid out last; `fallback` before any plot. */
export function pointsForPlot(fallback: number): number {
  if (lastPlotColumns <= 0) return fallback;
  return Math.min(MAX_PLOT_POINTS, Math.max(MIN_PLOT_POINTS, 2 * lastPlotColumns));
}

/** Forgets the plot noted (tests). */
export function forgetPlotColumns(): void {
  lastPlotColumns = 0;
}
