// Files of every format through the Node entry: a CSV streamed with progress, cancel and the bytes' hash; other
// formats read whole; unreadable, oversized and broken files refused whole.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../../shared/imports/import-error';

const FIXTURES = fileURLToPath(new URL('../../../../shared/imports/fixtures', import.meta.url));

import { type ImportProgress, importMetricsFile } from './import-file';

const work = mkdtempSync(join(tmpdir(), 'peel-import-file-'));
const big = join(work, 'big.csv');
const ROWS = 200_000;

async function writeBigCsv(): Promise<void> {
  const out = createWriteStream(big);
  out.write(
    '"Time","flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{tm_id=""tm-1""}","tm-2 direct"\r\n',
  );
  for (let i = 0; i < ROWS; i++) {
    const line = `${1700000000000 + i * 1000},${134217728 + (i % 1000)},${i % 7 === 0 ? '' : `${160 + (i % 3)} MiB`}\r\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

beforeAll(writeBigCsv, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('importMetricsFile', () => {
  it('streams a large CSV with progress and the SHA-256 of its bytes', async () => {
    const progress: ImportProgress[] = [];
    const result = await importMetricsFile(big, { onProgress: (p) => progress.push(p) });
    expect(result.metrics.format).toBe('grafana-csv-joined');
    const [a, b] = result.metrics.series;
    expect(a?.timesSec.length).toBe(ROWS);
    expect(a?.taskManager).toBe('tm-1');
    expect(a?.values[ROWS - 1]).toBe(134217728 + ((ROWS - 1) % 1000));
    expect(b?.timesSec.length).toBe(ROWS - Math.ceil(ROWS / 7));
    expect(b?.values[0]).toBe(161 * 2 ** 20);
    const bytes = readFileSync(big);
    expect(result.bytes).toBe(bytes.length);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({
      bytesRead: bytes.length,
      totalBytes: bytes.length,
      records: ROWS + 1,
    });
  }, 120_000);

  it('stops when cancelled and imports nothing', async () => {
    const controller = new AbortController();
    const error = await failure(
      importMetricsFile(big, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.bytesRead > 2 ** 20) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(error.source).toBe('big.csv');
  }, 120_000);

  it('names the line of a bad row deep in a streamed file', async () => {
    const file = join(work, 'bad.csv');
    const rows = ['Time,direct'];
    for (let i = 0; i < 5000; i++) rows.push(`${1000 * (i + 1)},${i}`);
    rows.push('9000000,12 %');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const error = await failure(importMetricsFile(file));
    expect(error.message).toBe(
      'bad.csv: line 5002, column 2, field "direct": mixed units in one series: "12 %" here but "0" on line 2',
    );
  });

  it('reads the other formats from their content whatever the file is called', async () => {
    const copy = join(work, 'export.csv');
    writeFileSync(copy, readFileSync(join(FIXTURES, 'prometheus-query-range.json')));
    const result = await importMetricsFile(copy);
    expect(result.metrics.format).toBe('prometheus-json');
    expect(result.metrics.source).toBe('export.csv');
    const scrapes = await importMetricsFile(join(FIXTURES, 'flink-reporter-scrapes.txt'), {
      clock: { startSec: 0, intervalSec: 15 },
    });
    expect(scrapes.metrics.format).toBe('prometheus-text');
  });

  it('refuses missing files, folders, oversized whole-read files and unknown content', async () => {
    expect((await failure(importMetricsFile(join(work, 'nope.csv')))).message).toBe(
      'nope.csv: cannot read the file (no such file)',
    );
    expect((await failure(importMetricsFile(work))).code).toBe('unreadable');
    const json = join(FIXTURES, 'prometheus-query-range.json');
    const tooBig = await failure(importMetricsFile(json, { maxTextBytes: 100 }));
    expect(tooBig.code).toBe('too-large');
    const prose = join(work, 'notes.txt');
    writeFileSync(prose, 'we restarted the job at 14:05\n');
    expect((await failure(importMetricsFile(prose))).code).toBe('unknown-format');
  });
});
