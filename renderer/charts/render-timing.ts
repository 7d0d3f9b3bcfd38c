// User Timing marks for chart rendering: 'chart-render' measures from new data reaching a chart to the end of its
// draw, so the bench and the Performance panel can read what a data refresh costs.

let counter = 0;

/** Marks new data arriving; returns the mark's name to pass to endRender. */
export function beginRender(chart: string): string {
  counter += 1;
  const name = `chart-data:${chart}:${counter}`;
  performance.mark(name);
  return name;
}

/** Measures 'chart-render' from the mark to now and clears the mark; `detail` says what was drawn. */
export function endRender(mark: string, detail: Record<string, unknown>): PerformanceMeasure | undefined {
  try {
    return performance.measure('chart-render', { start: mark, detail });
  } catch {
    // The mark was cleared (performance.clearMarks by a bench between runs): nothing to measure.
    return undefined;
  } finally {
    performance.clearMarks(mark);
  }
}
