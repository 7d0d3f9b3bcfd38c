// One side of the export benchmark, in a fresh process so its memory figures are the export's alone: opens the
// database the bench filled, writes one format's export to a file `rounds` times, as the app saves it (read in
// pages, written as it is read), and samples resident memory and the V8 heap every few milliseconds meanwhile.
// The samples are taken on the event loop, so the longest gap between two of them is also the longest the export
// kept other requests waiting. Prints one JSON line per round, then one with the live heap (see the last round).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TextExportFormat } from '../../shared/contract/exchange-entities';
import { openBackend } from '../backend/backend';
import { writeExportFiles } from '../backend/services/exchange/export-file';
import { prepareExport } from '../backend/services/exchange/render-export';
import { exportMeta } from '../backend/services/exchange/report-data';
import { inProcessRunner } from '../backend/workers/simulation-runner';

const [dataDir, investigationId, format, outDir, roundsText] = process.argv.slice(2);
if (!dataDir || !investigationId || !format || !outDir) {
  console.error('usage: export-child.ts DATA_DIR INVESTIGATION FORMAT OUT_DIR [ROUNDS]');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('export-child.ts: run with --expose-gc, so each round starts from a collected heap');
  process.exit(2);
}

const heapBytes = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

const backend = openBackend({
  dataDir,
  host: 'browser',
  version: 'bench',
  user: 'bench',
  runner: inProcessRunner,
});
try {
  const ctx = backend.context;
  const meta = exportMeta(ctx, 'bench', 'cli');
  for (let round = 0; round < Number(roundsText ?? 1); round++) {
    const path = join(outDir, `export-${round}.${format}`);
    gc();
    const rss0 = process.memoryUsage.rss();
    const heap0 = heapBytes();
    let peakRss = rss0;
    let peakHeap = heap0;
    let last = performance.now();
    let maxGap = 0;
    const sample = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      peakHeap = Math.max(peakHeap, heapBytes());
    }, 2);
    const began = performance.now();
    const written = await writeExportFiles(
      path,
      await prepareExport(ctx, investigationId, format as TextExportFormat, meta),
    );
    const wallMs = performance.now() - began;
    clearInterval(sample);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    peakHeap = Math.max(peakHeap, heapBytes());
    maxGap = Math.max(maxGap, performance.now() - last);
    for (const file of written.files) rmSync(file, { force: true });
    console.log(
      JSON.stringify({
        round,
        wallMs,
        bytes: written.bytes,
        peakRssDeltaMb: (peakRss - rss0) / 1048576,
        peakHeapDeltaMb: (peakHeap - heap0) / 1048576,
        longestStallMs: maxGap,
      }),
    );
  }
  // One more round for what the export keeps alive: a full collection every 20 ms while it runs, each followed by
  // a reading, so the figure is the live heap (pages in flight) rather than garbage not yet collected.
  const path = join(outDir, `export-live.${format}`);
  gc();
  const heap0 = heapBytes();
  let live = 0;
  const collect = setInterval(() => {
    gc();
    live = Math.max(live, heapBytes() - heap0);
  }, 20);
  const written = await writeExportFiles(
    path,
    await prepareExport(ctx, investigationId, format as TextExportFormat, meta),
  );
  clearInterval(collect);
  for (const file of written.files) rmSync(file, { force: true });
  console.log(JSON.stringify({ liveHeapMb: live / 1048576 }));
} finally {
  backend.close();
}
