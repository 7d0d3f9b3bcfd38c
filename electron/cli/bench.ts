// Runs every benchmark module in electron/bench/*.bench.ts and prints their rows.
// `--json` prints exactly one JSON array of rows on stdout (progress goes to stderr); `--only a,b` picks modules.
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

async function main(): Promise<void> {
  const { json, only } = parseArgs(process.argv.slice(2));
  const files = readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const rows: BenchRow[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(benchDir, file)).href)) as { benchmark: Benchmark };
    const bench = mod.benchmark;
    if (only && !only.includes(bench.name)) continue;
    const log = (line: string) => console.error(`  [${bench.name}] ${line}`);
    if (!json) console.log(`\n${bench.name}: ${bench.description}`);
    const produced = await bench.run(log);
    rows.push(...produced);
    if (!json) for (const row of produced) console.log(`  ${formatRow(row)}`);
  }
  if (json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
