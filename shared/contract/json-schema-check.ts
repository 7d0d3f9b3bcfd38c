// A small JSON Schema (draft 2020-12) validator for the keywords Peel's published schemas use: type, properties,
// required, additionalProperties, propertyNames, items, minItems, enum, const, anyOf, string lengths and patterns,
// number bounds. Tests validate exported bundles against the published peel-bundle.schema.json with it, so the
// file a third party reads is checked, not only the zod schema it is generated from. An unknown keyword is an
// error, so the validator cannot silently skip a rule the file relies on.

export type JsonSchema = { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description']);
const KNOWN = new Set([
  ...ANNOTATIONS,
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'enum',
  'const',
  'anyOf',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const show = (value: unknown) => JSON.stringify(value)?.slice(0, 60) ?? String(value);

/** Returns the first few violations, each with its JSON path ("$.runs[3].series[0].data: ..."). */
export function validateJsonSchema(
  value: unknown,
  schema: JsonSchema,
  path = '$',
  out: string[] = [],
): string[] {
  if (out.length >= 20) return out;
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword)) throw new Error(`${path}: the validator does not know the keyword '${keyword}'`);
  }
  const fail = (message: string) => out.push(`${path}: ${message}`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => typeMatches(value, type))) {
      fail(`expected ${types.join(' or ')}, got ${typeOf(value)}`);
      return out;
    }
  }
  if (schema.const !== undefined && JSON.stringify(value) !== JSON.stringify(schema.const))
    fail(`expected ${show(schema.const)}, got ${show(value)}`);
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))
  )
    fail(`expected one of ${show(schema.enum)}, got ${show(value)}`);
  if (Array.isArray(schema.anyOf)) {
    const matches = (schema.anyOf as JsonSchema[]).some(
      (option) => validateJsonSchema(value, option, path).length === 0,
    );
    if (!matches) fail(`matches none of ${schema.anyOf.length} alternatives`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      fail(`shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      fail(`longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      fail(`does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`above ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
      fail(`not above ${schema.exclusiveMinimum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      fail(`fewer than ${schema.minItems} items`);
    if (schema.items && typeof schema.items === 'object') {
      for (const [i, item] of value.entries())
        validateJsonSchema(item, schema.items as JsonSchema, `${path}[${i}]`, out);
    }
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[])
      if (!(key in record)) fail(`missing required '${key}'`);
    for (const [key, child] of Object.entries(record)) {
      const where = `${path}.${key}`;
      if (schema.propertyNames)
        validateJsonSchema(key, schema.propertyNames as JsonSchema, `${where} (name)`, out);
      if (properties[key]) validateJsonSchema(child, properties[key], where, out);
      else if (schema.additionalProperties === false) out.push(`${where}: not allowed here`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        validateJsonSchema(child, schema.additionalProperties as JsonSchema, where, out);
    }
  }
  return out;
}
