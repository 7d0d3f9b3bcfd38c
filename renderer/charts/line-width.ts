// How wide the chart's series lines are. A line one device pixel wide is drawn by the canvas as a hairline (each
// pixel's coverage, no outline); a wider one is first outlined, joins included, and the outline filled with
// anti-aliasing. In Chromium without a GPU, 32 lines across a 1,500 px plot cost 7 ms a frame at 1.4 px with a
// vertex every 30 px and 48 ms jagged with one every 4 px, against 0.6 and 1.2 ms at 1 px: zoomed in, the outlines were
// most of a wheel-zoom frame.

/** Series line width on a dense screen (1.5 or more device pixels per CSS pixel), in CSS pixels. */
export const DENSE_SCREEN_LINE_CSS_PX = 1.4;

/**
 * The series line width in CSS pixels for a screen with `pxRatio` device pixels per CSS pixel: one device pixel
 * (a hairline) below 1.5, where a 1.4 px line would only smear over a second row of pixels; 1.4 CSS pixels on
 * denser screens, where one device pixel would look faint.
 */
export function seriesLineWidth(pxRatio: number): number {
  if (!(pxRatio > 0)) return 1;
  return pxRatio < 1.5 ? 1 / pxRatio : DENSE_SCREEN_LINE_CSS_PX;
}
