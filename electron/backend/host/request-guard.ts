// The browser host's gatekeeping: only loopback Host headers (defeats DNS rebinding), only our own Origin, and the
// per-start token on every API call, compared in constant time.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER } from '../../../shared/contract/http';

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export type GuardResult = { ok: true } | { ok: false; status: 403; reason: string };

export function checkHostAndOrigin(request: IncomingMessage, port: number): GuardResult {
  const hosts = allowedHosts(port);
  const host = request.headers.host ?? '';
  if (!hosts.has(host)) return { ok: false, status: 403, reason: `Host '${host}' is not this Peel host` };
  const origin = request.headers.origin;
  if (origin !== undefined && !(origin.startsWith('http://') && hosts.has(origin.slice('http://'.length)))) {
    return { ok: false, status: 403, reason: `requests from origin '${origin}' are not allowed` };
  }
  // Browsers send Sec-Fetch-Site on every fetch; a cross-site request is refused even without an Origin header.
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site')
    return { ok: false, status: 403, reason: 'cross-site requests are not allowed' };
  return { ok: true };
}

export function checkToken(request: IncomingMessage, token: string): GuardResult {
  const presented = request.headers[TOKEN_HEADER];
  if (typeof presented !== 'string' || presented.length === 0) {
    return { ok: false, status: 403, reason: `the ${TOKEN_HEADER} header is missing` };
  }
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return {
      ok: false,
      status: 403,
      reason: `the ${TOKEN_HEADER} header does not match this Peel host's token`,
    };
  }
  return { ok: true };
}
