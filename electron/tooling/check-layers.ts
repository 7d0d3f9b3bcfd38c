// `npm run check:layers`: parses every source file in shared/, renderer/ and electron/ and fails on any import or
// clock use that breaks Peel's dependency rules (the table is in layer-rules.ts), naming file, line and rule, and on
// any import cycle, naming its files.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findImportCycles, formatCycle } from './import-cycles';
import { scanSources } from './import-scan';
import { checkFile, formatViolation } from './layer-rules';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAYERS = ['shared', 'renderer', 'electron'];
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(path);
    return entry.isFile() && SOURCE.test(entry.name) ? [path] : [];
  });
}

const sources = new Map<string, string>();
for (const layer of LAYERS) {
  for (const file of sourceFiles(join(root, layer))) {
    sources.set(relative(root, file).split(sep).join('/'), readFileSync(file, 'utf8'));
  }
}

const scanned = scanSources(root, sources);
const violations = scanned.flatMap((file) => checkFile(file));
const cycles = findImportCycles(scanned);
for (const violation of violations) console.error(formatViolation(violation));
for (const cycle of cycles) console.error(formatCycle(cycle));
if (violations.length > 0 || cycles.length > 0) {
  console.error(
    `check:layers: ${violations.length} violation(s) and ${cycles.length} import cycle(s) in ${sources.size} files.`,
  );
  process.exit(1);
}
console.log(
  `check:layers: ${sources.size} files in ${LAYERS.join('/, ')}/ follow the dependency rules, with no import cycle.`,
);
