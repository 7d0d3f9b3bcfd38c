// A count with its noun, agreed: "1 event", "2 events", "1 hypothesis", "0 OOMs". Every sentence Peel writes with a
// count goes through here, so none says "1 events" or "1 hints ... 1 points".

/** Nouns whose plural is not the singular plus "s". */
const IRREGULAR: Readonly<Record<string, string>> = {
  hypothesis: 'hypotheses',
  series: 'series',
  analysis: 'analyses',
  index: 'indexes',
  query: 'queries',
  entry: 'entries',
  copy: 'copies',
  'full GC': 'full GCs',
};

/** The noun for `count` of it: singular for exactly 1 (and -1), plural otherwise (0, 2, 1.5). */
export function pluralNoun(count: number, singular: string, pluralForm?: string): string {
  if (Math.abs(count) === 1) return singular;
  return pluralForm ?? IRREGULAR[singular] ?? `${singular}s`;
}

/**
 * "1 event", "12,345 events": the count (grouped with commas from 10,000 when `grouped`) and its noun. `pluralForm`
 * for a noun not in the table ("1 child", "2 children").
 */
export function plural(
  count: number,
  singular: string,
  options: { pluralForm?: string; grouped?: boolean } = {},
): string {
  const shown = options.grouped ? count.toLocaleString('en-US') : String(count);
  return `${shown} ${pluralNoun(count, singular, options.pluralForm)}`;
}
