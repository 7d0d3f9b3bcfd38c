// The live client against a real Prometheus (Debian's package) on loopback: one seeded with known samples through
// promtool, one scraping a real JVM that leaks direct memory; and the failures a user meets (a Prometheus error,
// an empty answer, an unreachable, slow or TLS-broken server, a proxy wanting credentials). No timing is asserted:
// waits poll with generous limits so a loaded machine only makes the test slower.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../../shared/imports/import-error';
import {
  followRange,
  type QueryProgress,
  queryRange,
  type RangeQueryResult,
  splitRange,
} from './prometheus-client';
import { freePort, startPrometheus, type TestPrometheus } from './test-prometheus';
import { listenOnLoopback, selfSignedServer } from './test-servers';

const here = dirname(fileURLToPath(import.meta.url));
const MiB = 2 ** 20;
// Whole minutes two hours ago: inside the head-block-free past promtool writes blocks for.
const T0 = Math.floor(Date.now() / 1000 / 60) * 60 - 2 * 3600;
const STEP = 15;
const POINTS = 240;

function seedOpenMetrics(): string {
  const lines = ['# TYPE flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed gauge'];
  for (let i = 0; i < POINTS; i++) {
    for (const tm of ['tm_1', 'tm_2']) {
      const value = tm === 'tm_1' ? 128 * MiB + Math.floor(i / 60) * 16 * MiB : 128 * MiB;
      lines.push(
        `flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{host="vm",tm_id="${tm}"} ${value} ${T0 + i * STEP}`,
      );
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

async function expectImportError(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

const listen = listenOnLoopback;

const DIRECT = 'flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed';

describe('queryRange against a Prometheus seeded with known samples', () => {
  let prometheus: TestPrometheus;
  const servers: Server[] = [];

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: seedOpenMetrics() });
  }, 180_000);
  afterAll(async () => {
    for (const s of servers) s.close();
    await prometheus?.stop();
  }, 60_000);

  const range = () => ({
    url: prometheus.url,
    query: DIRECT,
    startSec: T0,
    endSec: T0 + (POINTS - 1) * STEP,
    stepSec: STEP,
  });

  it('reads every point of every series, grouped by TaskManager', async () => {
    const result = await queryRange(range());
    const series = result.metrics.series.sort((a, b) =>
      (a.taskManager ?? '').localeCompare(b.taskManager ?? ''),
    );
    expect(series.map((s) => s.taskManager)).toEqual(['tm_1', 'tm_2']);
    const tm1 = series[0];
    expect(tm1?.kind).toBe('direct-used');
    expect(tm1?.timesSec.length).toBe(POINTS);
    expect(tm1?.timesSec[0]).toBe(T0);
    expect(tm1?.timesSec[POINTS - 1]).toBe(T0 + (POINTS - 1) * STEP);
    expect(tm1?.values[0]).toBe(128 * MiB);
    expect(tm1?.values[POINTS - 1]).toBe(128 * MiB + 3 * 16 * MiB);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.displayUrl).toContain('/api/v1/query_range?query=');
  }, 60_000);

  it('splits a long range into requests, reports progress, and joins them into the same series', async () => {
    const progress: QueryProgress[] = [];
    const split = await queryRange({
      ...range(),
      maxPointsPerRequest: 50,
      onProgress: (p) => progress.push({ ...p }),
    });
    const whole = await queryRange(range());
    expect(splitRange(T0, T0 + (POINTS - 1) * STEP, STEP, 50)).toHaveLength(5);
    expect(progress.at(-1)).toMatchObject({ requestsDone: 5, requests: 5 });
    expect(progress.some((p) => p.bytesReceived > 0 && p.requestsDone < 5)).toBe(true);
    for (const s of whole.metrics.series) {
      const same = split.metrics.series.find((t) => t.taskManager === s.taskManager);
      expect([...(same?.timesSec ?? [])]).toEqual([...s.timesSec]);
      expect([...(same?.values ?? [])]).toEqual([...s.values]);
    }
  }, 60_000);

  it("refuses a bad query with Prometheus's own text, the status and the URL", async () => {
    const error = await expectImportError(queryRange({ ...range(), query: `${DIRECT}{tm_id=}` }));
    expect(error.code).toBe('prometheus-error');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/parse error/);
    expect(error.source).toContain(`${prometheus.url}/api/v1/query_range?query=`);
  }, 60_000);

  it("passes on Prometheus's resolution limit in its words", async () => {
    const error = await expectImportError(
      queryRange({ ...range(), stepSec: 0.01, maxPointsPerRequest: 1_000_000, endSec: T0 + 600 }),
    );
    expect(error.code).toBe('prometheus-error');
    expect(error.message).toMatch(/exceeded maximum resolution of 11,000 points per timeseries/);
  }, 60_000);

  it('says so when nothing matches', async () => {
    const error = await expectImportError(queryRange({ ...range(), query: 'no_such_metric' }));
    expect(error.code).toBe('empty');
    expect(error.message).toMatch(/matched no series/);
  }, 60_000);

  it('refuses end before start and a zero step before asking', async () => {
    expect((await expectImportError(queryRange({ ...range(), endSec: T0 - 1 }))).code).toBe('bad-request');
    expect((await expectImportError(queryRange({ ...range(), stepSec: 0 }))).code).toBe('bad-request');
  });

  it('sends basic auth and bearer tokens through a proxy and never shows them', async () => {
    const target = new URL(prometheus.url);
    const proxy = createHttpServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      if (auth !== `Basic ${Buffer.from('peel:s3cret-pw').toString('base64')}` && auth !== 'Bearer tok-123') {
        res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorized');
        return;
      }
      const forward = request(
        {
          host: target.hostname,
          port: target.port,
          path: (req.url ?? '/').replace(/^\/prometheus/, ''),
          method: req.method,
          headers: { ...req.headers, host: target.host },
        },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
      );
      req.pipe(forward);
    });
    servers.push(proxy);
    const port = await listen(proxy);
    const base = `http://127.0.0.1:${port}/prometheus`;
    const basic = await queryRange({
      ...range(),
      url: base,
      auth: { kind: 'basic', username: 'peel', password: 's3cret-pw' },
    });
    expect(basic.metrics.series).toHaveLength(2);
    const bearer = await queryRange({ ...range(), url: base, auth: { kind: 'bearer', token: 'tok-123' } });
    expect(bearer.metrics.series).toHaveLength(2);
    const inUrl = await queryRange({ ...range(), url: `http://peel:s3cret-pw@127.0.0.1:${port}/prometheus` });
    expect(inUrl.displayUrl).not.toContain('s3cret-pw');
    expect(inUrl.metrics.source).not.toContain('s3cret-pw');
    const refused = await expectImportError(
      queryRange({ ...range(), url: `http://peel:wrong-pw@127.0.0.1:${port}/prometheus` }),
    );
    expect(refused.code).toBe('http-status');
    expect(refused.status).toBe(401);
    expect(refused.message).toContain(`http://127.0.0.1:${port}/prometheus/api/v1/query_range`);
    expect(refused.message).not.toContain('wrong-pw');
    const tokenRefused = await expectImportError(
      queryRange({ ...range(), url: base, auth: { kind: 'bearer', token: 'leaked-token' } }),
    );
    expect(JSON.stringify({ message: tokenRefused.message, source: tokenRefused.source })).not.toContain(
      'leaked-token',
    );
  }, 60_000);
});

