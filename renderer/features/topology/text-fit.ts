// Text widths estimated from character classes, so pure layout code can decide what fits in an SVG box without a
// DOM to measure (tests run without one, and measuring every label on each render would be slow).

// Em widths of a proportional system-ui face; close enough to truncate before overflowing, not for typesetting.
const NARROW = new Set("il|!.,:;'`ıj ".split(''));
const SEMI_NARROW = new Set('frt()[]{}-/"'.split(''));
const WIDE = new Set('mwMW@%'.split(''));

function charEm(char: string): number {
  if (NARROW.has(char)) return 0.28;
  if (SEMI_NARROW.has(char)) return 0.36;
  if (WIDE.has(char)) return 0.84;
  if (/[A-Z]/.test(char)) return 0.66;
  if (/[0-9]/.test(char)) return 0.56;
  return 0.54;
}

/** Estimated width in px of `text` at `fontSize` px; monospace faces are 0.6 em per character. */
export function estimateTextWidth(text: string, fontSize: number, mono = false): number {
  if (mono) return text.length * 0.6 * fontSize;
  let em = 0;
  for (const char of text) em += charEm(char);
  return em * fontSize;
}

export type MeasureText = (text: string) => number;

/**
 * `text` if it fits in `maxWidth`, else the longest prefix that fits with an ellipsis ('' when not even that).
 * `measure` gives a width in px: the page's real font where there is one, the estimate otherwise.
 */
export function fitText(text: string, maxWidth: number, measure: MeasureText): string {
  if (measure(text) <= maxWidth) return text;
  const chars = [...text];
  for (let n = chars.length - 1; n > 0; n--) {
    const candidate = `${chars.slice(0, n).join('').trimEnd()}…`;
    if (measure(candidate) <= maxWidth) return candidate;
  }
  return '';
}
