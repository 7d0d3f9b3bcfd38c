// Which series a chart hides: the legend toggles one (alt-click shows it alone) or a whole run on overlays.
// Kept per chart (presentation state, not the slice's business).
import { useCallback, useState } from 'react';
import type { ChartSeries } from '../../shared/report/chart/chart-series';

export interface SeriesVisibility {
  hidden: ReadonlySet<string>;
  toggle: (id: string, solo: boolean) => void;
  toggleGroup: (groupId: string) => void;
}

/** Next hidden set after a click on one series; `solo` shows only it, or everything when it already was alone. */
export function toggleSeries(
  hidden: ReadonlySet<string>,
  ids: readonly string[],
  id: string,
  solo: boolean,
): Set<string> {
  if (solo) {
    const alone = hidden.size === ids.length - 1 && !hidden.has(id);
    return alone ? new Set() : new Set(ids.filter((x) => x !== id));
  }
  const next = new Set(hidden);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Next hidden set after a click on a run: hide all its series, or show them all when all were hidden. */
export function toggleSeriesGroup(hidden: ReadonlySet<string>, members: readonly string[]): Set<string> {
  const allHidden = members.every((id) => hidden.has(id));
  const next = new Set(hidden);
  for (const id of members) {
    if (allHidden) next.delete(id);
    else next.add(id);
  }
  return next;
}

export function useSeriesVisibility(series: readonly ChartSeries[]): SeriesVisibility {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (id: string, solo: boolean) =>
      setHidden((current) =>
        toggleSeries(
          current,
          series.map((s) => s.id),
          id,
          solo,
        ),
      ),
    [series],
  );
  const toggleGroup = useCallback(
    (groupId: string) =>
      setHidden((current) =>
        toggleSeriesGroup(
          current,
          series.filter((s) => s.groupId === groupId).map((s) => s.id),
        ),
      ),
    [series],
  );
  return { hidden, toggle, toggleGroup };
}
