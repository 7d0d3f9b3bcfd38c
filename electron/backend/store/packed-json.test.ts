import { describe, expect, it } from 'vitest';
import { packJsonText, unpackJsonText } from './packed-json';

describe('packed JSON columns', () => {
  it('packs long JSON into much less text and reads it back exactly', () => {
    const events = Array.from({ length: 800 }, (_, i) => ({
      t: i * 27,
      kind: 'oom',
      message: `java.lang.OutOfMemoryError: Direct buffer memory (event ${i}) \u00e9\u{1f600}`,
    }));
    const text = JSON.stringify(events);
    const packed = packJsonText(text)!;
    expect(packed.length).toBeLessThan(text.length / 5);
    expect(unpackJsonText(packed, 'run r1 events')).toBe(text);
  });

  it('leaves short text and null as they are, and reads plain JSON written by an earlier Peel', () => {
    expect(packJsonText('[1,2]')).toBe('[1,2]');
    expect(packJsonText(null)).toBeNull();
    expect(unpackJsonText('[{"t":0}]', 'run r1 events')).toBe('[{"t":0}]');
  });

  it('names the column when packed text is damaged', () => {
    const packed = packJsonText(JSON.stringify(Array.from({ length: 2000 }, (_, i) => i)))!;
    const damaged = `${packed.slice(0, 40)}AAAA${packed.slice(44, 60)}`;
    expect(() => unpackJsonText(damaged, 'run r1 events')).toThrow(/run r1 events is packed JSON/);
  });
});
