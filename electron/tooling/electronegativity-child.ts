// Runs Electronegativity's programmatic API on one folder and writes its findings as JSON; check-security.ts starts
// it as a child process so a hung network request can be killed, and so the resolver hook below stays in here.
// Usage: tsx electronegativity-child.ts <input dir> <electron version> <output.json>
import { writeFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

interface RawIssue {
  id: string;
  severity: { name: string };
  confidence: { name: string };
  file: string;
  location?: { line?: number; column?: number };
  sample?: string;
  description: string;
  manualReview?: boolean;
}

interface RawResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: RawIssue[];
}

type Run = (options: Record<string, unknown>) => Promise<RawResult>;

const [input, electronVersion, output] = process.argv.slice(2);
if (!input || !electronVersion || !output) {
  console.error('usage: electronegativity-child.ts <input dir> <electron version> <output.json>');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
// Electronegativity's TypeScript fallback parser (@typescript-eslint/typescript-estree 4, hoisted to the top of
// node_modules) requires 'typescript' and finds Peel's TypeScript 7, which has no classic compiler API and crashes
// it at load. Electronegativity ships the TypeScript 4.2 it was built for; send every 'typescript' import there.
const classicTypeScript = pathToFileURL(require.resolve('typescript', { paths: [toolDir] })).href;
registerHooks({
  resolve: (specifier, context, next) =>
    specifier === 'typescript' ? { url: classicTypeScript, shortCircuit: true } : next(specifier, context),
});

const run = require('@doyensec/electronegativity') as Run;
// The programmatic API rather than the CLI's -o report.csv: 1.10.3 writes the CSV header and the rows with two
// concurrent fs.writeFile calls, so the header overwrites the first row (seen here) or truncates the rows.
const result = await run({ input, electronVersionOverride: electronVersion, isRelative: true });
// check-security.ts validates this shape (security-findings.ts) before trusting it.
const scan = {
  globalChecks: result.globalChecks,
  atomicChecks: result.atomicChecks,
  errors: result.errors,
  findings: result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file,
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    sample: issue.sample ?? '',
    description: issue.description,
    manualReview: issue.manualReview ?? false,
  })),
};
writeFileSync(output, JSON.stringify(scan, null, 2));
