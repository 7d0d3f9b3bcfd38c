// A report as three parts, so an export of 100,000 events is written row by row instead of built whole: what comes
// before the timeline, one row per audit event (with its own separator), and what comes after. Everything the
// parts say about the whole timeline (its count, the chain head) is known up front from the outline.
import type { ReportEvent, ReportModel } from './report-model';

export interface StreamedDocument {
  /** Everything before the first event's row. */
  before: string;
  /** One event's row with the line break that joins it to its neighbours; `index` counts from 0. */
  row(event: ReportEvent, index: number): string;
  /** Everything after the last event's row. */
  after: string;
}

/** The report model without its events: what a writer needs before the first row, the events' count included. */
export type ReportOutline = Omit<ReportModel, 'events'> & { eventCount: number };

export function outlineOf(model: ReportModel): ReportOutline {
  const { events, ...rest } = model;
  return { ...rest, eventCount: events.length };
}

/** The document in one string (small reports and tests; exports stream the parts instead). */
export function wholeDocument(document: StreamedDocument, events: readonly ReportEvent[]): string {
  const rows = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) rows[i] = document.row(events[i]!, i);
  return `${document.before}${rows.join('')}${document.after}`;
}