describe('queryRange against a Prometheus scraping a real JVM', () => {
  let prometheus: TestPrometheus;
  let jvm: ChildProcess;

  beforeAll(async () => {
    const port = await freePort();
    jvm = spawn(
      'java',
      [
        '-XX:MaxDirectMemorySize=256m',
        join(here, 'test-jvm', 'MetricsEndpointProbe.java'),
        String(port),
        'probe_tm',
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      jvm.once('error', reject);
      jvm.once('exit', (code) => reject(new Error(`the probe JVM exited with code ${code}`)));
      jvm.stdout?.setEncoding('utf8').on('data', (d: string) => {
        if (d.includes('listening')) resolve();
      });
    });
    prometheus = await startPrometheus({ scrapeTarget: `127.0.0.1:${port}` });
  }, 180_000);
  afterAll(async () => {
    if (jvm?.pid !== undefined && jvm.exitCode === null) process.kill(jvm.pid, 'SIGKILL');
    await prometheus?.stop();
  }, 60_000);

  it('imports the rising direct memory the JVM reports, under its TaskManager id', async () => {
    const start = Math.floor(Date.now() / 1000) - 5;
    // Poll until a few scrapes are in (at 1 s each); the limit is generous for a loaded machine.
    let series = null;
    for (let attempt = 0; attempt < 120; attempt++) {
      await new Promise((r) => setTimeout(r, 1000));
      try {
        const result = await queryRange({
          url: prometheus.url,
          query: DIRECT,
          startSec: start,
          endSec: Math.floor(Date.now() / 1000),
          stepSec: 1,
        });
        series = result.metrics.series[0] ?? null;
        if (series && new Set(series.values).size >= 3) break;
      } catch (error) {
        if (!(error instanceof ImportError && error.code === 'empty')) throw error;
      }
    }
    expect(series).not.toBeNull();
    expect(series?.taskManager).toBe('probe_tm');
    expect(series?.labels.host).toBe('127_0_0_1');
    expect(series?.kind).toBe('direct-used');
    const values = [...(series?.values ?? [])];
    expect(new Set(values).size).toBeGreaterThanOrEqual(3);
    // The JVM only adds buffers: the series never falls, and it grows by whole MiB buffers.
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] as number);
    expect(((values.at(-1) as number) - (values[0] as number)) % MiB).toBe(0);
  }, 240_000);
});

