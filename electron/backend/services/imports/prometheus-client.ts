// Queries a live Prometheus over its HTTP API (`/api/v1/query_range`), for the app and the command line. A range
// longer than Prometheus's 11,000 points per series is split into several requests (which also gives real
// progress) and the answers joined. Credentials (basic auth, a bearer token, or user:password in the URL) go
// only into the Authorization header: every message and the returned URL show the address without them.

import { ImportError } from '../../../../shared/imports/import-error';
import type { ImportedMetrics, ImportedSeries } from '../../../../shared/imports/imported-series';
import { labelText } from '../../../../shared/imports/imported-series';
import { readPrometheusAnswer } from '../../../../shared/imports/prometheus-json';
import { startSha256 } from './content-hash';

export type PrometheusAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string };

export interface RangeQuery {
  /** The server's base address, e.g. `http://prometheus:9090` or `https://host/prometheus` (a path prefix). */
  url: string;
  query: string;
  startSec: number;
  endSec: number;
  stepSec: number;
  auth?: PrometheusAuth;
  signal?: AbortSignal;
  /** Per request; default 60 s. */
  timeoutMs?: number;
  onProgress?: (progress: QueryProgress) => void;
  /** Points per request (default 10,000; Prometheus refuses more than 11,000 per series). */
  maxPointsPerRequest?: number;
}

export interface QueryProgress {
  /** Requests done and planned (a long range is split). */
  requestsDone: number;
  requests: number;
  bytesReceived: number;
}

export interface RangeQueryResult {
  metrics: ImportedMetrics;
  /** SHA-256 (hex) of the answers' bytes, in order. */
  sha256: string;
  /** The query's URL as shown to people and recorded: no credentials. */
  displayUrl: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_POINTS = 10_000;

export async function queryRange(q: RangeQuery): Promise<RangeQueryResult> {
  const base = parseBaseUrl(q.url);
  const endpoint = `${base.display.replace(/\/+$/, '')}/api/v1/query_range`;
  const display = `${endpoint}?${new URLSearchParams({
    query: q.query,
    start: String(q.startSec),
    end: String(q.endSec),
    step: String(q.stepSec),
  })}`;
  const where = { source: display };
  if (!(q.stepSec > 0) || !Number.isFinite(q.stepSec)) {
    throw new ImportError('bad-request', `step ${q.stepSec} must be a positive number of seconds`, where);
  }
  if (!Number.isFinite(q.startSec) || !Number.isFinite(q.endSec) || q.endSec < q.startSec) {
    throw new ImportError('bad-request', `end (${q.endSec}) must not be before start (${q.startSec})`, where);
  }
  if (q.query.trim() === '') throw new ImportError('bad-request', 'the query is empty', where);
  const auth = q.auth ?? base.auth;
  const maxPoints = q.maxPointsPerRequest ?? DEFAULT_MAX_POINTS;
  const windows = splitRange(q.startSec, q.endSec, q.stepSec, maxPoints);
  const hash = startSha256();
  const parts: ImportedMetrics[] = [];
  let bytesReceived = 0;
  for (const [k, [start, end]] of windows.entries()) {
    q.onProgress?.({ requestsDone: k, requests: windows.length, bytesReceived });
    const body = new URLSearchParams({
      query: q.query,
      start: String(start),
      end: String(end),
      step: String(q.stepSec),
    });
    const answer = await post(`${base.fetchUrl.replace(/\/+$/, '')}/api/v1/query_range`, body, {
      display,
      auth,
      signal: q.signal,
      timeoutMs: q.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      onBytes: (n) => {
        bytesReceived += n;
        q.onProgress?.({ requestsDone: k, requests: windows.length, bytesReceived });
      },
    });
    hash.update(answer.bytes);
    parts.push(readAnswer(answer, display, windows.length > 1));
  }
  q.onProgress?.({ requestsDone: windows.length, requests: windows.length, bytesReceived });
  const metrics = joinWindows(parts, display);
  return { metrics, sha256: hash.digest('hex'), displayUrl: display };
}

/** Windows of at most maxPoints steps on the grid start + k*step, together covering [start, end]. */
export function splitRange(
  startSec: number,
  endSec: number,
  stepSec: number,
  maxPoints: number,
): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  const steps = Math.floor((endSec - startSec) / stepSec);
  for (let first = 0; first <= steps; first += maxPoints) {
    const last = Math.min(steps, first + maxPoints - 1);
    windows.push([startSec + first * stepSec, startSec + last * stepSec]);
  }
  return windows;
}

