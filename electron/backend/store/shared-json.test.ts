import { describe, expect, it } from 'vitest';
import { createJsonSharer } from './shared-json';

describe('the JSON sharer', () => {
  it('gives one frozen value for texts read again, equal to what JSON.parse gives', () => {
    const share = createJsonSharer();
    const text = '{"scenario":"s","removed":[],"defects":{},"faults":[{"atSec":1800}],"seed":1}';
    const first = share<Record<string, unknown>>(text);
    expect(first).toEqual(JSON.parse(text));
    expect(share(text)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen((first.faults as object[])[0])).toBe(true);
    expect(() => {
      (first.removed as string[]).push('layer1');
    }).toThrow(TypeError);
  });

  it('shares empty lists and maps between different texts', () => {
    const share = createJsonSharer();
    const a = share<{ list: unknown[]; map: object; full: number[] }>('{"list":[],"map":{},"full":[1]}');
    const b = share<{ other: unknown[]; map: object }>('{"other":[],"map":{}}');
    expect(a.list).toBe(b.other);
    expect(a.map).toBe(b.map);
    expect(share<unknown[]>('[]')).toBe(a.list);
    expect(a.full).toEqual([1]);
  });

  it('remembers at most its capacity, the texts read most recently, and no text beyond its length bound', () => {
    const share = createJsonSharer(2, 20);
    const one = share('{"n":1}');
    const two = share('{"n":2}');
    expect(share('{"n":1}')).toBe(one);
    share('{"n":3}');
    expect(share.size).toBe(2);
    // {"n":2} was read longest ago and made room; {"n":1} was read again and stayed.
    expect(share('{"n":1}')).toBe(one);
    expect(share('{"n":2}')).not.toBe(two);
    const long = `{"text":"${'x'.repeat(40)}"}`;
    const parsed = share(long);
    expect(parsed).toEqual(JSON.parse(long));
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(share(long)).not.toBe(parsed);
  });

  it('shares equal inner lists and maps between different texts, frozen', () => {
    const share = createJsonSharer();
    type Params = { scenario: string; seed: number; faults: { atSec: number }[]; spikes: { every: number } };
    const a = share<Params>(
      '{"scenario":"offheap-map-leak","seed":1,"faults":[{"atSec":1800}],"spikes":{"every":60}}',
    );
    const b = share<Params>(
      '{"seed":2,"scenario":"offheap-map-leak","spikes":{"every":60},"faults":[{"atSec":1800}]}',
    );
    expect(b).not.toBe(a);
    expect(b.faults).toBe(a.faults);
    expect(b.faults[0]).toBe(a.faults[0]);
    expect(b.spikes).toBe(a.spikes);
    expect(Object.isFrozen(b.faults)).toBe(true);
    // Different inner values stay apart, and the values read are what JSON.parse gives.
    const c = share<Params>(
      '{"scenario":"seed-job","seed":3,"faults":[{"atSec":900}],"spikes":{"every":60}}',
    );
    expect(c.faults).not.toBe(a.faults);
    expect(c).toEqual(
      JSON.parse('{"scenario":"seed-job","seed":3,"faults":[{"atSec":900}],"spikes":{"every":60}}'),
    );
    expect(c.spikes).toBe(a.spikes);
  });

  it('does not share a whole value as an inner one', () => {
    const share = createJsonSharer(1);
    const inner = share<{ x: { n: number } }>('{"x":{"n":1}}');
    // {"n":1} is read again as a whole text: a new root, not the inner value of the first text.
    const whole = share<{ n: number }>('{"n":1}');
    expect(whole).toEqual({ n: 1 });
    expect(whole).not.toBe(inner.x);
  });
});
