import { describe, expect, it } from 'vitest';
import { fuzzyScore, rankByQuery } from './fuzzy-match';

describe('fuzzyScore', () => {
  it('matches when every query character appears in order, ignoring case and spaces', () => {
    expect(fuzzyScore('nwi', 'New investigation')).not.toBeNull();
    expect(fuzzyScore('NEW INV', 'New investigation')).not.toBeNull();
  });

  it('does not match characters out of order or missing', () => {
    expect(fuzzyScore('wen', 'New')).toBeNull();
    expect(fuzzyScore('newz', 'New investigation')).toBeNull();
  });

  it('scores an empty query as a neutral match', () => {
    expect(fuzzyScore('', 'anything')).toBe(0);
    expect(fuzzyScore('   ', 'anything')).toBe(0);
  });

  it('prefers matches at word starts', () => {
    const wordStarts = fuzzyScore('ah', 'Add a hypothesis')!;
    const midWord = fuzzyScore('ah', 'Brahms')!;
    expect(wordStarts).toBeGreaterThan(midWord);
  });

  it('prefers a consecutive run to scattered characters', () => {
    expect(fuzzyScore('plug', 'Check the plug')!).toBeGreaterThan(
      fuzzyScore('plug', 'People like us, Greg')!,
    );
  });

  it('prefers the shorter text when the match is the same', () => {
    expect(fuzzyScore('audit', 'Show audit trail')!).toBeGreaterThan(
      fuzzyScore('audit', 'Show audit trail of everything')!,
    );
  });
});

describe('rankByQuery', () => {
  const titles = [
    'Keyboard shortcuts',
    'New investigation',
    'Add a hypothesis',
    'Tick: The memory settings (check the plug)',
  ];

  it('returns everything in the original order for a blank query, as a copy', () => {
    const ranked = rankByQuery(titles, '  ', (title) => title);
    expect(ranked).toEqual(titles);
    expect(ranked).not.toBe(titles);
  });

  it('drops what does not match and puts the best match first', () => {
    expect(rankByQuery(titles, 'hyp', (title) => title)[0]).toBe('Add a hypothesis');
    expect(rankByQuery(titles, 'kbd', (title) => title)).toEqual(['Keyboard shortcuts']);
    expect(rankByQuery(titles, 'tplug', (title) => title)[0]).toBe(
      'Tick: The memory settings (check the plug)',
    );
    expect(rankByQuery(titles, 'zzz', (title) => title)).toEqual([]);
  });

  it('ranks by the text the caller chooses', () => {
    const items = [
      { id: 'a', label: 'Go home' },
      { id: 'b', label: 'Open the audit trail' },
    ];
    expect(rankByQuery(items, 'audit', (item) => item.label).map((item) => item.id)).toEqual(['b']);
  });
});
