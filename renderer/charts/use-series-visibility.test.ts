import { describe, expect, it } from 'vitest';
import { toggleSeries, toggleSeriesGroup } from './use-series-visibility';

const ids = ['a/tm-1', 'a/tm-2', 'b/tm-1', 'b/tm-2'];

describe('series visibility', () => {
  it('hides and shows one series per click', () => {
    const once = toggleSeries(new Set(), ids, 'a/tm-2', false);
    expect([...once]).toEqual(['a/tm-2']);
    expect([...toggleSeries(once, ids, 'a/tm-2', false)]).toEqual([]);
  });

  it('shows one series alone on alt-click, and everything again on a second alt-click', () => {
    const alone = toggleSeries(new Set(), ids, 'b/tm-1', true);
    expect([...alone].sort()).toEqual(['a/tm-1', 'a/tm-2', 'b/tm-2']);
    expect(toggleSeries(alone, ids, 'b/tm-1', true).size).toBe(0);
  });

  it('hides a whole run, then shows it again', () => {
    const hidden = toggleSeriesGroup(new Set(['a/tm-1']), ['a/tm-1', 'a/tm-2']);
    expect([...hidden].sort()).toEqual(['a/tm-1', 'a/tm-2']);
    expect(toggleSeriesGroup(hidden, ['a/tm-1', 'a/tm-2']).size).toBe(0);
  });
});
