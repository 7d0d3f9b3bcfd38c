// Puts labels that want to sit centred over spans into rows without overlapping: each label slides sideways as
// little as it must (staying inside the width), and one that cannot fit a row goes to the next.

export interface LabelRequest {
  id: string;
  /** Where the label would like its centre. */
  centre: number;
  width: number;
}

export interface PlacedLabel {
  id: string;
  x: number;
  width: number;
  row: number;
}

/** Tries to add a label at the right of a row, pushing the row's labels left if needed; null when it can't. */
function fitInRow(
  row: readonly PlacedLabel[],
  label: PlacedLabel,
  total: number,
  gap: number,
): PlacedLabel[] | null {
  const last = row.at(-1);
  const x = Math.max(label.x, last ? last.x + last.width + gap : 0);
  const next = [...row.map((l) => ({ ...l })), { ...label, x }];
  // Push back from the right edge, each label clearing its right neighbour.
  let right = total;
  for (let i = next.length - 1; i >= 0; i--) {
    const l = next[i] as PlacedLabel;
    if (l.x + l.width > right) l.x = right - l.width;
    right = l.x - gap;
  }
  return (next[0] as PlacedLabel).x >= 0 ? next : null;
}

/** Labels in [0, total], at least `gap` apart within a row; rows fill from 0. */
export function placeLabels(requests: readonly LabelRequest[], total: number, gap = 8): PlacedLabel[] {
  const rows: PlacedLabel[][] = [];
  for (const request of [...requests].sort((a, b) => a.centre - b.centre)) {
    const width = Math.min(request.width, total);
    const x = Math.min(Math.max(request.centre - width / 2, 0), total - width);
    for (let row = 0; ; row++) {
      const fitted = fitInRow(rows[row] ?? [], { id: request.id, x, width, row }, total, gap);
      if (fitted) {
        rows[row] = fitted;
        break;
      }
    }
  }
  return rows.flat();
}
