// Ranks commands against what was typed. Whole words count most, then word prefixes, then text inside a word; a
// query that is none of these may still be initials or chunks that each start a word ("tplug" for "Tick: … plug"),
// but never letters scattered through words ("drill" does not find "Drew the job graph").
const WHOLE_WORD = 100;
const PREFIX = 60;
const INSIDE = 20;
const CHUNKS = 8;

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}#]+/u)
    .filter(Boolean);

/** Each character either continues the chunk being matched or starts a word of the text. */
function chunkMatch(query: string, text: string): boolean {
  const t = text.toLowerCase();
  const isWordStart = (i: number) => i === 0 || !/[\p{L}\p{N}]/u.test(t[i - 1] ?? '');
  const search = (qi: number, from: number, inChunk: boolean): boolean => {
    if (qi === query.length) return true;
    const char = query[qi];
    if (inChunk && t[from] === char && search(qi + 1, from + 1, true)) return true;
    for (let i = from; i < t.length; i++) {
      if (t[i] === char && isWordStart(i) && search(qi + 1, i + 1, true)) return true;
    }
    return false;
  };
  return search(0, 0, false);
}

/** How well `query` matches `text`; null when it does not. Higher is better. */
export function commandScore(query: string, text: string): number | null {
  const terms = wordsOf(query);
  if (terms.length === 0) return 0;
  const words = wordsOf(text);
  let score = 0;
  let firstAt = words.length;
  for (const term of terms) {
    let best = 0;
    let at = -1;
    words.forEach((word, i) => {
      const tier =
        word === term ? WHOLE_WORD : word.startsWith(term) ? PREFIX : word.includes(term) ? INSIDE : 0;
      if (tier > best) {
        best = tier;
        at = i;
      }
    });
    if (best === 0) {
      if (!chunkMatch(term, text)) return null;
      best = CHUNKS;
    }
    score += best;
    if (at >= 0) firstAt = Math.min(firstAt, at);
  }
  // Among equals, a match early in the title and a short title win.
  return score - firstAt * 0.5 - text.length * 0.01;
}

export function rankCommands<T>(items: readonly T[], query: string, textOf: (item: T) => string): T[] {
  if (query.trim() === '') return [...items];
  return items
    .map((item, index) => ({ item, index, score: commandScore(query, textOf(item)) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);
}
