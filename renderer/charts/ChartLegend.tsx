// The legend under a chart: one chip per series (colour, name, value at the cursor), grouped by run on overlays.
// A click hides or shows a series, alt-click shows it alone, a run's name toggles all its TaskManagers. Values
// are written by the hover layer straight into the cells registered here.
import { memo, type ReactNode } from 'react';
import type { SeriesGroup } from '../../shared/report/chart/chart-series';
import type { LegendCells } from './chart-hover';

export interface LegendEntry {
  id: string;
  label: string;
  color: string;
  groupId?: string;
}

interface ChartLegendProps {
  entries: readonly LegendEntry[];
  groups: readonly SeriesGroup[];
  hidden: ReadonlySet<string>;
  cells: LegendCells;
  onToggle: (id: string, solo: boolean) => void;
  onToggleGroup: (groupId: string) => void;
  /** Shown after a group's name (the lab puts the run's verdict chip and summary here). */
  groupExtras?: Readonly<Record<string, ReactNode>>;
}

/**
 * Memoised: the chart re-renders when a zoom starts or returns to the whole run (its "Reset zoom" button), and the
 * legend's chips (32 on an overlay, each re-registering its value cell) need not follow.
 */
export const ChartLegend = memo(function ChartLegend({
  entries,
  groups,
  hidden,
  cells,
  onToggle,
  onToggleGroup,
  groupExtras,
}: ChartLegendProps) {
  const grouped = groups.length > 0 && entries.some((e) => e.groupId);
  if (!grouped) {
    return (
      <ul className="graph-legend" aria-label="Series">
        {entries.map((entry) => (
          <LegendChip
            key={entry.id}
            entry={entry}
            hidden={hidden.has(entry.id)}
            cells={cells}
            onToggle={onToggle}
          />
        ))}
      </ul>
    );
  }
  return (
    <div className="graph-legend-groups">
      {groups.map((group) => {
        const members = entries.filter((e) => e.groupId === group.id);
        if (members.length === 0) return null;
        const allHidden = members.every((m) => hidden.has(m.id));
        return (
          <div key={group.id} className={`graph-legend-group${allHidden ? ' is-off' : ''}`}>
            <div className="graph-legend-group-head">
              <button
                type="button"
                className="graph-legend-group-name"
                aria-pressed={!allHidden}
                title={allHidden ? 'Show this run' : 'Hide this run'}
                onClick={() => onToggleGroup(group.id)}
              >
                <span className="graph-swatch graph-swatch-run" style={{ backgroundColor: group.color }} />
                {group.label}
              </button>
              {groupExtras?.[group.id]}
            </div>
            <ul className="graph-legend" aria-label={`${group.label} TaskManagers`}>
              {members.map((entry) => (
                <LegendChip
                  key={entry.id}
                  entry={entry}
                  hidden={hidden.has(entry.id)}
                  cells={cells}
                  onToggle={onToggle}
                />
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
});

function LegendChip({
  entry,
  hidden,
  cells,
  onToggle,
}: {
  entry: LegendEntry;
  hidden: boolean;
  cells: LegendCells;
  onToggle: (id: string, solo: boolean) => void;
}) {
  return (
    <li>
      <button
        type="button"
        className={`graph-legend-chip${hidden ? ' is-off' : ''}`}
        aria-pressed={!hidden}
        title={
          hidden ? `Show ${entry.label} (alt-click: only this)` : `Hide ${entry.label} (alt-click: only this)`
        }
        onClick={(event) => onToggle(entry.id, event.altKey)}
      >
        <span className="graph-swatch" style={{ backgroundColor: hidden ? undefined : entry.color }} />
        <span className="graph-legend-label">{entry.label}</span>
        <span
          className="graph-legend-value"
          ref={(el) => {
            if (!el) return;
            cells.set(entry.id, el);
            return () => {
              if (cells.get(entry.id) === el) cells.delete(entry.id);
            };
          }}
        />
      </button>
    </li>
  );
}
