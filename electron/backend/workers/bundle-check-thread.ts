// Runs the bundle check (bundle-check-worker.ts) in a worker thread, so reading, parsing and checking a large bundle
// never holds the main thread: the API and the UI stay responsive while it runs. One thread per check at a time;
// a finished one is kept warm for the next import for a while (starting one costs more than a small bundle's
// check), and cancelling a check terminates its thread. In the built app the worker is the bundled
// bundle-check-worker.mjs beside this code (hash-checked like the simulation worker); from the TypeScript sources
// (tests, tsx) it is loaded through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PeelError } from '../../../shared/contract/errors';
import type { ReadBundle } from '../services/exchange/bundle-check';
import type { CarriedRun } from '../services/exchange/carried-series';
import type { BundleCheckReply, BundleCheckRequest } from './bundle-check-messages';
import { checkWorkerFile, type WorkerEntry } from './worker-runner';

/** The sha256 of the bundled bundle-check-worker.mjs, written into this bundle when it is built. */
declare const __PEEL_BUNDLE_CHECK_WORKER_SHA256__: string | undefined;

/** How long a finished check's thread is kept for the next one. */
const KEEP_WARM_MS = 60_000;

export class BundleCheckCancelled extends Error {
  constructor() {
    super('The bundle check was cancelled.');
    this.name = 'BundleCheckCancelled';
  }
}

export function bundleCheckWorkerEntry(): WorkerEntry {
  const bundled = fileURLToPath(new URL('./bundle-check-worker.mjs', import.meta.url));
  const expected =
    typeof __PEEL_BUNDLE_CHECK_WORKER_SHA256__ === 'string' ? __PEEL_BUNDLE_CHECK_WORKER_SHA256__ : undefined;
  const unpacked = bundled.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  for (const path of unpacked !== bundled ? [unpacked, bundled] : [bundled]) {
    if (!existsSync(path)) continue;
    checkWorkerFile(path, expected);
    return { url: pathToFileURL(path), execArgv: [] };
  }
  return { url: new URL('./bundle-check-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

/** What the thread hands back: the bundle read and checked up to its records, its carried series decoded. */
export interface CheckedInThread {
  read: ReadBundle;
  carried: Map<string, CarriedRun>;
  sha256: string | null;
}

export interface BundleCheckJob {
  result: Promise<CheckedInThread>;
  cancel(): void;
}

let warm: { worker: Worker; timer: NodeJS.Timeout } | null = null;
let nextJobId = 1;

function takeWorker(entry: WorkerEntry): Worker {
  if (warm) {
    const { worker, timer } = warm;
    warm = null;
    clearTimeout(timer);
    return worker;
  }
  const worker = new Worker(entry.url, { execArgv: entry.execArgv });
  worker.unref();
  return worker;
}

function keepWarm(worker: Worker): void {
  if (warm) {
    void worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    if (warm?.worker === worker) warm = null;
    void worker.terminate();
  }, KEEP_WARM_MS);
  timer.unref();
  warm = { worker, timer };
}

/**
 * Checks a bundle in a worker thread: `bytes` are transferred (the caller must not use them afterwards). Resolves
 * with the checked bundle, or rejects with the PeelError the check gives (the same as on the main thread), or
 * BundleCheckCancelled.
 */
export function checkBundleInThread(
  input: { text: string } | { bytes: Uint8Array },
  fileName: string | undefined,
  entry: WorkerEntry = bundleCheckWorkerEntry(),
): BundleCheckJob {
  const jobId = nextJobId++;
  const worker = takeWorker(entry);
  let settled = false;
  let cancel!: () => void;
  const result = new Promise<CheckedInThread>((resolve, reject) => {
    const done = () => {
      settled = true;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: BundleCheckReply) => {
      if (reply.jobId !== jobId) return;
      done();
      keepWarm(worker);
      if (reply.ok) resolve({ read: reply.read, carried: reply.carried, sha256: reply.sha256 });
      else reject(new PeelError(reply.error.code, reply.error.message, reply.error.details));
    };
    const onError = (error: Error) => {
      done();
      void worker.terminate();
      reject(new Error(`the bundle check's thread failed: ${error.message}`));
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`the bundle check's thread stopped (exit code ${code})`));
    };
    cancel = () => {
      if (settled) return;
      done();
      void worker.terminate();
      reject(new BundleCheckCancelled());
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const request: BundleCheckRequest =
      'text' in input
        ? { jobId, text: input.text, ...(fileName !== undefined ? { fileName } : {}) }
        : { jobId, bytes: input.bytes, ...(fileName !== undefined ? { fileName } : {}) };
    worker.postMessage(request, 'bytes' in input ? [input.bytes.buffer as ArrayBuffer] : []);
  });
  return { result, cancel: () => cancel() };
}
