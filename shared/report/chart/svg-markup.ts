// The few SVG building blocks both exports need: escaped text, attributes, the document shell, and a legend
// laid out in rows. Text is escaped everywhere because labels and event messages come from user data.

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** Attributes from an object; numbers are written with at most two decimals, undefined values are left out. */
export function attrs(values: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const text = typeof value === 'number' ? String(Math.round(value * 100) / 100) : value;
    parts.push(`${name}="${escapeXml(text)}"`);
  }
  return parts.join(' ');
}

export function svgDocument(width: number, height: number, fontFamily: string, body: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" ${attrs({ width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': fontFamily })}>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

export interface LegendItem {
  label: string;
  color: string;
}

export interface PlacedLegendItem extends LegendItem {
  x: number;
  y: number;
}

/** Rough width of a label at 12 px (no text metrics outside a browser; generous so items never overlap). */
export function estimateTextWidth(text: string, fontPx = 12): number {
  return text.length * fontPx * 0.6;
}

/** Lays legend items out left to right in rows of `width`; returns the items and the height used. */
export function layoutLegend(
  items: readonly LegendItem[],
  left: number,
  top: number,
  width: number,
  rowHeight = 18,
): { items: PlacedLegendItem[]; height: number } {
  const placed: PlacedLegendItem[] = [];
  let x = left;
  let y = top;
  for (const item of items) {
    const itemWidth = 14 + estimateTextWidth(item.label) + 16;
    if (x > left && x + itemWidth > left + width) {
      x = left;
      y += rowHeight;
    }
    placed.push({ ...item, x, y });
    x += itemWidth;
  }
  return { items: placed, height: items.length === 0 ? 0 : y - top + rowHeight };
}

export function legendMarkup(items: readonly PlacedLegendItem[], textColor: string): string[] {
  return items.map(
    (item) =>
      `<g><rect ${attrs({ x: item.x, y: item.y + 3, width: 10, height: 10, rx: 2, fill: item.color })}/>` +
      `<text ${attrs({ x: item.x + 14, y: item.y + 12, 'font-size': 12, fill: textColor })}>${escapeXml(item.label)}</text></g>`,
  );
}
