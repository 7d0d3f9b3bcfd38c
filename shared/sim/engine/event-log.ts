// The run's event list: pushed only when something happens, capped so a crash loop over a day cannot make a run
// (or its JSON) unbounded; counts per kind stay exact past the cap.
import type { SimEvent, SimEventKind } from './run-types';

export const MAX_EVENTS = 5000;

export class EventLog {
  readonly events: SimEvent[] = [];
  readonly counts = new Map<SimEventKind, number>();
  dropped = 0;

  push(event: SimEvent): void {
    this.counts.set(event.kind, (this.counts.get(event.kind) ?? 0) + 1);
    if (this.events.length >= MAX_EVENTS) {
      this.dropped++;
      return;
    }
    this.events.push(event);
  }

  count(kind: SimEventKind): number {
    return this.counts.get(kind) ?? 0;
  }
}