function readAnswer(
  answer: { status: number; bytes: Buffer },
  display: string,
  split: boolean,
): ImportedMetrics {
  const text = answer.bytes.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const snippet = text.trim().slice(0, 200).replace(/\s+/g, ' ');
    if (answer.status < 200 || answer.status >= 300) {
      throw new ImportError(
        'http-status',
        `HTTP ${answer.status}${snippet ? `: ${snippet}` : ''}`,
        { source: display },
        {
          status: answer.status,
        },
      );
    }
    throw new ImportError('malformed', `the answer is not JSON (is this a Prometheus server?): ${snippet}`, {
      source: display,
    });
  }
  const isPrometheusError =
    typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'error';
  if ((answer.status < 200 || answer.status >= 300) && !isPrometheusError) {
    throw new ImportError(
      'http-status',
      `HTTP ${answer.status}: ${text.trim().slice(0, 200)}`,
      { source: display },
      {
        status: answer.status,
      },
    );
  }
  try {
    return readPrometheusAnswer(body, { source: display, httpStatus: answer.status });
  } catch (error) {
    // An empty window of a split range is fine as long as another window has data.
    if (split && error instanceof ImportError && error.code === 'empty') {
      return { format: 'prometheus-json', source: display, series: [], timeFormat: 'epoch-s', warnings: [] };
    }
    throw error;
  }
}

function joinWindows(parts: ImportedMetrics[], display: string): ImportedMetrics {
  if (parts.length === 1) return parts[0] as ImportedMetrics;
  const bySeries = new Map<string, ImportedSeries[]>();
  for (const part of parts) {
    for (const s of part.series) {
      const key = `${s.metric}${labelText(s.labels)}`;
      bySeries.set(key, [...(bySeries.get(key) ?? []), s]);
    }
  }
  if (bySeries.size === 0) {
    throw new ImportError(
      'empty',
      'the query matched no series (an empty matrix): check the metric name, labels and time range',
      { source: display, field: 'data.result' },
    );
  }
  const series = [...bySeries.values()].map((pieces) => {
    const first = pieces[0] as ImportedSeries;
    const length = pieces.reduce((n, p) => n + p.timesSec.length, 0);
    const timesSec = new Float64Array(length);
    const values = new Float64Array(length);
    let at = 0;
    for (const p of pieces) {
      timesSec.set(p.timesSec, at);
      values.set(p.values, at);
      at += p.timesSec.length;
    }
    return { ...first, timesSec, values };
  });
  return {
    format: 'prometheus-json',
    source: display,
    series,
    timeFormat: 'epoch-s',
    warnings: [...new Set(parts.flatMap((p) => p.warnings))],
  };
}

interface BaseUrl {
  /** For fetch: without user:password. */
  fetchUrl: string;
  display: string;
  auth?: PrometheusAuth;
}

/** Splits credentials out of the address; the display form never holds them. */
export function parseBaseUrl(raw: string): BaseUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ImportError(
      'bad-request',
      `"${redact(raw)}" is not a URL (expected e.g. http://prometheus:9090)`,
      {
        source: redact(raw),
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ImportError(
      'bad-request',
      `only http:// and https:// addresses are supported (got ${url.protocol})`,
      {
        source: redact(raw),
      },
    );
  }
  const auth: PrometheusAuth | undefined =
    url.username || url.password
      ? {
          kind: 'basic',
          username: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
        }
      : undefined;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const clean = url.toString();
  return { fetchUrl: clean, display: clean, ...(auth ? { auth } : {}) };
}

