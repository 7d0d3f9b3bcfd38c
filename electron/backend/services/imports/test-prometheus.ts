// Test and benchmark support: a real Prometheus (Debian's package) on loopback with scratch storage, started as a
// child process and stopped by its PID. Either it scrapes an endpoint the caller serves, or it serves blocks
// written beforehand by `promtool tsdb create-blocks-from openmetrics`.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const PROMETHEUS_BIN = process.env.PEEL_PROMETHEUS ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.PEEL_PROMTOOL ?? '/usr/bin/promtool';

export interface TestPrometheus {
  url: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** Fails with what to install when the binary is missing: the live tests must not pass without a real server. */
export function requirePrometheus(): void {
  for (const bin of [PROMETHEUS_BIN, PROMTOOL_BIN]) {
    if (!existsSync(bin)) {
      throw new Error(
        `${bin} is missing: the live Prometheus tests need Debian's prometheus package (apt-get install -y prometheus)`,
      );
    }
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** host:port of a /metrics endpoint to scrape every second. */
  scrapeTarget?: string;
  /** OpenMetrics text to turn into blocks before starting (historical data, no waiting). */
  openMetrics?: string;
  /** How long to wait for /-/ready (default 90 s: a loaded machine is slow). */
  readyTimeoutMs?: number;
}

export async function startPrometheus(options: StartOptions = {}): Promise<TestPrometheus> {
  requirePrometheus();
  const dataDir = mkdtempSync(join(tmpdir(), 'peel-prometheus-'));
  const storage = join(dataDir, 'data');
  if (options.openMetrics !== undefined) {
    const input = join(dataDir, 'seed.om.txt');
    writeFileSync(input, options.openMetrics);
    await promisify(execFile)(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', input, storage], {
      maxBuffer: 16 * 2 ** 20,
    });
  }
  const scrape = options.scrapeTarget
    ? `scrape_configs:\n  - job_name: peel-test\n    scrape_interval: 1s\n    scrape_timeout: 1s\n    static_configs:\n      - targets: ['${options.scrapeTarget}']\n`
    : 'scrape_configs: []\n';
  const config = join(dataDir, 'prometheus.yml');
  writeFileSync(config, `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n${scrape}`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${storage}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=100y',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${PROMETHEUS_BIN}`);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGTERM');
      const killer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited with code ${child.exitCode} before it was ready:\n${stderr}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus on ${url} was not ready in time:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, pid, dataDir, stop };
}
