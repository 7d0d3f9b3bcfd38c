// Which subtasks run in which TaskManager (YARN container) and slot: a compact grid, coloured by layer, names
// on hover, so a restart or a shut-down container can be read as "these subtasks went with it".
import { useMemo } from 'react';
import { layerLabel, layerTone } from './layer-names';
import { layoutSlots, type SlotCell, type SlotPlan } from './slot-layout';
import { fitText } from './text-fit';
import { textMeasure } from './text-measure';
import './topology.css';
import '../memory-model/memory-colors.css';
import { plural } from '../../../shared/domain/plural';

export interface SlotPlacementProps {
  plan: SlotPlan;
  /** Highlight one operator's subtasks (the rest dim). */
  selectedOperator?: string | null;
}

function cellTitle(cell: SlotCell, name: string): string {
  return `${cell.subtask}: ${name} (${layerLabel(cell.layer)})\n${cell.taskManager}, slot ${cell.slot + 1} · ${cell.container}`;
}

export function SlotPlacement({ plan, selectedOperator = null }: SlotPlacementProps) {
  const grid = useMemo(() => layoutSlots(plan), [plan]);
  const names = useMemo(() => new Map(plan.operators.map((op) => [op.id, op.name])), [plan.operators]);
  const layers = [...new Set(plan.operators.map((op) => op.layer))];
  const subtasks = grid.cells.length;
  const tms = plan.taskManagers.length;
  const slots = plan.slotsPerTaskManager;
  const summary =
    `${tms} TaskManager${tms === 1 ? '' : 's'} (YARN containers) × ${slots} slot${slots === 1 ? '' : 's'}, ` +
    `${plural(subtasks, 'subtask')} of ${plural(plan.operators.length, 'operator')}`;
  const idMeasure = textMeasure(11, { mono: true });
  return (
    <figure className={`slots density-${grid.density}`}>
      <figcaption className="slots-caption">
        <span>{summary}</span>
        {grid.everyOperatorEverywhere && tms > 1 && (
          <span className="muted">
            {' '}
            · slot sharing puts a subtask of every operator in every container: one leaking operator leaks in
            all of them
          </span>
        )}
      </figcaption>
      <div className="slots-scroll">
        <svg
          className="slots-svg"
          role="img"
          aria-label={`Slot placement: ${summary}.`}
          width={grid.width}
          height={grid.height}
          viewBox={`0 0 ${grid.width} ${grid.height}`}
        >
          {grid.columns.map((column) => (
            <g key={column.taskManager} className="slots-column">
              <title>{`${column.taskManager} · ${column.container}`}</title>
              <rect
                className="slots-column-bg"
                x={column.x - 1}
                y={grid.headerHeight - 3}
                width={column.width + 2}
                height={grid.height - grid.headerHeight + 3}
                rx={2}
              />
              {column.label !== null && (
                <text
                  className="slots-column-label"
                  x={column.x + column.width / 2}
                  y={grid.headerHeight - 8}
                  textAnchor="middle"
                >
                  {column.label}
                </text>
              )}
            </g>
          ))}
          {grid.rows.map((row) => (
            <g
              key={row.operator}
              className={`slots-row tone-${layerTone(row.layer)}${selectedOperator === row.operator ? ' selected' : ''}`}
            >
              <title>{`${row.name} (${row.operator}), ${layerLabel(row.layer)}`}</title>
              <rect className="slots-row-mark" x={0} y={row.y} width={4} height={grid.cellHeight} rx={1} />
              <text className="slots-row-label" x={10} y={row.y + grid.cellHeight / 2 + 4}>
                {fitText(row.operator, grid.labelWidth - 18, idMeasure)}
              </text>
            </g>
          ))}
          {grid.cells.map((cell) => (
            <rect
              key={cell.subtask}
              className={`slots-cell tone-${layerTone(cell.layer)}${
                selectedOperator && selectedOperator !== cell.operator ? ' dim' : ''
              }`}
              x={cell.x}
              y={cell.y}
              width={grid.cellWidth}
              height={grid.cellHeight}
              rx={grid.density === 'dense' ? 1 : 2}
            >
              <title>{cellTitle(cell, names.get(cell.operator) ?? cell.operator)}</title>
            </rect>
          ))}
        </svg>
      </div>
      <ul className="slots-legend" aria-label="Layers">
        {layers.map((layer) => (
          <li key={layer}>
            <span className={`slots-swatch tone-${layerTone(layer)}`} aria-hidden="true" />
            {layerLabel(layer)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
