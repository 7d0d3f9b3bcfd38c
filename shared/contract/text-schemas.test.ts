import { describe, expect, it } from 'vitest';
import { PeelError } from './errors';
import { parseRequest } from './validate';

describe('text fields', () => {
  it('refuse NUL characters by name, before any service (and SQLite) sees them', () => {
    for (const title of ['\u0000', 'Direct OOMs\u0000 in ads']) {
      let error: unknown;
      try {
        parseRequest('investigations.create', { title, summary: '', startedAt: 0 });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(PeelError);
      expect((error as PeelError).code).toBe('invalid-request');
      expect((error as PeelError).message).toMatch(/title.*must not contain NUL characters/);
    }
  });
});
