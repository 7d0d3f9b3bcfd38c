// Apart from events.ts (and its zod schemas) so the page can know it without loading zod at start.

/**
 * How many points a whole run's series is cut to for the run graph's first paint: min and max of each of 1,200
 * buckets, about one bucket per pixel column of the widest run chart. Zooming in fetches finer data for the window.
 */
export const RUN_PREVIEW_POINTS = 2400;
