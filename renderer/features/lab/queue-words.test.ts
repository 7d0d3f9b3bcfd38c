import { describe, expect, it } from 'vitest';
import { ordinal, queuedWords } from './queue-words';

describe('a queued run in words', () => {
  it('says its place in line with the right ordinal suffix', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 32, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '32nd',
      '101st',
      '111th',
    ]);
    expect(queuedWords(3)).toBe('queued, 3rd in line');
  });
});