function redact(raw: string): string {
  return raw.replace(/\/\/[^/@\s]*@/, '//');
}

interface PostOptions {
  display: string;
  auth: PrometheusAuth | undefined;
  signal: AbortSignal | undefined;
  timeoutMs: number;
  onBytes: (n: number) => void;
}

async function post(
  url: string,
  body: URLSearchParams,
  o: PostOptions,
): Promise<{ status: number; bytes: Buffer }> {
  const where = { source: o.display };
  if (o.signal?.aborted) throw new ImportError('cancelled', 'the query was cancelled', where);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout.signal]) : timeout.signal;
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (o.auth?.kind === 'basic') {
    headers.Authorization = `Basic ${Buffer.from(`${o.auth.username}:${o.auth.password}`, 'utf8').toString('base64')}`;
  } else if (o.auth?.kind === 'bearer') headers.Authorization = `Bearer ${o.auth.token}`;
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'follow' });
    const chunks: Buffer[] = [];
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(Buffer.from(value));
        o.onBytes(value.byteLength);
      }
    }
    return { status: response.status, bytes: Buffer.concat(chunks) };
  } catch (error) {
    if (o.signal?.aborted) throw new ImportError('cancelled', 'the query was cancelled', where);
    if (timeout.signal.aborted) {
      throw new ImportError(
        'timeout',
        `no complete answer within ${o.timeoutMs / 1000} s: the server is slow or the query too heavy (try a larger step or a shorter range)`,
        where,
      );
    }
    throw networkError(error, o.display);
  } finally {
    clearTimeout(timer);
  }
}

const TLS_CODES =
  /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|EPROTO|ALTNAME|HOSTNAME_MISMATCH/;
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** fetch's "fetch failed" with the cause that says what happened. */
function networkError(error: unknown, display: string): ImportError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? '';
  const detail = (cause?.message ?? (error instanceof Error ? error.message : String(error))).replace(
    /\/\/[^/@\s]*@/g,
    '//',
  );
  const where = { source: display };
  if (TLS_CODES.test(code) || /certificate|SSL|TLS/i.test(detail)) {
    return new ImportError('tls', `the TLS handshake failed (${code || 'TLS'}: ${detail})`, where, {
      cause: error,
    });
  }
  if (TIMEOUT_CODES.has(code))
    return new ImportError('timeout', `the server did not answer in time (${code})`, where, { cause: error });
  if (UNREACHABLE_CODES.has(code)) {
    return new ImportError('unreachable', `cannot reach the server (${code}: ${detail})`, where, {
      cause: error,
    });
  }
  return new ImportError('unreachable', `the request failed (${code ? `${code}: ` : ''}${detail})`, where, {
    cause: error,
  });
}

export interface FollowOptions extends Omit<RangeQuery, 'endSec' | 'signal'> {
  /** Following stops when this aborts. */
  signal: AbortSignal;
  /** Pause between queries (default: the step, at least 1 s). */
  intervalMs?: number;
  /** Epoch seconds now; the caller's clock. */
  nowSec: () => number;
}

/**
 * "Follow" for a running experiment: queries [startSec, now] again and again, handing each complete answer to
 * onResult, until the signal aborts (then it resolves). An empty answer (nothing scraped yet) waits for the next
 * round; any other failure stops following and rejects with its ImportError.
 */
export async function followRange(
  o: FollowOptions,
  onResult: (result: RangeQueryResult) => void,
): Promise<void> {
  const pauseMs = o.intervalMs ?? Math.max(1000, o.stepSec * 1000);
  while (!o.signal.aborted) {
    try {
      onResult(await queryRange({ ...o, endSec: Math.max(o.startSec, o.nowSec()), signal: o.signal }));
    } catch (error) {
      if (error instanceof ImportError && error.code === 'cancelled') return;
      if (!(error instanceof ImportError && error.code === 'empty')) throw error;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, pauseMs);
      function done() {
        clearTimeout(timer);
        o.signal.removeEventListener('abort', done);
        resolve();
      }
      o.signal.addEventListener('abort', done, { once: true });
    });
  }
}
