// Filtering the run's event list: by kind (the chips above the table, with their counts) and by free text over
// TaskManager, operator, container and message, so "tm-3 OutOfMemoryError" finds what you mean.
import type { ChartEvent } from '../../shared/report/chart/chart-series';
import { orderKinds } from '../../shared/report/chart/event-kinds';

export interface KindCount {
  kind: string;
  count: number;
}

/** Each kind present, in the display order, with how many events it has. */
export function countKinds(events: readonly ChartEvent[]): KindCount[] {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
  return orderKinds(counts.keys()).map((kind) => ({ kind, count: counts.get(kind)! }));
}

export interface EventFilter {
  /** Kinds to show; empty shows every kind. */
  kinds: ReadonlySet<string>;
  /** Words that must all appear (case-insensitive) in the event's text fields. */
  text: string;
}

export function filterEvents(events: readonly ChartEvent[], filter: EventFilter): ChartEvent[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (filter.kinds.size === 0 && words.length === 0) return [...events];
  return events.filter((event) => {
    if (filter.kinds.size > 0 && !filter.kinds.has(event.kind)) return false;
    if (words.length === 0) return true;
    const haystack =
      `${event.kind} ${event.taskManager ?? ''} ${event.operator ?? ''} ${event.container ?? ''} ${event.message}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Index of the last event at or before t (the row to reveal when the chart's cursor points at t), or -1. */
export function indexAtTime(events: readonly ChartEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
