// Browser mode: the built UI and the same contract over HTTP, on 127.0.0.1 only. Each call is a POST to
// /api/call/<channel> with a JSON body; pushed events stream from /api/events. Both need the per-start token.
// The host may listen before its backend is open (see cli/start.ts): the page's document is served at once, the
// backend opens once it is out, and API requests wait for it. So nothing here imports the services or the
// contract's schemas up front.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../../../shared/contract/content-security-policy';
import type { Envelope } from '../../../shared/contract/errors';
import {
  CALL_PATH_PREFIX,
  EVENTS_PATH,
  EXPORT_DOWNLOAD_PATH,
  UPLOAD_METRICS_PATH,
} from '../../../shared/contract/http';
import { LIMITS } from '../../../shared/contract/limits';
import type { Backend } from '../backend';
import { type BackendSource, scheduleBackendOpening } from './backend-opening';
import { enforceRequestDeadlines, HOST_SERVER_OPTIONS, limitConnections } from './connection-limits';
import { checkHostAndOrigin, checkToken, type GuardResult } from './request-guard';
import { contentTypeFor, resolveStaticFile } from './static-files';

export interface HostServer {
  server: Server;
  port: number;
  token: string;
  url: string;
  /** Sockets open now (see connection-limits.ts). */
  openConnections(): number;
  close(): Promise<void>;
}

export interface HostOptions {
  /**
   * The backend; its opening; or how to open it, called once the files index.html names have gone out or an
   * API request asks, with no file still going out (see backend-opening.ts). API requests wait for it; a failed
   * opening answers them with an error.
   */
  backend: BackendSource;
  staticDir: string;
  port?: number;
  token?: string;
  /** The most an event-stream reader may leave unread before it is disconnected (EVENT_STREAM_BUFFER_LIMIT). */
  eventStreamBufferLimit?: number;
}

// Required, not imported: Node (22) makes an ES module view of a built-in by reading every export, and node:http's
// WebSocket, CloseEvent and MessageEvent are getters that load the whole bundled HTTP client (undici) to answer,
// about 100 to 150 ms of the host's start on this machine for classes the host never uses.
const { createServer } = createRequire(import.meta.url)('node:http') as typeof import('node:http');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

function refuse(response: ServerResponse, guard: Extract<GuardResult, { ok: false }>): void {
  const envelope: Envelope<never> = {
    ok: false,
    error: { code: 'forbidden', message: `Refused: ${guard.reason}.` },
  };
  sendJson(response, guard.status, envelope);
}

function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function handleCall(
  backend: Promise<Backend>,
  channel: string,
  request: IncomingMessage,
  response: ServerResponse,
) {
  if (request.method !== 'POST') {
    sendJson(response, 405, {
      ok: false,
      error: { code: 'invalid-request', message: 'API calls must be POST.' },
    });
    return;
  }
  // A bundle carries its runs' series; every other call is small, and stays under the small limit.
  const limit = channel === 'bundles.import' ? LIMITS.bundleRequestBytes : LIMITS.requestBytes;
  const body = await readBody(request, limit);
  if (body === null) {
    sendJson(response, 413, {
      ok: false,
      error: {
        code: 'payload-too-large',
        message: `${channel}: the request is larger than ${limit / 1024 / 1024} MiB and was not read; nothing was written.`,
      },
    });
    return;
  }
  let payload: unknown;
  try {
    payload = body === '' ? {} : JSON.parse(body);
  } catch (error) {
    sendJson(response, 400, {
      ok: false,
      error: {
        code: 'invalid-request',
        message: `${channel}: the request body is not valid JSON (${(error as Error).message}).`,
      },
    });
    return;
  }
  sendJson(response, 200, await (await backend).dispatch(channel, payload));
}

/** The most a reader of the event stream may leave unread in the host's buffer before it is disconnected. */
export const EVENT_STREAM_BUFFER_LIMIT = 16 * 1024 ** 2;

