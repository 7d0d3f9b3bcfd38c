// `npx tsx electron/cli/large-trail.ts --data-dir DIR [--events N]`: writes an investigation with a very long audit
// trail (100,000 events by default) into a new data folder, indexes it for search, and prints the investigation's
// id: a way to try the timeline and `npm run verify` at that size (start the app with --data-dir DIR).
import { existsSync, readdirSync } from 'node:fs';
import { openBackend } from '../backend/backend';
import { indexTrailForSearch } from '../backend/services/trail/trail-query';
import { buildLargeTrail } from '../bench/large-trail';

function parseArgs(argv: readonly string[]): { dataDir: string; events: number } {
  let dataDir: string | undefined;
  let events = 100_000;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--data-dir' && value) {
      dataDir = value;
      i++;
    } else if (arg === '--events' && value && /^\d+$/.test(value) && Number(value) >= 2) {
      events = Number(value);
      i++;
    } else {
      console.error(`large-trail: bad argument '${arg}' (expected --data-dir DIR [--events N], N >= 2)`);
      process.exit(2);
    }
  }
  if (!dataDir) {
    console.error('large-trail: --data-dir DIR is required (a new or empty folder)');
    process.exit(2);
  }
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    console.error(`large-trail: ${dataDir} is not empty; give a new folder so no one's data is mixed in`);
    process.exit(2);
  }
  return { dataDir, events };
}

async function main(): Promise<void> {
  const { dataDir, events } = parseArgs(process.argv.slice(2));
  const built = await buildLargeTrail(dataDir, events, (done) => {
    if (done % 10_000 === 0) console.error(`${done.toLocaleString('en-US')} events`);
  });
  const started = performance.now();
  const backend = openBackend({ dataDir, host: 'browser', version: 'large-trail' });
  try {
    const indexed = indexTrailForSearch(backend.context);
    console.error(
      `Built in ${(built.buildMs / 1000).toFixed(1)} s; ${indexed.toLocaleString('en-US')} events indexed for search in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    backend.close();
  }
  console.log(built.investigationId);
}

main().catch((error: unknown) => {
  console.error(`large-trail: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
