import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalJsonOfStored,
  findDuplicateKeyOrLoneSurrogate,
  parseCanonicalJson,
} from './canonical-json';

describe('parseCanonicalJson', () => {
  it('accepts the canonical form of any value and gives the value back', () => {
    const value = { b: [1, 2.5, { z: null, a: 'é\u{1F600}"\\' }], a: true, c: -0.000125 };
    const text = canonicalJson(value);
    expect(parseCanonicalJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('refuses a duplicated key, naming it, even when the last value is the canonical one', () => {
    const forged = '{"body":"FORGED","noteId":"n1","body":"original"}';
    const result = parseCanonicalJson(forged);
    expect(result).toEqual({
      ok: false,
      problem: { kind: 'duplicate-key', key: 'body', offset: forged.lastIndexOf('"body"') },
    });
  });

  it('finds a duplicate in a nested object and after escapes, but not the same key in sibling objects', () => {
    const nested = '{"a":[{"k":1},{"k":2}],"b":{"x\\"y":1,"x\\u0022y":2}}';
    expect(findDuplicateKeyOrLoneSurrogate(nested)).toEqual({
      kind: 'duplicate-key',
      key: 'x"y',
      offset: nested.lastIndexOf('"x'),
    });
    expect(findDuplicateKeyOrLoneSurrogate('{"a":[{"k":1},{"k":2}],"k":"k"}')).toBeNull();
  });

  it('refuses lone surrogates, escaped or raw, and accepts pairs', () => {
    expect(parseCanonicalJson('{"a":"\\ud800"}')).toMatchObject({
      ok: false,
      problem: { kind: 'lone-surrogate' },
    });
    expect(parseCanonicalJson('{"a":"x\udc00"}')).toMatchObject({
      ok: false,
      problem: { kind: 'lone-surrogate' },
    });
    expect(parseCanonicalJson(canonicalJson({ a: '\u{1F600}' }))).toMatchObject({ ok: true });
  });

  it('refuses whitespace, unsorted keys and other spellings of the same value', () => {
    for (const text of ['{"a": 1}', '{"b":1,"a":2}', '{"a":1.0}', '{"a":"\\u0041"}', '{"a":1e2}']) {
      expect(parseCanonicalJson(text), text).toEqual({ ok: false, problem: { kind: 'not-canonical' } });
    }
    expect(parseCanonicalJson('{"a":')).toMatchObject({ ok: false, problem: { kind: 'not-json' } });
  });
});

describe('canonicalJsonOfStored', () => {
  const viaText = (value: unknown) => canonicalJson(JSON.parse(JSON.stringify(value)));

  it('writes what the canonical JSON of the stored text is, for any JSON-like value', () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(-0),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('node')),
      // Keys that sort differently as text and as numbers ("10" before "9"), odd and escaped ones.
      object: fc.dictionary(
        fc.oneof(fc.string(), fc.constantFrom('10', '9', '0', '__proto__', 'a"b')),
        tie('node'),
      ),
    })).node;
    fc.assert(
      fc.property(value, (input) => {
        if (input === undefined) return;
        expect(canonicalJsonOfStored(input)).toBe(viaText(input));
      }),
      { numRuns: 400 },
    );
  });

  it('calls toJSON, writes boxed values and typed arrays as JSON.stringify does', () => {
    const value = {
      at: new Date(Date.UTC(2026, 11, 7)),
      boxed: [Object(3), Object('x'), Object(false)],
      floats: new Float32Array([1.5, Number.NaN, 3]),
      gone: () => 1,
      holes: Object.assign(new Array(3), { 1: 'only' }),
      undefinedInArray: [1, undefined, () => 2],
      symbol: Symbol('s'),
      nested: { toJSON: (key: string) => ({ key, n: Number.POSITIVE_INFINITY }) },
    };
    expect(canonicalJsonOfStored(value)).toBe(viaText(value));
  });

  it('refuses a BigInt and a value JSON cannot write at all', () => {
    expect(() => canonicalJsonOfStored({ a: 1n })).toThrow(TypeError);
    expect(() => canonicalJsonOfStored(undefined)).toThrow(TypeError);
  });
});
