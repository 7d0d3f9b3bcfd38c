// The run's events as a table (time, kind, TaskManager, operator, message), filterable by kind and text and
// virtualised so a run's thousands of events scroll smoothly. Clicking a row asks the charts to centre there.
import './graphs.css';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatClock } from '../../shared/report/chart/axis-ticks';
import type { ChartEvent } from '../../shared/report/chart/chart-series';
import { eventStyle } from '../../shared/report/chart/event-kinds';
import { countKinds, filterEvents, indexAtTime } from './events-filter';

export interface EventsTableProps {
  /** The run's events (RunDetail.events), in time order. */
  events: readonly ChartEvent[];
  /** A row was picked: centre the charts on this time. */
  onSelectTime?: (t: number) => void;
  /** Highlights (and scrolls to) the last event at or before this time. */
  selectedTime?: number | null;
  /** Events the run logged beyond the cap (RunDetail.eventsDropped). */
  dropped?: number;
  /** Height of the scrolling list in CSS pixels. */
  height?: number;
}

const ROW_PX = 30;

export function EventsTable({
  events,
  onSelectTime,
  selectedTime = null,
  dropped = 0,
  height = 320,
}: EventsTableProps) {
  const [kinds, setKinds] = useState<ReadonlySet<string>>(() => new Set());
  const [text, setText] = useState('');
  const counts = useMemo(() => countKinds(events), [events]);
  const shown = useMemo(() => filterEvents(events, { kinds, text }), [events, kinds, text]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
    // The list's height is known up front, so the first paint already has its rows.
    initialRect: { width: 0, height },
  });
  const selectedIndex = selectedTime === null ? -1 : indexAtTime(shown, selectedTime);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const toggleKind = (kind: string) =>
    setKinds((current) => {
      const next = new Set(current);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  return (
    <section className="graph-card graph-events" aria-label="Run events">
      <header className="graph-head">
        <div className="graph-titles">
          <h3 className="graph-title">Events</h3>
          <span className="graph-subtitle">
            {shown.length === events.length ? `${events.length}` : `${shown.length} of ${events.length}`}
            {dropped > 0 && ` · ${dropped} more not listed (event cap)`}
          </span>
        </div>
        <input
          type="search"
          className="graph-events-search"
          placeholder="Filter: tm-3 OutOfMemoryError"
          aria-label="Filter events by text"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </header>
      <fieldset className="graph-events-kinds">
        <legend className="graph-visually-hidden">Event kinds</legend>
        {counts.map(({ kind, count }) => {
          const style = eventStyle(kind);
          const on = kinds.has(kind);
          return (
            <button
              key={kind}
              type="button"
              aria-pressed={on}
              className={`graph-kind-filter graph-tone-${style.tone}${on ? ' is-on' : ''}`}
              onClick={() => toggleKind(kind)}
            >
              {style.label}
              <span className="graph-kind-count">{count}</span>
            </button>
          );
        })}
        {kinds.size > 0 && (
          <button type="button" className="graph-action" onClick={() => setKinds(new Set())}>
            All kinds
          </button>
        )}
      </fieldset>
      <div className="graph-events-head" aria-hidden="true">
        <span>t</span>
        <span>kind</span>
        <span>TaskManager</span>
        <span>operator</span>
        <span>message</span>
      </div>
      <div ref={scrollRef} className="graph-events-scroll" style={{ height }}>
        {shown.length === 0 ? (
          <p className="graph-events-none">No events match.</p>
        ) : (
          <div className="graph-events-rows" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const event = shown[item.index]!;
              const style = eventStyle(event.kind);
              const clock = formatClock(event.t, true);
              return (
                <button
                  key={item.key}
                  type="button"
                  className={`graph-event-row${item.index === selectedIndex ? ' is-selected' : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  aria-label={`${clock} ${style.label}${event.taskManager ? ` ${event.taskManager}` : ''}${event.operator ? ` ${event.operator}` : ''}: ${event.message}`}
                  onClick={() => onSelectTime?.(event.t)}
                >
                  <span className="graph-event-time">{clock}</span>
                  <span>
                    <span className={`graph-kind-chip graph-tone-${style.tone}`}>{style.label}</span>
                  </span>
                  <span className="graph-event-who">{event.taskManager ?? ''}</span>
                  <span className="graph-event-who">{event.operator ?? ''}</span>
                  <span className="graph-event-message" title={event.message}>
                    {event.message}
                  </span>
                </button>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