function handleEvents(
  backend: Backend,
  request: IncomingMessage,
  response: ServerResponse,
  bufferLimit: number,
): void {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  const stop = () => {
    clearInterval(keepAlive);
    unsubscribe();
  };
  const unsubscribe = backend.subscribe((event) => {
    // A page that has stopped reading (a frozen tab) would make the host buffer every event for it, without end:
    // past the limit the stream is closed, and the page's client reconnects when it reads again.
    if (response.writableLength > bufferLimit) {
      stop();
      response.destroy();
      return;
    }
    response.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
  request.on('close', stop);
}

function serveStatic(
  staticDir: string,
  request: IncomingMessage,
  response: ServerResponse,
  sending: (path: string) => () => void,
): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, SECURITY_HEADERS).end();
    return;
  }
  const file = resolveStaticFile(staticDir, request.url ?? '/');
  // Read whole and handed over at once (the built UI's files are at most a few hundred KB): a stream would take
  // more turns of the event loop, which the backend's loading (see cli/start.ts) holds up while the page loads.
  let body: Buffer | null = null;
  try {
    if (file) body = readFileSync(file);
  } catch {
    // Gone since it was found (a rebuild under a running host): as missing.
  }
  if (!file || !body) {
    response.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  const immutable = file.includes(`${'/'}assets${'/'}`);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeFor(file),
    'Content-Length': body.length,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  response.once('close', sending((request.url ?? '/').split('?')[0] ?? '/'));
  response.end(request.method === 'HEAD' ? undefined : body);
}

function decodeChannel(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** The path of the page's document, as the address the host gives opens it. */
const PAGE_DOCUMENT = '/';

const internalError = (response: ServerResponse, error: unknown) =>
  sendJson(response, 500, { ok: false, error: { code: 'internal', message: String(error) } });

export async function startHostServer(options: HostOptions): Promise<HostServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // The backend opens as soon as the page's document has gone out: the browser takes 200-300 ms from there (a
  // renderer process, the HTML parsed) before it asks for the scripts, time in which the backend's code mostly
  // loads. Waiting for the scripts to go out first left the page's first calls waiting for the whole load, and
  // measured slower (startup bench, 6 of 7 alternated pairs, 2026-12-07: medians 906-1,168 against 955-1,364 ms).
  const opening = scheduleBackendOpening(
    options.backend,
    typeof options.backend === 'function' ? [PAGE_DOCUMENT] : [],
  );
  const backend = () => opening.backend();
  let port = 0;
  const server = createServer(HOST_SERVER_OPTIONS, (request, response) => {
    const hostCheck = checkHostAndOrigin(request, port);
    if (!hostCheck.ok) return refuse(response, hostCheck);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (!path.startsWith('/api/')) return serveStatic(options.staticDir, request, response, opening.sending);
    const tokenCheck = checkToken(request, token);
    if (!tokenCheck.ok) return refuse(response, tokenCheck);
    if (path === EVENTS_PATH) {
      backend()
        .then((opened) => {
          // The page may have gone while the backend opened: nothing then to stream to.
          if (request.socket.destroyed) return;
          handleEvents(
            opened,
            request,
            response,
            options.eventStreamBufferLimit ?? EVENT_STREAM_BUFFER_LIMIT,
          );
        })
        .catch((error) => internalError(response, error));
      return;
    }
    if (path === EXPORT_DOWNLOAD_PATH) {
      Promise.all([backend(), import('./export-download')])
        .then(([opened, { handleExportDownload }]) =>
          handleExportDownload(opened, request, response, SECURITY_HEADERS),
        )
        .catch((error) => {
          if (response.headersSent) response.destroy();
          else internalError(response, error);
        });
      return;
    }
    if (path === UPLOAD_METRICS_PATH) {
      Promise.all([backend(), import('./metrics-upload')])
        .then(([opened, { handleMetricsUpload }]) => handleMetricsUpload(opened, request, response))
        .catch((error) => internalError(response, error));
      return;
    }
    if (path.startsWith(CALL_PATH_PREFIX)) {
      const channel = decodeChannel(path.slice(CALL_PATH_PREFIX.length));
      if (channel === null) {
        // A throw here would escape the request listener and take the whole host down.
        sendJson(response, 400, {
          ok: false,
          error: { code: 'invalid-request', message: `The call path ${path} is not valid percent-encoding.` },
        });
        return;
      }
      handleCall(backend(), channel, request, response).catch((error) => internalError(response, error));
      return;
    }
    sendJson(response, 404, { ok: false, error: { code: 'unknown-channel', message: `No API at ${path}.` } });
  });
  // The page sends a dozen headers; Node's default allows 2,000 per request.
  server.maxHeadersCount = 100;
  const openConnections = limitConnections(server);
  enforceRequestDeadlines(server, (path) => path === UPLOAD_METRICS_PATH);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    openConnections,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
