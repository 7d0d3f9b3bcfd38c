// Browser mode's upload of a large metrics file: streamed to a temporary file on the host, imported from disk as a
// background job (the page shows the upload's progress, then the job's), and nothing left behind when the upload
// is cut short or refused.
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER, UPLOAD_METRICS_PATH } from '../../../shared/contract/http';
import { importJobsSettled } from '../services/imports/import-jobs';
import { createLabBackend, newInvestigation } from '../services/lab/test-lab';
import type { TestBackend } from '../services/test-backend';
import { type HostServer, startHostServer } from './server';

let t: TestBackend;
let host: HostServer;
let investigationId: string;

beforeEach(async () => {
  t = createLabBackend();
  investigationId = await newInvestigation(t);
  host = await startHostServer({ backend: t.backend, staticDir: tmpdir() });
});
afterEach(async () => {
  await host.close();
  t.dispose();
});

const uploadDirs = () =>
  readdirSync(tmpdir())
    .filter((name) => name.startsWith('peel-upload-'))
    .sort();

/** A Grafana CSV of `rows` points of direct memory, sent in chunks as a browser sends a large body. */
function* csvChunks(rows: number): Generator<string> {
  yield '"Time","flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{tm_id=""tm-1""}"\n';
  for (let i = 0; i < rows; i += 10_000) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(rows, i + 10_000); j++) {
      lines.push(`${1795511035000 + j * 15_000},${100 + Math.floor(j / 200) * 8} MiB`);
    }
    yield `${lines.join('\n')}\n`;
  }
}

function upload(
  query: string,
  chunks: Iterable<string>,
  options: { token?: string; abortAfter?: number } = {},
): Promise<{ status: number; body: string } | 'aborted'> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path: `${UPLOAD_METRICS_PATH}?${query}`,
        method: 'POST',
        headers: { [TOKEN_HEADER]: options.token ?? host.token, 'Content-Type': 'text/csv' },
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (c: Buffer) => parts.push(c));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }),
        );
      },
    );
    request.on('error', (error) => (options.abortAfter !== undefined ? resolve('aborted') : reject(error)));
    let sent = 0;
    for (const chunk of chunks) {
      request.write(chunk);
      sent++;
      if (options.abortAfter !== undefined && sent >= options.abortAfter) {
        request.destroy();
        setTimeout(() => resolve('aborted'), 300);
        return;
      }
    }
    request.end();
  });
}

describe('POST /api/upload/metrics', () => {
  it('streams the file to disk, imports it in the background under its own name, and removes the copy', async () => {
    const before = uploadDirs();
    const answer = await upload(
      `investigationId=${investigationId}&name=${encodeURIComponent('ads direct.csv')}`,
      csvChunks(100_000),
    );
    expect(answer).toMatchObject({ status: 200 });
    const { value } = JSON.parse((answer as { body: string }).body) as { value: { jobId: string } };
    expect(value.jobId).toEqual(expect.any(String));
    await importJobsSettled(t.backend.context);
    const [imported] = await t.call('real.imports', { investigationId });
    expect(imported).toMatchObject({
      source: 'ads direct.csv',
      origin: 'file',
      format: 'grafana-csv-joined',
    });
    expect(imported?.series[0]).toMatchObject({ taskManager: 'tm-1', points: 100_000 });
    expect(uploadDirs()).toEqual(before);
  }, 60_000);

  it('an upload cut short imports nothing and leaves no file behind', async () => {
    const before = uploadDirs();
    expect(
      await upload(`investigationId=${investigationId}&name=cut.csv`, csvChunks(100_000), { abortAfter: 3 }),
    ).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await importJobsSettled(t.backend.context);
    expect(await t.call('real.imports', { investigationId })).toEqual([]);
    expect(uploadDirs()).toEqual(before);
  }, 60_000);

  it('refuses an unknown investigation, a missing name and a missing token before reading anything', async () => {
    const body = ['Time,direct\n1000,1\n'];
    const missing = await upload('investigationId=nope&name=a.csv', body);
    expect(missing).toMatchObject({ status: 404 });
    expect((missing as { body: string }).body).toContain("there is no investigation 'nope'");
    expect(await upload(`investigationId=${investigationId}`, body)).toMatchObject({ status: 400 });
    expect(
      await upload(`investigationId=${investigationId}&name=a.csv`, body, { token: 'wrong' }),
    ).toMatchObject({
      status: 403,
    });
    expect(await t.call('real.imports', { investigationId })).toEqual([]);
  });
});
