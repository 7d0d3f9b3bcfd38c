import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_DOWNLOAD_PATH, EXPORT_HEAD_HEADER, TOKEN_HEADER } from '../../../shared/contract/http';
import { prepareExport } from '../services/exchange/render-export';
import { exportMeta } from '../services/exchange/report-data';
import { createTestBackend, type TestBackend } from '../services/test-backend';
import { type HostServer, startHostServer } from './server';

let t: TestBackend;
let host: HostServer;
let staticDir: string;
let id: string;

beforeEach(async () => {
  t = createTestBackend();
  staticDir = mkdtempSync(join(tmpdir(), 'peel-host-static-'));
  host = await startHostServer({ backend: t.backend, staticDir });
  id = (await t.call('investigations.create', { title: 'Downloads | "é"', summary: '', startedAt: 0 })).id;
  const store = t.backend.store;
  store.transaction(() => {
    for (let i = 0; i < 3_000; i++)
      store.audit.append({
        id: `d-${i}`,
        investigationId: id,
        at: i * 1000,
        actor: 'alice',
        kind: 'note.added',
        ruleId: null,
        payload: { noteId: `n${i}`, revisionId: `r${i}`, body: `note ${i}, "quoted" ${'x'.repeat(300)}` },
      });
  });
});
afterEach(async () => {
  await host.close();
  t.dispose();
  rmSync(staticDir, { recursive: true, force: true });
});

const url = (query: string) => `http://127.0.0.1:${host.port}${EXPORT_DOWNLOAD_PATH}?${query}`;
const get = (query: string, token = host.token) => fetch(url(query), { headers: { [TOKEN_HEADER]: token } });
const exportsRecorded = () =>
  [...t.backend.store.bundles.eventRows(id)].filter((row) => row.kind === 'export.written').length;

describe('the export download', () => {
  it('sends the export as it is read, named and with its head, and records it once sent', async () => {
    const ctx = t.backend.context;
    let expected = '';
    for await (const piece of (
      await prepareExport(ctx, id, 'csv', exportMeta(ctx, 'test', 'browser'))
    ).text())
      expected += piece;
    const response = await get(`investigationId=${id}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv;charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="downloads-e.audit.csv"; filename*=UTF-8''downloads-e.audit.csv`,
    );
    const head = t.backend.store.audit.head();
    expect(response.headers.get(EXPORT_HEAD_HEADER)).toBe(`${head.seq} ${head.hash}`);
    const body = await response.text();
    expect(body).toBe(expected);
    expect(exportsRecorded()).toBe(1);
    const recorded = [...t.backend.store.bundles.eventRows(id)].find((row) => row.kind === 'export.written')!;
    expect(JSON.parse(recorded.payload)).toMatchObject({ format: 'csv', bytes: Buffer.byteLength(body) });
  });

  it('a Markdown export without graphs is the .md itself (with graphs, a ZIP: see the e2e)', async () => {
    const response = await get(`investigationId=${id}&format=md`);
    expect(response.headers.get('content-type')).toBe('text/markdown;charset=utf-8');
    const text = await response.text();
    expect(text.startsWith('# Postmortem: Downloads')).toBe(true);
    expect(text.split('\n').filter((line) => /^\| \d+ \|/.test(line))).toHaveLength(3_001);
  });

  it('refuses without the token, a wrong format or an unknown investigation, saying what', async () => {
    expect((await get(`investigationId=${id}&format=csv`, 'wrong')).status).toBe(403);
    const bad = await get(`investigationId=${id}&format=pdf`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
      "got format 'pdf'",
    );
    const unknown = await get('investigationId=nope&format=html');
    expect(unknown.status).toBe(404);
    expect(exportsRecorded()).toBe(0);
  });

  it('a download the page abandons half way stops reading and records nothing', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(url(`investigationId=${id}&format=html`), {
        headers: { [TOKEN_HEADER]: host.token },
      });
      req.on('response', (response) => {
        response.once('data', () => {
          // The first bytes arrived: the page goes away.
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) =>
        (error as { code?: string }).code === 'ECONNRESET' ? resolve() : reject(error),
      );
      req.end();
    });
    // Give the host a few turns to notice the closed socket and stop.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(exportsRecorded()).toBe(0);
  });
});
