// Scores how well a typed query matches a command title: every query character must appear in order; matches at
// word starts and consecutive runs score higher, so "tplug" finds "Tick: … plug" and "nh" finds "New hypothesis".
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let position = 0;
  let run = 0;
  for (const char of q) {
    const found = t.indexOf(char, position);
    if (found < 0) return null;
    const atWordStart = found === 0 || /[\s:/(-]/.test(t[found - 1] ?? '');
    run = found === position ? run + 1 : 0;
    score += 1 + (atWordStart ? 3 : 0) + run * 2 - Math.min(found - position, 10) * 0.1;
    position = found + 1;
  }
  return score - t.length * 0.01;
}

export function rankByQuery<T>(items: readonly T[], query: string, textOf: (item: T) => string): T[] {
  if (query.trim() === '') return [...items];
  return items
    .map((item) => ({ item, score: fuzzyScore(query, textOf(item)) }))
    .filter((entry): entry is { item: T; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.item);
}
