// `tsx electron/tooling/write-drill-schema.ts`: writes shared/training/drill-file.schema.json from the zod schema
// it is generated from (shared/training/drill-file.ts), so the published JSON Schema never drifts from what Peel
// checks. `--check` only compares (as JSON), exits 1 when it is stale.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { drillJsonSchema } from '../../shared/training/drill-file';

export const DRILL_SCHEMA_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'training',
  'drill-file.schema.json',
);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const current: unknown = JSON.parse(readFileSync(DRILL_SCHEMA_FILE, 'utf8'));
    if (!isDeepStrictEqual(current, drillJsonSchema())) {
      console.error(`${DRILL_SCHEMA_FILE} is stale: run tsx electron/tooling/write-drill-schema.ts`);
      process.exit(1);
    }
  } else {
    writeFileSync(DRILL_SCHEMA_FILE, `${JSON.stringify(drillJsonSchema(), null, 2)}\n`);
    console.log(`${DRILL_SCHEMA_FILE} (format it: npx biome format --write ${DRILL_SCHEMA_FILE})`);
  }
}
