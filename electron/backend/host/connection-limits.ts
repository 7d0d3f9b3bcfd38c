// The host's limits on connections, set on purpose rather than left at Node's defaults (no cap on connections,
// idle sockets kept until the peer leaves). Peel's page needs a handful of connections (calls plus one event
// stream), so a crowd of sockets that never send a request is someone else's doing: it must not make the host
// unreachable for the page. Three measures:
// - a connection that has not sent its headers within HEADERS_TIMEOUT_MS is closed (Node checks every
//   CHECK_INTERVAL_MS), a whole request must arrive within REQUEST_TIMEOUT_MS, a kept-alive socket idles
//   KEEP_ALIVE_TIMEOUT_MS; a streamed upload (a metrics file of several GB on a slow disk or link) is not held
//   to the request deadline but must keep moving: it is cut after UPLOAD_STALL_TIMEOUT_MS without a byte;
// - at most MAX_CONNECTIONS sockets are held: past that the OLDEST socket with no request in progress is closed
//   to make room, so a newcomer (the page) is always served and idle sockets are the ones to go;
// - connections that are serving a request (calls, the event stream) are never closed to make room.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export const HOST_LIMITS = {
  /** Sockets held at once; far below the process's file-descriptor limit and far above what the page uses. */
  maxConnections: 128,
  /** A request's headers must arrive within this time of the connection opening (or of the previous request). */
  headersTimeoutMs: 10_000,
  /** A whole request (headers and body, at most the body limit) must arrive within this time. */
  requestTimeoutMs: 30_000,
  /** A streamed upload may take as long as it needs, but not this long without sending a byte. */
  uploadStallTimeoutMs: 30_000,
  /** A kept-alive socket between requests. */
  keepAliveTimeoutMs: 5_000,
  /** How often Node looks for connections past the header and request timeouts. */
  checkIntervalMs: 1_000,
} as const;

/**
 * Node reads `connectionsCheckingInterval` only from the options given to `createServer`. Node's own
 * `requestTimeout` is one deadline for every request, which would cut a multi-GB upload short, so it is off and
 * `enforceRequestDeadlines` applies the request deadline and the upload's stall limit instead.
 */
export const HOST_SERVER_OPTIONS = {
  connectionsCheckingInterval: HOST_LIMITS.checkIntervalMs,
  headersTimeout: HOST_LIMITS.headersTimeoutMs,
  requestTimeout: 0,
  keepAliveTimeout: HOST_LIMITS.keepAliveTimeoutMs,
};

interface Watched {
  request: IncomingMessage;
  response: ServerResponse;
  upload: boolean;
  startedAt: number;
  bytesRead: number;
  movedAt: number;
}

/**
 * Closes a request whose body has not all arrived in time: an ordinary request `requestTimeoutMs` after it began
 * (answered 408, as Node does), a streamed upload (`isUpload` of its path) once no byte has come for
 * `uploadStallTimeoutMs`. Progress is read from the socket's byte count, so the body's stream is left alone.
 * Checked every `checkIntervalMs`; the timer never keeps the process alive and stops when the server closes.
 */
export function enforceRequestDeadlines(
  server: Server,
  isUpload: (path: string) => boolean,
  limits: { requestTimeoutMs: number; uploadStallTimeoutMs: number; checkIntervalMs: number } = HOST_LIMITS,
  now: () => number = Date.now,
): void {
  const watched = new Set<Watched>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.complete) return;
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const at = now();
    const entry: Watched = {
      request,
      response,
      upload: isUpload(path),
      startedAt: at,
      bytesRead: request.socket.bytesRead,
      movedAt: at,
    };
    watched.add(entry);
    const forget = () => watched.delete(entry);
    request.once('end', forget);
    request.once('close', forget);
    response.once('close', forget);
  });
  const timer = setInterval(() => {
    const at = now();
    for (const entry of watched) {
      if (entry.request.complete) {
        watched.delete(entry);
        continue;
      }
      const bytesRead = entry.request.socket.bytesRead;
      if (bytesRead !== entry.bytesRead) {
        entry.bytesRead = bytesRead;
        entry.movedAt = at;
      }
      const late = entry.upload
        ? at - entry.movedAt > limits.uploadStallTimeoutMs
        : at - entry.startedAt > limits.requestTimeoutMs;
      if (!late) continue;
      watched.delete(entry);
      if (!entry.response.headersSent) {
        entry.response.writeHead(408, { Connection: 'close', 'Content-Type': 'text/plain; charset=utf-8' });
        entry.response.end(
          entry.upload
            ? `No data for ${limits.uploadStallTimeoutMs / 1000} s: the upload was stopped.`
            : `The request did not arrive within ${limits.requestTimeoutMs / 1000} s.`,
        );
      }
      entry.request.socket.destroy();
    }
  }, limits.checkIntervalMs);
  timer.unref();
  server.once('close', () => clearInterval(timer));
}

/**
 * Keeps at most `max` sockets: when a new one would exceed it, the oldest socket with no request in progress is
 * destroyed. Sockets serving a request are kept (if every socket is busy, the newcomer is refused instead).
 * Returns how many sockets are open, for tests and the benchmark.
 */
export function limitConnections(server: Server, max: number = HOST_LIMITS.maxConnections): () => number {
  // Insertion order is age order: the first entry with no request in progress is the oldest idle one.
  const sockets = new Map<Socket, { requests: number }>();
  server.on('connection', (socket: Socket) => {
    if (sockets.size >= max) {
      let victim: Socket | null = null;
      for (const [candidate, state] of sockets) {
        if (state.requests === 0) {
          victim = candidate;
          break;
        }
      }
      if (victim) {
        sockets.delete(victim);
        victim.destroy();
      } else {
        socket.destroy();
        return;
      }
    }
    sockets.set(socket, { requests: 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (request, response) => {
    const state = sockets.get(request.socket);
    if (!state) return;
    state.requests += 1;
    // A kept-alive socket between requests is idle again, and may make room like one that never asked.
    response.once('close', () => {
      state.requests -= 1;
    });
  });
  return () => sockets.size;
}
