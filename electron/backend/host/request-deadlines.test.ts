// The request deadline and the upload's stall limit, on a real loopback server with short limits: an ordinary
// request whose body dawdles is cut at its deadline, while a streamed upload that takes longer than that deadline
// completes as long as its bytes keep coming, and is cut once they stop.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enforceRequestDeadlines, HOST_SERVER_OPTIONS } from './connection-limits';

// Wide enough that a loaded machine's late timers do not decide the outcome; nothing here is timed.
const LIMITS = { requestTimeoutMs: 1_000, uploadStallTimeoutMs: 1_500, checkIntervalMs: 50 };
let server: Server;
let port: number;

beforeEach(async () => {
  server = createServer({ ...HOST_SERVER_OPTIONS, connectionsCheckingInterval: 50 }, (request, response) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    request.on('end', () => response.end(`got ${bytes}`));
  });
  enforceRequestDeadlines(server, (path) => path === '/upload', LIMITS);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/**
 * Sends a POST of `chunks` bytes to `path`, one byte every `everyMs`, then `stallMs` of silence before the rest
 * (if any). Resolves with what came back before the socket closed.
 */
function trickle(path: string, chunks: number, everyMs: number, stallAfter = Number.POSITIVE_INFINITY) {
  return new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8').on('data', (text: string) => {
      answer += text;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${chunks}\r\nConnection: close\r\n\r\n`,
    );
    let sent = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || sent >= chunks || sent >= stallAfter) {
        clearInterval(timer);
        return;
      }
      socket.write('x');
      sent += 1;
    }, everyMs);
  });
}

describe('request deadlines', () => {
  it('cuts an ordinary request whose body has not arrived by the deadline, with a 408', async () => {
    const answer = await trickle('/api/call/x', 100, 50);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).not.toContain('got 100');
  });

  it('lets an upload run past the request deadline while its bytes keep coming', async () => {
    // 50 bytes at one every 50 ms: about 2.5 s, well past the request deadline, never silent for long.
    const answer = await trickle('/upload', 50, 50);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('got 50');
  });

  it('cuts an upload once no byte has come for the stall limit', async () => {
    const answer = await trickle('/upload', 50, 50, 4);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('No data for 1.5 s');
  });

  it('answers a request whose body came in time', async () => {
    const answer = await trickle('/api/call/x', 3, 20);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('got 3');
  });
});
