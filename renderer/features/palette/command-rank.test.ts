import { describe, expect, it } from 'vitest';
import { commandScore, rankCommands } from './command-rank';

describe('commandScore', () => {
  it('ranks a whole word above a prefix, a prefix above text inside a word', () => {
    const whole = commandScore('run', 'Run experiment #3')!;
    const prefix = commandScore('run', 'Runs of the sweep')!;
    const inside = commandScore('run', 'Rerun the baseline')!;
    expect(whole).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(inside);
  });

  it('does not match letters scattered through words', () => {
    expect(
      commandScore('drill', 'Tick: Drew the job graph: every operator, its layer, parallelism'),
    ).toBeNull();
    expect(commandScore('wen', 'New')).toBeNull();
    expect(commandScore('newz', 'New investigation')).toBeNull();
  });

  it('matches initials and chunks that each start a word', () => {
    expect(commandScore('tplug', 'Tick: check the plug')).not.toBeNull();
    expect(commandScore('ap', 'Auto-peel sweep')).not.toBeNull();
  });

  it('needs every word typed, in any order, ignoring case', () => {
    expect(commandScore('FIX apply', 'Apply fix free-map-in-close and re-run')).not.toBeNull();
    expect(commandScore('apply zebra', 'Apply fix free-map-in-close and re-run')).toBeNull();
  });

  it('scores a blank query as a neutral match', () => {
    expect(commandScore('  ', 'anything')).toBe(0);
  });
});

describe('rankCommands', () => {
  const titles = [
    'Tick: Drew the job graph: every operator, its layer, parallelism and which memory it uses',
    'Compare the selected runs',
    'Run experiment #1: baseline',
    'Auto-peel sweep of experiment #1',
    'Derive an experiment from #1…',
    'Rerun the preflight',
  ];
  const rank = (query: string) => rankCommands(titles, query, (title) => title);

  it('returns everything in order for a blank query, as a copy', () => {
    expect(rank('')).toEqual(titles);
    expect(rank('')).not.toBe(titles);
  });

  it('puts the whole-word and prefix matches first', () => {
    expect(rank('run')[0]).toBe('Run experiment #1: baseline');
    expect(rank('run')).toEqual([
      'Run experiment #1: baseline',
      'Compare the selected runs',
      'Rerun the preflight',
    ]);
    expect(rank('der')[0]).toBe('Derive an experiment from #1…');
    expect(rank('peel')[0]).toBe('Auto-peel sweep of experiment #1');
  });

  it('keeps the original order among equal matches', () => {
    expect(rank('experiment')).toEqual([
      'Run experiment #1: baseline',
      'Derive an experiment from #1…',
      'Auto-peel sweep of experiment #1',
    ]);
  });

  it('finds nothing for a query only scattered letters would match', () => {
    expect(rank('drill')).toEqual([]);
  });
});
