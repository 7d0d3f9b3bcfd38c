// Rows of the back-pressure heat map: operators grouped under their layer (in the plan's layer order), each
// group with a header, so "layer 3 is red" reads at a glance, as in the seed's Figure 2.
import { lowerBound } from '../../shared/report/chart/chart-series';

export interface HeatmapOperator {
  id: string;
  layer: string;
}

export type HeatmapRow =
  | { kind: 'layer'; layer: string; y: number; height: number }
  | { kind: 'operator'; id: string; layer: string; dataRow: number; y: number; height: number };

export interface HeatmapRows {
  rows: HeatmapRow[];
  height: number;
}

/** Layer header and operator rows, top to bottom; `layers` orders the groups (unknown layers follow). */
export function heatmapRows(
  operators: readonly HeatmapOperator[],
  layers: readonly string[] = [],
  rowHeight = 16,
  headerHeight = 18,
): HeatmapRows {
  const order: string[] = [...layers];
  for (const op of operators) if (!order.includes(op.layer)) order.push(op.layer);
  const rows: HeatmapRow[] = [];
  let y = 0;
  for (const layer of order) {
    const members = operators.map((op, dataRow) => ({ op, dataRow })).filter(({ op }) => op.layer === layer);
    if (members.length === 0) continue;
    rows.push({ kind: 'layer', layer, y, height: headerHeight });
    y += headerHeight;
    for (const { op, dataRow } of members) {
      rows.push({ kind: 'operator', id: op.id, layer, dataRow, y, height: rowHeight });
      y += rowHeight;
    }
  }
  return { rows, height: y };
}

/** The operator row under a y offset, or null (headers and outside). */
export function rowAt(layout: HeatmapRows, y: number): Extract<HeatmapRow, { kind: 'operator' }> | null {
  const tops = layout.rows.map((r) => r.y);
  const i = lowerBound(tops, y + 1e-9) - 1;
  const row = layout.rows[i];
  if (row?.kind !== 'operator' || y >= row.y + row.height) return null;
  return row;
}

/** "layer3" -> "Layer 3"; other names as they are. */
export function layerTitle(layer: string): string {
  const match = /^layer[-_ ]?(\d+)$/i.exec(layer);
  return match ? `Layer ${match[1]}` : layer;
}

/** The column holding time t, or -1 outside the matrix. */
export function columnAt(startSec: number, stepSec: number, columns: number, t: number): number {
  const c = Math.floor((t - startSec) / stepSec);
  return c >= 0 && c < columns ? c : -1;
}
