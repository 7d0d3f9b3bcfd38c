// `npm run bundle-schema`: writes shared/contract/peel-bundle.schema.json from the zod schema it is generated from
// (shared/contract/peel-bundle.ts), so the published JSON Schema never drifts from what Peel checks on import.
// `--check` only compares (as JSON: the file is formatted by Biome like every other), exits 1 when it is stale.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { bundleJsonSchema } from '../../shared/contract/peel-bundle';

export const BUNDLE_SCHEMA_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'contract',
  'peel-bundle.schema.json',
);

export function bundleSchemaText(): string {
  return `${JSON.stringify(bundleJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = bundleSchemaText();
  if (process.argv.includes('--check')) {
    const current: unknown = JSON.parse(readFileSync(BUNDLE_SCHEMA_FILE, 'utf8'));
    if (!isDeepStrictEqual(current, bundleJsonSchema())) {
      console.error(`${BUNDLE_SCHEMA_FILE} is stale: run npm run bundle-schema`);
      process.exit(1);
    }
  } else {
    writeFileSync(BUNDLE_SCHEMA_FILE, text);
    console.log(`${BUNDLE_SCHEMA_FILE} (format it: npx biome format --write ${BUNDLE_SCHEMA_FILE})`);
  }
}
