// Size limits enforced on every request before it reaches a service. Generous for people, firm for accidents:
// a 10 MB paste into a note is refused with a message, not stored.

export const LIMITS = {
  idLength: 64,
  titleLength: 200,
  summaryLength: 20_000,
  noteLength: 100_000,
  hypothesisLength: 2_000,
  reasonLength: 2_000,
  /** A person's description of an audit event (the trail's annotations). */
  eventDescriptionLength: 10_000,
  searchLength: 200,
  /** The browser host refuses request bodies above this many bytes before parsing them. */
  requestBytes: 2 * 1024 * 1024,
  /** A JSON bundle to import: runs carry their series (a worked example is ~22 MB), so bundles get their own limit. */
  bundleChars: 256 * 1024 * 1024,
  /** The browser host's body limit for bundles.import, the one call that carries a whole bundle. */
  bundleRequestBytes: 260 * 1024 * 1024,
  /** A pasted or opened Flink config. */
  configChars: 1024 * 1024,
  /** A metrics file sent as text (browser mode, pastes); bigger files stream from disk with imports.metricsFile. */
  metricsTextChars: 1_900_000,
  /** The most experiments (or runs) one page of the run list may ask for. */
  runPageSize: 200,
} as const;
