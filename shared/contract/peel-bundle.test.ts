import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLE_SCHEMA_ID, BUNDLE_VERSION, bundleJsonSchema } from './peel-bundle';

const published = JSON.parse(readFileSync(new URL('./peel-bundle.schema.json', import.meta.url), 'utf8'));

describe('the published bundle schema', () => {
  it('is exactly what the zod schema generates (regenerate with npm run bundle-schema)', () => {
    expect(published).toEqual(bundleJsonSchema());
  });

  it('is a documented draft 2020-12 schema reading versions 1 and 2', () => {
    expect(published.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(published.$id).toBe(BUNDLE_SCHEMA_ID);
    expect(published.title).toBe('Peel investigation bundle');
    expect(published.properties.version.anyOf.map((v: { const: number }) => v.const)).toEqual([
      1,
      BUNDLE_VERSION,
    ]);
    for (const key of ['investigation', 'checklist', 'notes', 'experiments', 'runs', 'handover', 'chain']) {
      const described = published.properties[key].description ?? published.properties[key].items?.description;
      expect(described, key).toEqual(expect.any(String));
    }
    expect(published.properties.chain.properties.format.description).toContain('SHA-256(prevHash');
    expect(published.additionalProperties).toBe(false);
  });
});
