// The timeline's rows, virtualised: only the rows on screen (and a few around them) exist in the page, and only
// the pages of events they need are fetched, so 100,000 events scroll like 100.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { usePeel } from '../../state/store';
import { trailEventAt } from '../../state/trail-slice';
import { TrailRow } from './TrailRow';

/** A two-line row; rows with a description or an open editor are measured as they render. */
const ESTIMATED_ROW_PX = 62;

export function TrailList() {
  const total = usePeel((s) => s.trailTotal) ?? 0;
  const pages = usePeel((s) => s.trailPages);
  const filters = usePeel((s) => s.trailFilters);
  const loadRows = usePeel((s) => s.loadTrailRows);
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 10,
    getItemKey: (index) => trailEventAt({ trailPages: pages }, index)?.seq ?? `row-${index}`,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  // Rows past the end (the list shrank under the virtualiser) are not asked for.
  useEffect(() => {
    void loadRows(first, Math.min(last, total - 1));
  }, [first, last, total, loadRows]);

  // Other filters are another timeline: start it from the newest event.
  useEffect(() => {
    if (filters) virtualizer.scrollToOffset(0);
  }, [filters, virtualizer]);

  // The scroller holds buttons, so keyboard users reach it (and scroll it) through them; the list items carry their
  // position in the whole trail, not in the few rows that exist in the page.
  return (
    <section ref={scrollRef} className="trail-scroll" aria-label="Trail events, newest first">
      <ul className="trail-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const event = trailEventAt({ trailPages: pages }, item.index);
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="trail-slot"
              aria-setsize={total}
              aria-posinset={item.index + 1}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {event ? (
                <TrailRow event={event} />
              ) : (
                <div className="trail-row trail-placeholder" aria-busy="true">
                  Loading…
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
