import { describe, expect, it } from 'vitest';
import { plural, pluralNoun } from './plural';

describe('plural', () => {
  it('agrees the noun with the count', () => {
    expect(plural(1, 'event')).toBe('1 event');
    expect(plural(0, 'event')).toBe('0 events');
    expect(plural(2, 'hint')).toBe('2 hints');
    expect(plural(1, 'point')).toBe('1 point');
    expect(plural(-1, 'point')).toBe('-1 point');
    expect(plural(1.5, 'hour')).toBe('1.5 hours');
  });

  it('knows the irregular nouns Peel writes, and takes any other plural given', () => {
    expect(plural(1, 'hypothesis')).toBe('1 hypothesis');
    expect(plural(3, 'hypothesis')).toBe('3 hypotheses');
    expect(plural(2, 'series')).toBe('2 series');
    expect(plural(2, 'query')).toBe('2 queries');
    expect(plural(2, 'full GC')).toBe('2 full GCs');
    expect(plural(2, 'child', { pluralForm: 'children' })).toBe('2 children');
    expect(pluralNoun(1, 'OOM')).toBe('OOM');
    expect(pluralNoun(4, 'OOM')).toBe('OOMs');
  });

  it('groups large counts on request', () => {
    expect(plural(12345, 'event', { grouped: true })).toBe('12,345 events');
    expect(plural(1, 'event', { grouped: true })).toBe('1 event');
  });
});
