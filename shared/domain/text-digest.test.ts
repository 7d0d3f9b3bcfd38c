import { describe, expect, it } from 'vitest';
import { textDigest } from './text-digest';

describe('textDigest', () => {
  it('is the same for the same text and short whatever the length', () => {
    const long = JSON.stringify({ scenario: 'offheap-map-leak', seed: 7, text: 'x'.repeat(5000) });
    expect(textDigest(long)).toBe(textDigest(`${long}`));
    expect(textDigest(long).length).toBeLessThanOrEqual(23);
    expect(textDigest('')).toMatch(/^[0-9a-z]+\.[0-9a-z]+$/);
  });

  it('tells apart texts that differ in one character, anywhere, or only in order', () => {
    const base = '{"hours":6,"parallelism":8,"scenario":"offheap-map-leak","seed":1}';
    const digests = new Set<string>([textDigest(base)]);
    for (let i = 0; i < base.length; i++) {
      const changed = `${base.slice(0, i)}${String.fromCharCode(base.charCodeAt(i) ^ 1)}${base.slice(i + 1)}`;
      digests.add(textDigest(changed));
    }
    expect(digests.size).toBe(base.length + 1);
    expect(textDigest('ab')).not.toBe(textDigest('ba'));
  });

  it('gives 100,000 setups that differ only in their seed 100,000 digests', () => {
    const digests = new Set<string>();
    for (let seed = 0; seed < 100_000; seed++)
      digests.add(textDigest(`{"scenario":"seed-job","seed":${seed}}`));
    expect(digests.size).toBe(100_000);
  });
});
