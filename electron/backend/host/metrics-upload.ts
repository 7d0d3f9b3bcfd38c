// Browser mode's import of a metrics file too large to send as text: the page POSTs the file's bytes (showing the
// upload's progress, and aborting it to cancel), this host streams them to a temporary file (never holding the
// file in memory), then imports it from disk as a background job with its own progress and cancel. A request cut
// short (the page cancelled, the tab closed) or over the limit leaves nothing behind: no file, no import.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Envelope } from '../../../shared/contract/errors';
import type { Backend } from '../backend';
import { startFileImport } from '../services/imports/import-jobs';

/** The largest upload accepted: well above a 500 MB export, well below filling a disk by mistake. */
export const UPLOAD_LIMIT_BYTES = 4 * 1024 ** 3;

function answer(response: ServerResponse, status: number, body: Envelope<unknown>): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

const refused = (code: 'invalid-request' | 'not-found' | 'payload-too-large', message: string) =>
  ({ ok: false, error: { code, message: `real.upload: ${message}` } }) as const;

export async function handleMetricsUpload(
  backend: Backend,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'POST') {
    answer(response, 405, refused('invalid-request', 'uploads must be POST.'));
    return;
  }
  const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
  const investigationId = query.get('investigationId') ?? '';
  const name = (query.get('name') ?? '').trim();
  if (name === '' || name.length > 300) {
    answer(response, 400, refused('invalid-request', 'name: give the file name (at most 300 characters).'));
    request.resume();
    return;
  }
  if (!backend.store.investigations.get(investigationId)) {
    answer(
      response,
      404,
      refused('not-found', `there is no investigation '${investigationId}'; nothing was read.`),
    );
    request.resume();
    return;
  }
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > UPLOAD_LIMIT_BYTES) {
    answer(
      response,
      413,
      refused(
        'payload-too-large',
        `${name} is larger than ${UPLOAD_LIMIT_BYTES / 1024 ** 3} GiB; nothing was read.`,
      ),
    );
    request.resume();
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'peel-upload-'));
  const path = join(dir, 'metrics');
  let received = 0;
  let tooLarge = false;
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > UPLOAD_LIMIT_BYTES && !tooLarge) {
      tooLarge = true;
      request.destroy(new Error('too large'));
    }
  });
  try {
    await pipeline(request, createWriteStream(path));
  } catch {
    rmSync(dir, { recursive: true, force: true });
    if (tooLarge) {
      answer(
        response,
        413,
        refused(
          'payload-too-large',
          `${name} is larger than ${UPLOAD_LIMIT_BYTES / 1024 ** 3} GiB; nothing was imported.`,
        ),
      );
    }
    // Otherwise the page went away or cancelled: no one to answer, nothing imported.
    return;
  }
  try {
    // The job owns the folder from here: it removes it when the import ends.
    const { jobId } = startFileImport(backend.context, { investigationId, path }, { name, removeDir: dir });
    answer(response, 200, { ok: true, value: { jobId } });
  } catch (error) {
    answer(response, 500, {
      ok: false,
      error: { code: 'internal', message: `real.upload: ${String(error)}` },
    });
  }
}
