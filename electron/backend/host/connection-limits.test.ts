import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_PATH_PREFIX, EVENTS_PATH, TOKEN_HEADER } from '../../../shared/contract/http';
import { createTestBackend, type TestBackend } from '../services/test-backend';
import { HOST_LIMITS } from './connection-limits';
import { type HostServer, startHostServer } from './server';

let t: TestBackend;
let root: string;
let host: HostServer;
const idle: Socket[] = [];

beforeEach(async () => {
  t = createTestBackend();
  root = mkdtempSync(join(tmpdir(), 'peel-host-limits-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Peel</title>');
  host = await startHostServer({ backend: t.backend, staticDir: root });
});
afterEach(async () => {
  for (const socket of idle.splice(0)) socket.destroy();
  await host.close();
  t.dispose();
  rmSync(root, { recursive: true, force: true });
});

/** Opens `count` sockets that never send a byte, as a crowd of idle unauthenticated clients would. */
async function openIdle(count: number): Promise<void> {
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect(host.port, '127.0.0.1', () => resolve());
          // The host closing it to make room is the point; a reset is expected, not a failure.
          socket.on('error', () => resolve());
          socket.on('close', () => resolve());
          idle.push(socket);
        }),
    ),
  );
}

function call(channel: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path: `${CALL_PATH_PREFIX}${channel}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('connection limits', () => {
  it('sets the header, request and keep-alive timeouts on purpose', () => {
    expect(host.server.headersTimeout).toBe(HOST_LIMITS.headersTimeoutMs);
    // Node's single deadline is off: enforceRequestDeadlines applies the deadline and the upload's stall limit.
    expect(host.server.requestTimeout).toBe(0);
    expect(host.server.keepAliveTimeout).toBe(HOST_LIMITS.keepAliveTimeoutMs);
    expect(host.server.headersTimeout).toBeLessThan(60_000);
  });

  it('stays reachable with 600 idle unauthenticated connections open, and holds no more than its cap', async () => {
    await openIdle(600);
    const answer = await call('investigations.list', {});
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
    expect(host.openConnections()).toBeLessThanOrEqual(HOST_LIMITS.maxConnections);
  });

  it('keeps a connection that is serving a request (the event stream) while idle ones make room', async () => {
    const received: string[] = [];
    const stream = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port: host.port, path: EVENTS_PATH, headers: { [TOKEN_HEADER]: host.token } },
        resolve,
      );
      request.on('error', reject);
      request.end();
    });
    stream.setEncoding('utf8').on('data', (chunk: string) => received.push(chunk));
    let closed = false;
    stream.on('close', () => {
      closed = true;
    });
    await openIdle(HOST_LIMITS.maxConnections * 2);
    await call('investigations.create', { title: 'still here', summary: '', startedAt: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    expect(received.join('')).toContain('audit.appended');
    stream.destroy();
  });
});
