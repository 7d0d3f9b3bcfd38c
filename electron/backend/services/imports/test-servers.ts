// Test support: small servers on loopback for the import tests' failure cases (a slow server, one that is not
// Prometheus, one whose certificate nobody signed). Each listens on a free port and is closed by the caller.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts `server` on a free loopback port; resolves with the port. */
export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

/**
 * An HTTPS server answering `{}` with a certificate made now by openssl for 127.0.0.1 and signed by nobody, so a
 * client that checks certificates must fail its handshake.
 */
export function selfSignedServer(): Server {
  const dir = mkdtempSync(join(tmpdir(), 'peel-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
    const tls = createHttpsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_, res) => res.end('{}'),
    );
    return tls as unknown as Server;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
