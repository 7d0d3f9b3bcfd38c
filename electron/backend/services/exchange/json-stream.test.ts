import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LazyJsonArray, streamJson } from './json-stream';

async function text(value: unknown, indent = 1): Promise<string> {
  let out = '';
  for await (const piece of streamJson(value, indent)) out += piece;
  return out;
}

/** The value with every lazy array read whole: what JSON.stringify of the same document sees. */
async function materialise(value: unknown): Promise<unknown> {
  if (value instanceof LazyJsonArray) return Promise.all((await value.collect()).map(materialise));
  if (Array.isArray(value)) return Promise.all(value.map(materialise));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await materialise(v);
    return out;
  }
  return value;
}

function lazy<T>(items: T[], pageSize: number): LazyJsonArray<T> {
  return new LazyJsonArray(async function* () {
    for (let i = 0; i < items.length; i += pageSize) yield items.slice(i, i + pageSize);
    yield [];
  });
}

// JSON values with the awkward parts: strings with line breaks, quotes and unicode, nested empties, undefined.
const leaf = fc.oneof(
  fc.string(),
  fc.constantFrom('line\nbreak', '"q"', '\u2028', 'é日本🙂', '\\', ''),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(tie('value'), fc.constant(undefined)), {
    maxKeys: 4,
  }),
})).value;

/** A document with lazy arrays in it, at any depth, paged at any size. */
const withLazies = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    json,
    fc
      .tuple(fc.array(json, { maxLength: 9 }), fc.integer({ min: 1, max: 4 }))
      .map(([items, page]) => lazy(items, page)),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), tie('node'), { maxKeys: 3 }),
  ),
})).node;

describe('streamJson', () => {
  it('writes what JSON.stringify writes, for any document and page size', async () => {
    await fc.assert(
      fc.asyncProperty(withLazies, fc.constantFrom(1, 2), async (value, indent) => {
        expect(await text(value, indent)).toBe(JSON.stringify(await materialise(value), null, indent));
      }),
      { numRuns: 400 },
    );
  });

  it('an empty lazy array, a lazy array at the top, and one page per piece', async () => {
    expect(await text({ a: lazy([], 3) })).toBe('{\n "a": []\n}');
    expect(await text(lazy([1, [2]], 1))).toBe(JSON.stringify([1, [2]], null, 1));
    const pieces: string[] = [];
    for await (const piece of streamJson({ events: lazy([{ a: 1 }, { a: 2 }, { a: 3 }], 2) }, 1))
      pieces.push(piece);
    expect(pieces).toEqual([
      '{\n "events": ',
      '[\n  {\n   "a": 1\n  },\n  {\n   "a": 2\n  }',
      ',\n  {\n   "a": 3\n  }',
      '\n ]',
      '\n}',
    ]);
  });

  it('refuses to be stringified whole by mistake', () => {
    expect(() => JSON.stringify({ a: lazy([1], 1) })).toThrow(/written by streamJson/);
  });
});