describe('followRange against a Prometheus scraping a real JVM', () => {
  let prometheus: TestPrometheus;
  let jvm: ChildProcess;

  beforeAll(async () => {
    const port = await freePort();
    jvm = spawn('java', [join(here, 'test-jvm', 'MetricsEndpointProbe.java'), String(port), 'follow_tm'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      jvm.once('error', reject);
      jvm.stdout?.setEncoding('utf8').on('data', (d: string) => {
        if (d.includes('listening')) resolve();
      });
    });
    prometheus = await startPrometheus({ scrapeTarget: `127.0.0.1:${port}` });
  }, 180_000);
  afterAll(async () => {
    if (jvm?.pid !== undefined && jvm.exitCode === null) process.kill(jvm.pid, 'SIGKILL');
    await prometheus?.stop();
  }, 60_000);

  it('re-queries while the experiment runs, each answer reaching further, until cancelled', async () => {
    const controller = new AbortController();
    const results: RangeQueryResult[] = [];
    const startSec = Math.floor(Date.now() / 1000) - 2;
    const following = followRange(
      {
        url: prometheus.url,
        query: DIRECT,
        startSec,
        stepSec: 1,
        intervalMs: 1000,
        signal: controller.signal,
        nowSec: () => Math.floor(Date.now() / 1000),
      },
      (result) => {
        results.push(result);
        const points = result.metrics.series[0]?.timesSec.length ?? 0;
        if (results.length >= 3 && points > (results[0]?.metrics.series[0]?.timesSec.length ?? 0))
          controller.abort();
      },
    );
    const stop = setTimeout(() => controller.abort(), 150_000);
    await following;
    clearTimeout(stop);
    expect(results.length).toBeGreaterThanOrEqual(3);
    const lengths = results.map((r) => r.metrics.series[0]?.timesSec.length ?? 0);
    for (let i = 1; i < lengths.length; i++)
      expect(lengths[i]).toBeGreaterThanOrEqual(lengths[i - 1] as number);
    expect(lengths.at(-1)).toBeGreaterThan(lengths[0] as number);
    expect(results.at(-1)?.metrics.series[0]?.taskManager).toBe('follow_tm');
  }, 240_000);
});

describe('queryRange against servers that fail', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });
  const query = { query: 'up', startSec: 0, endSec: 60, stepSec: 15 };

  it('says a closed port is unreachable, naming the URL', async () => {
    const port = await freePort();
    const error = await expectImportError(queryRange({ ...query, url: `http://127.0.0.1:${port}` }));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${port}/api/v1/query_range\\?.*ECONNREFUSED`),
    );
  });

  it('gives up on a server that never answers, and cancels on request', async () => {
    const slow = createHttpServer(() => {
      // never answers
    });
    servers.push(slow);
    const port = await listen(slow);
    const timedOut = await expectImportError(
      queryRange({ ...query, url: `http://127.0.0.1:${port}`, timeoutMs: 500 }),
    );
    expect(timedOut.code).toBe('timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const cancelled = await expectImportError(
      queryRange({
        ...query,
        url: `http://127.0.0.1:${port}`,
        signal: controller.signal,
        timeoutMs: 120_000,
      }),
    );
    expect(cancelled.code).toBe('cancelled');
    slow.closeAllConnections();
  }, 60_000);

  it('reports a TLS failure against a self-signed certificate', async () => {
    const tls = selfSignedServer();
    servers.push(tls);
    const port = await listen(tls);
    const error = await expectImportError(queryRange({ ...query, url: `https://127.0.0.1:${port}` }));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(/TLS handshake failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED)/);
  }, 60_000);

  it('refuses an answer that is not Prometheus', async () => {
    const html = createHttpServer((_, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>'),
    );
    servers.push(html);
    const port = await listen(html);
    const error = await expectImportError(queryRange({ ...query, url: `http://127.0.0.1:${port}` }));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(/not JSON \(is this a Prometheus server\?\): <html>login<\/html>/);
  });

  it('refuses an address that is not http(s)', async () => {
    expect((await expectImportError(queryRange({ ...query, url: 'ftp://x' }))).code).toBe('bad-request');
    expect((await expectImportError(queryRange({ ...query, url: 'not a url' }))).code).toBe('bad-request');
  });
});
