// Where the slot grid draws each subtask: one column per TaskManager (a YARN container) split into its slots, one
// row per operator, cells shrinking as parallelism grows so 32 or 128 TaskManagers still fit on a screen.
import type { JobPlan } from '../../../shared/contract/lab-entities';

export type SlotPlan = Pick<JobPlan, 'operators' | 'taskManagers' | 'slotsPerTaskManager'>;

export type SlotDensity = 'roomy' | 'compact' | 'dense';

export interface SlotCell {
  /** `operator-id#i`, as the plan names it. */
  subtask: string;
  operator: string;
  index: number;
  taskManager: string;
  container: string;
  /** Slot of the TaskManager, 0-based. */
  slot: number;
  layer: string;
  x: number;
  y: number;
}

export interface SlotColumn {
  taskManager: string;
  container: string;
  x: number;
  width: number;
  /** Header text; null where labelling every column would not fit. */
  label: string | null;
}

export interface SlotRow {
  operator: string;
  name: string;
  layer: string;
  y: number;
}

export interface SlotGrid {
  density: SlotDensity;
  width: number;
  height: number;
  cellWidth: number;
  cellHeight: number;
  labelWidth: number;
  headerHeight: number;
  columns: SlotColumn[];
  rows: SlotRow[];
  cells: SlotCell[];
  /** Slot sharing put a subtask of every operator on every TaskManager (a leaking operator leaks everywhere). */
  everyOperatorEverywhere: boolean;
}

const SIZES: Record<
  SlotDensity,
  { w: number; h: number; tmGap: number; label: (k: number, n: number) => string | null }
> = {
  roomy: { w: 30, h: 16, tmGap: 6, label: (k) => `tm-${k + 1}` },
  compact: { w: 14, h: 13, tmGap: 3, label: (k) => `${k + 1}` },
  dense: {
    w: 6,
    h: 11,
    tmGap: 1,
    label: (k, n) => (k === 0 || (k + 1) % 8 === 0 || k === n - 1 ? `${k + 1}` : null),
  },
};
const SLOT_GAP = 1;
const ROW_GAP = 2;
const LAYER_GAP = 6;
export const SLOT_LABEL_WIDTH = 200;
const HEADER = 22;

export function densityFor(slotColumns: number): SlotDensity {
  if (slotColumns <= 16) return 'roomy';
  if (slotColumns <= 48) return 'compact';
  return 'dense';
}

function parseSubtask(subtask: string): { operator: string; index: number } {
  const hash = subtask.lastIndexOf('#');
  return { operator: subtask.slice(0, hash), index: Number(subtask.slice(hash + 1)) };
}

export function layoutSlots(plan: SlotPlan): SlotGrid {
  const slotsPerTm = Math.max(1, plan.slotsPerTaskManager);
  const density = densityFor(plan.taskManagers.length * slotsPerTm);
  const size = SIZES[density];
  const tmWidth = slotsPerTm * size.w + (slotsPerTm - 1) * SLOT_GAP;

  const rows: SlotRow[] = [];
  let y = HEADER;
  plan.operators.forEach((op, i) => {
    const previous = plan.operators[i - 1];
    if (previous && previous.layer !== op.layer) y += LAYER_GAP;
    rows.push({ operator: op.id, name: op.name, layer: op.layer, y });
    y += size.h + ROW_GAP;
  });
  const rowOf = new Map(rows.map((row) => [row.operator, row]));

  const columns: SlotColumn[] = [];
  const cells: SlotCell[] = [];
  plan.taskManagers.forEach((tm, k) => {
    const x = SLOT_LABEL_WIDTH + k * (tmWidth + size.tmGap);
    columns.push({
      taskManager: tm.id,
      container: tm.container,
      x,
      width: tmWidth,
      label: size.label(k, plan.taskManagers.length),
    });
    for (const subtask of tm.subtasks) {
      const { operator, index } = parseSubtask(subtask);
      const row = rowOf.get(operator);
      if (!row) continue;
      // Slot i of the job is slot (i mod slots) of TaskManager floor(i / slots) (see shared/sim placement).
      const slot = index % slotsPerTm;
      cells.push({
        subtask,
        operator,
        index,
        taskManager: tm.id,
        container: tm.container,
        slot,
        layer: row.layer,
        x: x + slot * (size.w + SLOT_GAP),
        y: row.y,
      });
    }
  });
  const everyOperatorEverywhere = plan.taskManagers.every((tm) => {
    const here = new Set(tm.subtasks.map((s) => parseSubtask(s).operator));
    return plan.operators.every((op) => here.has(op.id));
  });
  const lastColumn = columns.at(-1);
  return {
    density,
    // Room on the right for the last column's label, centred on a narrow column.
    width: (lastColumn ? lastColumn.x + lastColumn.width : SLOT_LABEL_WIDTH) + 12,
    height: y - ROW_GAP,
    cellWidth: size.w,
    cellHeight: size.h,
    labelWidth: SLOT_LABEL_WIDTH,
    headerHeight: HEADER,
    columns,
    rows,
    cells,
    everyOperatorEverywhere,
  };
}
