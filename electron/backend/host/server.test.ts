import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/contract/content-security-policy';
import type { Envelope } from '../../../shared/contract/errors';
import type { PushEvent } from '../../../shared/contract/events';
import { CALL_PATH_PREFIX, EVENTS_PATH, TOKEN_HEADER } from '../../../shared/contract/http';
import { LIMITS } from '../../../shared/contract/limits';
import type { Backend } from '../backend';
import { createTestBackend, type TestBackend } from '../services/test-backend';
import { type HostServer, startHostServer } from './server';

const INDEX_HTML = '<!doctype html><title>Peel</title><div id="root"></div>';
const APP_JS = 'console.log("peel");';
const SECRET = 'secret outside the static folder';

let t: TestBackend;
let root: string;
let host: HostServer;

beforeEach(async () => {
  t = createTestBackend();
  root = mkdtempSync(join(tmpdir(), 'peel-host-'));
  const staticDir = join(root, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app.js'), APP_JS);
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'secret'), SECRET);
  host = await startHostServer({ backend: t.backend, staticDir });
});
afterEach(async () => {
  await host.close();
  t.dispose();
  rmSync(root, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http rather than fetch: fetch normalises "..", and will not let a caller set Host. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

function call(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(`${CALL_PATH_PREFIX}${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function envelope(response: RawResponse): Envelope<unknown> {
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(response.body) as Envelope<unknown>;
}

function expectRefused(response: RawResponse, status: number, code: string, message?: RegExp): void {
  expect(response.status).toBe(status);
  const body = envelope(response);
  expect(body.ok).toBe(false);
  if (body.ok) return;
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
}

function auditCount(): unknown {
  return t.backend.store.db.prepare('SELECT count(*) FROM audit_events').pluck().get();
}

describe('the token', () => {
  it('answers a call that carries it', async () => {
    const response = await call('app.info', {});
    expect(response.status).toBe(200);
    expect(envelope(response)).toEqual({
      ok: true,
      value: expect.objectContaining({ host: 'browser', user: 'tester' }),
    });
  });

  it('refuses a call without it, with the forbidden envelope', async () => {
    const response = await raw(`${CALL_PATH_PREFIX}investigations.create`, {
      method: 'POST',
      body: JSON.stringify({ title: 't', summary: '', startedAt: 0 }),
    });
    expectRefused(response, 403, 'forbidden', new RegExp(`${TOKEN_HEADER} header is missing`));
    expect(auditCount()).toBe(0);
  });

  it('refuses a wrong token, of the same length or not', async () => {
    const sameLength = host.token.replace(/^./, (char) => (char === 'a' ? 'b' : 'a'));
    for (const token of [sameLength, 'short', `${host.token}x`]) {
      expectRefused(
        await call('app.info', {}, { [TOKEN_HEADER]: token }),
        403,
        'forbidden',
        /does not match/,
      );
    }
  });

  it('refuses the event stream without it', async () => {
    expectRefused(await raw(EVENTS_PATH), 403, 'forbidden');
  });

  it('prints an address that carries the token in the fragment, never in the path', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });
});

describe('origin and host checks', () => {
  it('refuses another origin even with the token', async () => {
    expectRefused(
      await call('app.info', {}, { origin: 'http://evil.example' }),
      403,
      'forbidden',
      /evil\.example/,
    );
    expectRefused(await call('app.info', {}, { origin: 'null' }), 403, 'forbidden');
    expectRefused(await call('app.info', {}, { origin: `https://127.0.0.1:${host.port}` }), 403, 'forbidden');
    expectRefused(await call('app.info', {}, { origin: 'http://127.0.0.1:1' }), 403, 'forbidden');
  });

  it("accepts Peel's own origin", async () => {
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      expect((await call('app.info', {}, { origin })).status).toBe(200);
    }
  });

  it('refuses a foreign Host header (DNS rebinding), for the API and the page alike', async () => {
    expectRefused(
      await call('app.info', {}, { host: `evil.example:${host.port}` }),
      403,
      'forbidden',
      /Host/,
    );
    expectRefused(await raw('/', { headers: { host: `evil.example:${host.port}` } }), 403, 'forbidden');
    expectRefused(await raw('/', { headers: { host: '127.0.0.1' } }), 403, 'forbidden');
  });

  it('refuses a cross-site request even without an Origin header', async () => {
    expectRefused(
      await call('app.info', {}, { 'sec-fetch-site': 'cross-site' }),
      403,
      'forbidden',
      /cross-site/,
    );
    expect((await call('app.info', {}, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('refuses a cross-site write and stores nothing', async () => {
    const response = await call(
      'investigations.create',
      { title: 'planted', summary: '', startedAt: 0 },
      { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(response.status).toBe(403);
    expect(auditCount()).toBe(0);
  });
});

describe('calls', () => {
  it('stores a valid call and answers with the envelope', async () => {
    const response = await call('investigations.create', { title: 'Leak', summary: '', startedAt: 0 });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(envelope(response)).toMatchObject({ ok: true, value: { title: 'Leak' } });
    expect(auditCount()).toBe(1);
  });

  it('carries contract errors as envelopes', async () => {
    const response = await call('investigations.create', { title: ' ', summary: '', startedAt: 0 });
    expectRefused(response, 200, 'invalid-request', /title must not be empty/);
    expectRefused(await call('no.such.call', {}), 200, 'unknown-channel', /'no\.such\.call'/);
  });

  it('refuses a body over the limit with 413 and writes nothing', async () => {
    const body = JSON.stringify({
      investigationId: 'whatever',
      ruleId: null,
      body: 'x'.repeat(LIMITS.requestBytes),
    });
    expect(Buffer.byteLength(body)).toBeGreaterThan(LIMITS.requestBytes);
    expectRefused(
      await call('notes.add', body),
      413,
      'payload-too-large',
      /larger than 2 MiB.*nothing was written/,
    );
    expect(auditCount()).toBe(0);
    // The connection is still usable afterwards.
    expect((await call('app.info', {})).status).toBe(200);
  });

  it('refuses a body that is not JSON with 400', async () => {
    expectRefused(
      await call('investigations.create', '{"title": "Leak",'),
      400,
      'invalid-request',
      /not valid JSON/,
    );
    expect(auditCount()).toBe(0);
  });

  it('refuses GET on a call path with 405', async () => {
    const response = await raw(`${CALL_PATH_PREFIX}app.info`, { headers: { [TOKEN_HEADER]: host.token } });
    expectRefused(response, 405, 'invalid-request', /POST/);
  });

  it('answers an unknown API path with 404', async () => {
    expectRefused(
      await raw('/api/nothing', { headers: { [TOKEN_HEADER]: host.token } }),
      404,
      'unknown-channel',
    );
  });

  it('answers a call path with broken percent-encoding with an error, and keeps serving', async () => {
    expectRefused(await call('%E0%A4%A', {}), 400, 'invalid-request', /percent-encoding/);
    expect((await call('app.info', {})).status).toBe(200);
  });

  it('works through fetch with the token header, as the browser client calls it', async () => {
    const response = await fetch(`http://127.0.0.1:${host.port}${CALL_PATH_PREFIX}investigations.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: host.token },
      body: JSON.stringify({}),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, value: [] });
  });
});

describe('a backend still opening', () => {
  let opening: HostServer;
  let open: (backend: Backend) => void;
  let fail: (error: Error) => void;
  beforeEach(async () => {
    const backend = new Promise<Backend>((resolve, reject) => {
      open = resolve;
      fail = reject;
    });
    opening = await startHostServer({ backend, staticDir: join(root, 'static') });
  });
  afterEach(() => opening.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${opening.port}${path}`, { headers });
  const post = (channel: string, body: unknown) =>
    fetch(`http://127.0.0.1:${opening.port}${CALL_PATH_PREFIX}${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: opening.token },
      body: JSON.stringify(body),
    });

  it('serves the page at once, and answers a call made meanwhile once the backend is open', async () => {
    let answered = false;
    const pending = post('investigations.create', { title: 'Early', summary: '', startedAt: 0 }).then(
      async (response) => {
        answered = true;
        return (await response.json()) as Envelope<{ title: string }>;
      },
    );
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX_HTML);
    expect(answered).toBe(false);
    open(t.backend);
    const created = await pending;
    expect(created.ok && created.value.title).toBe('Early');
    expect(auditCount()).toBe(1);
  });

  it('still checks the token before waiting for the backend', async () => {
    const response = await get(EVENTS_PATH);
    expect(response.status).toBe(403);
  });

  it('answers calls with an internal error when the backend fails to open, and keeps serving the page', async () => {
    fail(new Error('the simulation worker was changed after installation'));
    const response = await post('app.info', {});
    expect(response.status).toBe(500);
    const body = (await response.json()) as Envelope<unknown>;
    expect(body.ok).toBe(false);
    if (!body.ok) expect(body.error.message).toMatch(/changed after installation/);
    expect((await get('/')).status).toBe(200);
  });
});

describe('a backend opened when needed', () => {
  let lazy: HostServer;
  let opened = 0;
  const opener = () => {
    opened++;
    return Promise.resolve(t.backend);
  };
  beforeEach(async () => {
    opened = 0;
    const staticDir = join(root, 'lazy');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(
      join(staticDir, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app.js"></script><link rel="stylesheet" href="/assets/app.css">',
    );
    writeFileSync(join(staticDir, 'assets', 'app.js'), APP_JS);
    writeFileSync(join(staticDir, 'assets', 'app.css'), 'body {}');
    lazy = await startHostServer({ backend: opener, staticDir });
  });
  afterEach(() => lazy.close());

  const get = (path: string) => fetch(`http://127.0.0.1:${lazy.port}${path}`);
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const expectAppInfoAnswered = async () => {
    const response = await fetch(`http://127.0.0.1:${lazy.port}${CALL_PATH_PREFIX}app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: lazy.token },
      body: '{}',
    });
    expect(((await response.json()) as Envelope<unknown>).ok).toBe(true);
  };

  it("is opened once the page's document is served, not before (a script or a style is not it), and once only", async () => {
    expect((await get('/assets/app.js')).status).toBe(200);
    expect((await get('/assets/app.css')).status).toBe(200);
    await settle();
    expect(opened).toBe(0);
    expect((await get('/')).status).toBe(200);
    await settle();
    expect(opened).toBe(1);
    expect((await get('/assets/app.js')).status).toBe(200);
    await expectAppInfoAnswered();
    expect(opened).toBe(1);
  });

  it('is opened by the first API request when that comes first', async () => {
    await expectAppInfoAnswered();
    expect(opened).toBe(1);
    await get('/assets/app.js');
    await get('/assets/app.css');
    await settle();
    expect(opened).toBe(1);
  });

  it('is not opened by a request the token check refuses', async () => {
    expect((await get(EVENTS_PATH)).status).toBe(403);
    expect(opened).toBe(0);
  });
});

describe('static files', () => {
  it('serves the page with the Content-Security-Policy and the other security headers', async () => {
    const response = await raw('/');
    expect(response.status).toBe(200);
    expect(response.body).toBe(INDEX_HTML);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves built assets with their type, cached as immutable', async () => {
    const response = await raw('/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.body).toBe(APP_JS);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers routes of the single-page UI with the page, and missing files with 404', async () => {
    expect((await raw('/investigations/abc')).body).toBe(INDEX_HTML);
    expect((await raw('/assets/missing.js')).status).toBe(404);
  });

  it('does not need the token for the page itself', async () => {
    expect((await raw('/assets/app.js')).status).toBe(200);
  });

  it('refuses to write through a static path', async () => {
    expect((await raw('/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it.each([
    '/../secret.txt',
    '/../secret',
    '/assets/../../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2e%2e/secret',
    '/%2E%2E%2F%2E%2E%2Fsecret.txt',
    '/..%5csecret.txt',
    '/....//secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/../../../../../../etc/passwd',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '//etc/passwd',
    '/secret.txt%00.html',
    '/%',
  ])('never serves anything outside the static folder for %s', async (path) => {
    const response = await raw(path);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toMatch(/root:.*:0:0:/);
    if (response.status === 200) expect(response.body).toBe(INDEX_HTML);
    else expect(response.status).toBe(404);
  });
});

describe('the event stream', () => {
  it('delivers an audit.appended event after a call', async () => {
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${host.port}${EVENTS_PATH}`, {
      headers: { [TOKEN_HEADER]: host.token },
      signal: controller.signal,
    });
    try {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const created = envelope(
        await call('investigations.create', { title: 'Streamed', summary: '', startedAt: 0 }),
      );
      let buffer = '';
      let event: PushEvent | undefined;
      while (!event) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before an event arrived: ${buffer}`);
        buffer += value;
        const line = buffer.split('\n').find((candidate) => candidate.startsWith('data: '));
        if (line) event = JSON.parse(line.slice('data: '.length)) as PushEvent;
      }
      expect(buffer.startsWith(': connected\n\n')).toBe(true);
      expect(event.name).toBe('audit.appended');
      expect(event.payload).toMatchObject({
        kind: 'investigation.created',
        investigationId: created.ok ? (created.value as { id: string }).id : 'none',
        payload: { title: 'Streamed' },
      });
    } finally {
      controller.abort();
    }
  });

  it('disconnects a reader that has stopped reading once the events it left unread pass the limit', async () => {
    const small = await startHostServer({
      backend: t.backend,
      staticDir: join(root, 'static'),
      eventStreamBufferLimit: 64 * 1024,
    });
    try {
      // A raw socket that reads the answer's head, then nothing more: a frozen tab.
      const socket = connect(small.port, '127.0.0.1');
      socket.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(
        `GET ${EVENTS_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${small.port}\r\n${TOKEN_HEADER}: ${small.token}\r\n\r\n`,
      );
      await new Promise<void>((resolve) => socket.once('data', () => resolve()));
      socket.pause();
      // Real push events, far more than the socket's kernel buffers and the limit hold together (~27 MB).
      const payload = { investigationId: 'x'.repeat(200) };
      const events = 100_000;
      for (let sent = 0; sent < events; sent += 2_000) {
        for (let i = 0; i < 2_000; i++) t.backend.context.emit({ name: 'lab.changed', payload });
        await new Promise((resolve) => setImmediate(resolve));
      }
      let received = 0;
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      socket.resume();
      const ended = await Promise.race([
        closed.then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('still open'), 20_000)),
      ]);
      expect(ended).toBe('closed');
      // It was cut: what arrived is a fraction of what was pushed.
      expect(received).toBeLessThan((events * JSON.stringify({ name: 'lab.changed', payload }).length) / 2);
      // The host still answers.
      expect(
        (await call('investigations.create', { title: 'After', summary: '', startedAt: 0 })).status,
      ).toBe(200);
    } finally {
      await small.close();
    }
  }, 60_000);

  it('stops sending to a stream once its reader has gone', async () => {
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${host.port}${EVENTS_PATH}`, {
      headers: { [TOKEN_HEADER]: host.token },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.closed.catch(() => {});
    // Calls keep working with nobody listening.
    expect((await call('investigations.create', { title: 'After', summary: '', startedAt: 0 })).status).toBe(
      200,
    );
  });
});
