// Times importing a 1,000,000-row Grafana CSV export from disk, the way the app and `npm run analyze` read it:
// streamed through csv-parse into the shared reader, hashed as it goes (electron/backend/services/imports).
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importMetricsFile } from '../backend/services/imports/import-file';
import type { Benchmark, BenchRow } from './bench-row';

const ROWS = 1_000_000;

/** Two series joined by time, as Grafana writes them: CRLF, quoted headers, one column with units in values. */
async function writeExport(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(
    '"Time","flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{host=""vm"", tm_id=""tm-1""}","tm-2 direct"\r\n',
  );
  const t0 = 1795511035000;
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${t0 + i * 1000},${134217728 + ((i * 7919) % 65536)},${160 + (i % 5)} MiB\r\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
}

export const benchmark: Benchmark = {
  name: 'csv-import',
  description: 'importing a 1,000,000-row Grafana CSV export (2 series) from disk: streamed, parsed, hashed',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'peel-bench-csv-'));
    try {
      const file = join(dir, 'export.csv');
      await writeExport(file, ROWS);
      const bytes = statSync(file).size;
      const rows: BenchRow[] = [];
      for (let round = 0; round < 2; round++) {
        const heapBefore = process.memoryUsage().heapUsed;
        const start = performance.now();
        const result = await importMetricsFile(file);
        const wallMs = performance.now() - start;
        const points = result.metrics.series.reduce((n, s) => n + s.timesSec.length, 0);
        log(
          `round ${round + 1}: ${ROWS} rows, ${(bytes / 2 ** 20).toFixed(1)} MiB in ${wallMs.toFixed(0)} ms`,
        );
        rows.push({
          bench: 'csv-import',
          round: round + 1,
          rows: ROWS,
          fileMiB: Number((bytes / 2 ** 20).toFixed(1)),
          series: result.metrics.series.length,
          points,
          wallMs,
          rowsPerSecond: ROWS / (wallMs / 1000),
          heapGrowthMiB: Number(((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)),
        });
      }
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
