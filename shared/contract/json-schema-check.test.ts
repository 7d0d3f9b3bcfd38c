import { describe, expect, it } from 'vitest';
import { validateJsonSchema } from './json-schema-check';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, pattern: '^[a-z]+$' },
    count: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1 },
    kind: { type: 'string', const: 'x' },
    maybe: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    map: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'number' } },
  },
  required: ['name', 'kind'],
  additionalProperties: false,
};

describe('validateJsonSchema', () => {
  it('accepts a matching value', () => {
    expect(
      validateJsonSchema(
        { name: 'ab', count: 2, tags: ['a'], kind: 'x', maybe: null, map: { k: 1.5 } },
        schema,
      ),
    ).toEqual([]);
  });

  it('names each violation by its path', () => {
    const errors = validateJsonSchema(
      { name: 'A1', count: -1.5, tags: ['c'], kind: 'y', maybe: 3, map: { k: 'no' }, extra: 1 },
      schema,
    );
    expect(errors).toEqual([
      '$.name: does not match ^[a-z]+$',
      '$.count: expected integer, got number',
      '$.tags[0]: expected one of ["a","b"], got "c"',
      '$.kind: expected "x", got "y"',
      '$.maybe: matches none of 2 alternatives',
      '$.map.k: expected number, got string',
      '$.extra: not allowed here',
    ]);
    expect(validateJsonSchema({}, schema)).toEqual([
      "$: missing required 'name'",
      "$: missing required 'kind'",
    ]);
  });

  it('refuses a keyword it does not implement instead of skipping it', () => {
    expect(() => validateJsonSchema(1, { oneOf: [] })).toThrow(/does not know the keyword 'oneOf'/);
  });
});
