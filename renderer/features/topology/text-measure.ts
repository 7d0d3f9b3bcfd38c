// Text widths in the fonts the page really uses (a canvas measures them), so labels are cut where they would
// overflow on this machine; where there is no canvas (tests under jsdom) the character-class estimate stands in.
import { estimateTextWidth, type MeasureText } from './text-fit';

let context: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

function canvasContext(): CanvasRenderingContext2D | null {
  if (context !== undefined) return context;
  const usable = typeof document !== 'undefined' && !/jsdom/i.test(globalThis.navigator?.userAgent ?? '');
  context = usable ? document.createElement('canvas').getContext('2d') : null;
  return context;
}

const families = new Map<string, string>();

function cssFont(variable: string, fallback: string): string {
  let family = families.get(variable);
  if (family === undefined) {
    family = getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || fallback;
    families.set(variable, family);
  }
  return family;
}

/** A measure for text at `size` px, bold when `weight` is 600 or more, monospace when `mono`. */
export function textMeasure(
  size: number,
  { weight = 400, mono = false }: { weight?: number; mono?: boolean } = {},
): MeasureText {
  const ctx = canvasContext();
  if (!ctx) return (text) => estimateTextWidth(text, size, mono) * (weight >= 600 ? 1.06 : 1);
  const family = mono ? cssFont('--font-mono', 'monospace') : cssFont('--font-ui', 'system-ui, sans-serif');
  const font = `${weight} ${size}px ${family}`;
  return (text) => {
    const key = `${font}|${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      ctx.font = font;
      width = ctx.measureText(text).width;
      widths.set(key, width);
    }
    return width;
  };
}
