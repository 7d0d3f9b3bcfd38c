// The host's limits on connections, set on purpose rather than left at Node's defaults (no cap on connections,
// idle sockets kept until the peer leaves). Peel's page needs a handful of connections (calls plus one event
// stream), so a crowd of sockets that never send a request is someone else's doing: it must not make the host
// unreachable for the page. Three measures:
// - a connection that has not sent its headers within HEADERS_TIMEOUT_MS is closed (Node checks every
//   CHECK_INTERVAL_MS), a whole request must arrive within REQUEST_TIMEOUT_MS, a kept-alive socket idles
//   KEEP_ALIVE_TIMEOUT_MS;
// - at most MAX_CONNECTIONS sockets are held: past that the OLDEST socket with no request in progress is closed
//   to make room, so a newcomer (the page) is always served and idle sockets are the ones to go;
// - connections that are serving a request (calls, the event stream) are never closed to make room.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export const HOST_LIMITS = {
  /** Sockets held at once; far below the process's file-descriptor limit and far above what the page uses. */
  maxConnections: 128,
  /** A request's headers must arrive within this time of the connection opening (or of the previous request). */
  headersTimeoutMs: 10_000,
  /** A whole request (headers and body, at most the body limit) must arrive within this time. */
  requestTimeoutMs: 30_000,
  /** A kept-alive socket between requests. */
  keepAliveTimeoutMs: 5_000,
  /** How often Node looks for connections past the header and request timeouts. */
  checkIntervalMs: 1_000,
} as const;

/** Node reads `connectionsCheckingInterval` only from the options given to `createServer`. */
export const HOST_SERVER_OPTIONS = {
  connectionsCheckingInterval: HOST_LIMITS.checkIntervalMs,
  headersTimeout: HOST_LIMITS.headersTimeoutMs,
  requestTimeout: HOST_LIMITS.requestTimeoutMs,
  keepAliveTimeout: HOST_LIMITS.keepAliveTimeoutMs,
};

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
