// Browser mode's export download: the export is read in pages and sent as it is read, each write waiting for the
// socket to drain (a slow reader slows the reading, the host does not buffer the file), and the export is
// recorded only once the last byte was handed to the socket. A download the page abandons stops the reading and
// records nothing; a failure after the first byte cuts the response short, so the browser shows a failed download
// rather than a truncated file as complete.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Envelope, PeelError } from '../../../shared/contract/errors';
import { TextExportFormat } from '../../../shared/contract/exchange-entities';
import { EXPORT_HEAD_HEADER } from '../../../shared/contract/http';
import type { Backend } from '../backend';

const STATUS: Record<string, number> = { 'not-found': 404, conflict: 409, 'invalid-request': 400 };

function answer(response: ServerResponse, status: number, body: Envelope<never>): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function handleExportDownload(
  backend: Backend,
  request: IncomingMessage,
  response: ServerResponse,
  securityHeaders: Record<string, string>,
): Promise<void> {
  if (request.method !== 'GET') {
    answer(response, 405, {
      ok: false,
      error: { code: 'invalid-request', message: 'exports.download: downloads are GET requests.' },
    });
    return;
  }
  const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
  const investigationId = query.get('investigationId') ?? '';
  const format = TextExportFormat.safeParse(query.get('format'));
  if (!format.success || investigationId === '') {
    answer(response, 400, {
      ok: false,
      error: {
        code: 'invalid-request',
        message: `exports.download: give investigationId and format (one of ${TextExportFormat.options.join(', ')}); got format '${query.get('format') ?? ''}'.`,
      },
    });
    return;
  }
  let download: Awaited<ReturnType<Backend['startExportDownload']>>;
  try {
    download = await backend.startExportDownload(investigationId, format.data);
  } catch (error) {
    if (!(error instanceof PeelError)) throw error;
    answer(response, STATUS[error.code] ?? 500, { ok: false, error: error.toShape() });
    return;
  }
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': download.mimeType,
    'Content-Disposition': contentDisposition(download.fileName),
    'Cache-Control': 'no-store',
    [EXPORT_HEAD_HEADER]: `${download.head.count} ${download.head.hash}`,
  });
  let abandoned = false;
  response.on('close', () => {
    if (!response.writableFinished) abandoned = true;
  });
  let bytes = 0;
  try {
    for await (const piece of download.body()) {
      if (abandoned || response.destroyed) return;
      bytes += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.byteLength;
      if (!response.write(piece)) {
        await Promise.race([once(response, 'drain'), once(response, 'close')]);
      }
    }
    if (abandoned || response.destroyed) return;
    response.end();
    await once(response, 'finish');
    download.finished(bytes);
  } catch (error) {
    // Headers are out: the only honest signal left is a response cut short.
    response.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
