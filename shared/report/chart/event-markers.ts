// Where event markers go on a chart and which events the cursor is on: markers merge per pixel (eight
// TaskManagers hitting an OOM in the same second are one tick) and sit in one lane per run on overlays.
import type { ChartEvent } from './chart-series';
import { lowerBound } from './chart-series';
import { eventStyle } from './event-kinds';

/** The times of sorted events, computed once per event list for the binary searches. */
export function eventTimes(sorted: readonly ChartEvent[]): Float64Array {
  return Float64Array.from(sorted, (e) => e.t);
}

/** The events that get markers, sorted by time (stable for equal times). */
export function markerEvents(events: readonly ChartEvent[]): ChartEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => eventStyle(event.kind).marker && Number.isFinite(event.t))
    .sort((a, b) => a.event.t - b.event.t || a.index - b.index)
    .map(({ event }) => event);
}

export interface PlacedMarker {
  /** Pixel column (rounded). */
  x: number;
  lane: number;
  kind: string;
  /** How many events this marker stands for. */
  count: number;
  /** The events themselves, when asked for (the SVG export lists them in the marker's tooltip). */
  events?: ChartEvent[];
}

/**
 * One marker per lane, kind and pixel column for the events inside [fromSec, toSec]; `laneOf` gives the lane of
 * an event (its run's index on an overlay, 0 otherwise).
 */
export function placeMarkers(
  sorted: readonly ChartEvent[],
  fromSec: number,
  toSec: number,
  x: (t: number) => number,
  laneOf: (event: ChartEvent) => number,
  times: ArrayLike<number> = eventTimes(sorted),
  collect = false,
): PlacedMarker[] {
  // Events come sorted by time, so their pixel columns never go back: the marker an event can join is the
  // latest one of its lane and kind, found by kind (the event's own string) then lane (a small index). No key is
  // built per event: a zoom places every event in view on every frame.
  const placed: PlacedMarker[] = [];
  const latest = new Map<string, (PlacedMarker | undefined)[]>();
  for (let i = lowerBound(times, fromSec); i < sorted.length; i++) {
    const event = sorted[i]!;
    if (event.t > toSec) break;
    const px = Math.round(x(event.t));
    const lane = laneOf(event);
    let lanes = latest.get(event.kind);
    if (lanes === undefined) {
      lanes = [];
      latest.set(event.kind, lanes);
    }
    const last = lanes[lane];
    if (last !== undefined && last.x === px) {
      last.count++;
      last.events?.push(event);
      continue;
    }
    const marker: PlacedMarker = {
      x: px,
      lane,
      kind: event.kind,
      count: 1,
      ...(collect ? { events: [event] } : {}),
    };
    lanes[lane] = marker;
    placed.push(marker);
  }
  return placed;
}

/**
 * Above this many markers of one kind in view, that kind's faint lines through the plot would turn it into a
 * wash (an OOM storm): only its ticks stay until the user zooms in. Rarer kinds (the shutdowns that cause the
 * steps) keep their lines.
 */
export const MAX_MARKER_LINES = 60;

/** The kinds whose markers get a line through the plot in this view. */
export function kindsWithLines(markers: readonly PlacedMarker[]): Set<string> {
  const counts = new Map<string, number>();
  for (const m of markers) if (eventStyle(m.kind).line) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n <= MAX_MARKER_LINES).map(([kind]) => kind));
}

/** Marker events within `toleranceSec` of t, nearest first (what the tooltip lists under the cursor). */
export function eventsNear(
  sorted: readonly ChartEvent[],
  times: ArrayLike<number>,
  t: number,
  toleranceSec: number,
  limit = 8,
): ChartEvent[] {
  const found: ChartEvent[] = [];
  for (let i = lowerBound(times, t - toleranceSec); i < sorted.length; i++) {
    const event = sorted[i]!;
    if (event.t > t + toleranceSec) break;
    found.push(event);
  }
  found.sort((a, b) => Math.abs(a.t - t) - Math.abs(b.t - t));
  return found.slice(0, limit);
}
