// Size limits enforced on every request before it reaches a service. Generous for people, firm for accidents:
// a 10 MB paste into a note is refused with a message, not stored.

export const LIMITS = {
  idLength: 64,
  titleLength: 200,
  summaryLength: 20_000,
  noteLength: 100_000,
  hypothesisLength: 2_000,
  reasonLength: 2_000,
  searchLength: 200,
  /** The browser host refuses request bodies above this many bytes before parsing them. */
  requestBytes: 2 * 1024 * 1024,
} as const;
