// Runs every benchmark module in electron/bench/*.bench.ts and prints their rows.
// `--json` prints exactly one JSON array of rows on stdout (progress goes to stderr); `--only a,b` picks modules.
// Each module runs in its own process (see runIsolated).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchRow } from '../bench/bench-row';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');

function parseArgs(argv: string[]): { json: boolean; only: string[] | null } {
  let json = false;
  let only: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--only') only = (argv[++i] ?? '').split(',').filter(Boolean);
    else {
      console.error(`bench: unknown argument '${arg}' (expected --json or --only NAME[,NAME])`);
      process.exit(2);
    }
  }
  return { json, only };
}

function formatRow(row: BenchRow): string {
  return Object.entries(row)
    .filter(([key]) => key !== 'bench')
    .map(([key, value]) => `${key}=${typeof value === 'number' ? Number(value.toFixed(3)) : value}`)
    .join('  ');
}

/** Runs one module in this process and prints its rows as JSON (the child's side of `runIsolated`). */
async function runModule(file: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(benchDir, file)).href)) as { benchmark: Benchmark };
  const bench = mod.benchmark;
  const rows = await bench.run((line) => console.error(`  [${bench.name}] ${line}`));
  process.stdout.write(`${JSON.stringify({ name: bench.name, description: bench.description, rows })}\n`);
}

/**
 * Each module runs in a fresh process: one module's leftovers (a 100,000-event database, large strings, a warm
 * or bloated heap) must not slow the next one down, so every figure is the same alone or in the full run.
 */
function runIsolated(file: string): Promise<{ name: string; description: string; rows: BenchRow[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--module', file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last) reject(new Error(`bench: ${file} failed (exit code ${code})`));
      else resolve(JSON.parse(last));
    });
  });
}

async function main(): Promise<void> {
  const moduleAt = process.argv.indexOf('--module');
  if (moduleAt >= 0) return runModule(process.argv[moduleAt + 1] ?? '');
  const { json, only } = parseArgs(process.argv.slice(2));
  const files = readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => !only || only.includes(file.slice(0, -'.bench.ts'.length)))
    .sort();
  if (only) {
    const unknown = only.filter((name) => !files.includes(`${name}.bench.ts`));
    if (unknown.length > 0) {
      console.error(`bench: unknown benchmark '${unknown.join("', '")}' (see electron/bench/*.bench.ts)`);
      process.exit(2);
    }
  }
  const rows: BenchRow[] = [];
  for (const file of files) {
    const produced = await runIsolated(file);
    rows.push(...produced.rows);
    if (!json) {
      console.log(`\n${produced.name}: ${produced.description}`);
      for (const row of produced.rows) console.log(`  ${formatRow(row)}`);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
