// One side of the bundle-import benchmark, in a fresh process so its peak resident memory is the import's alone:
// `text` sends the bundle three times at once as the text import (three request bodies, as three windows or a
// script would), `file` starts three imports from disk at once (the job takes one, refuses the others) and asks a
// cheap call every few milliseconds while it runs. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { openBackend } from '../backend/backend';
import { bundleImportSettled } from '../backend/services/exchange/bundle-import-job';

const [mode, bundlePath, dataDir] = process.argv.slice(2);
if ((mode !== 'text' && mode !== 'file') || !bundlePath || !dataDir) {
  console.error('usage: bundle-import-child.ts text|file BUNDLE DATA_DIR');
  process.exit(2);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const backend = openBackend({ dataDir, host: 'browser', version: 'bench', user: 'bench' });
const started = performance.now();
let accepted = 0;
let refused = 0;
const refusals: string[] = [];
const latencies: number[] = [];
if (mode === 'text') {
  const bodies = [0, 1, 2].map(() => readFileSync(bundlePath, 'utf8'));
  const answers = await Promise.all(
    bodies.map((text, i) => backend.dispatch('bundles.import', { text, fileName: `bench-${i}.json` })),
  );
  for (const answer of answers) {
    if (answer.ok) accepted++;
    else {
      refused++;
      refusals.push(answer.error.message.slice(0, 160));
    }
  }
} else {
  const finished = new Promise<void>((resolve) => {
    backend.subscribe((event) => {
      if (event.name !== 'bundle.finished') return;
      if (event.payload.error) refusals.push(event.payload.error.message.slice(0, 160));
      resolve();
    });
  });
  const answers = await Promise.all(
    [0, 1, 2].map(() => backend.dispatch('bundles.importFile', { path: bundlePath })),
  );
  for (const answer of answers) {
    if (answer.ok) accepted++;
    else {
      refused++;
      refusals.push(answer.error.message.slice(0, 160));
    }
  }
  let done = false;
  void finished.then(() => {
    done = true;
  });
  while (!done) {
    const due = performance.now() + 5;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await backend.dispatch('investigations.list', {});
    latencies.push(performance.now() - due);
  }
  await bundleImportSettled(backend.context);
}
const ms = performance.now() - started;
const imported = backend.store.imports.list().length;
backend.close();
process.stdout.write(
  `${JSON.stringify({
    mode,
    accepted,
    refused,
    imported,
    refusals,
    ms,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    probeP99Ms: latencies.length > 0 ? percentile(latencies, 99) : null,
    probeMaxMs: latencies.length > 0 ? Math.max(...latencies) : null,
    probeCalls: latencies.length,
  })}\n`,
);
