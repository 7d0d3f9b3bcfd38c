// Runs simulations in a small pool of long-lived worker threads (one per core, at most two), so starting a run
// costs a message, not a thread start. Jobs queue when every worker is busy; cancelling a running job terminates
// its worker, which is replaced on the next job; a worker left holding a large heap after a run is replaced at once
// (SIM_WORKER_IDLE_HEAP_LIMIT_BYTES). In the built app the worker is the bundled sim-worker.mjs beside
// this code; from the TypeScript sources (tests, tsx) it is sim-worker.ts loaded through tsx.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type ExperimentParams,
  normalizeExperimentParams,
} from '../../../shared/sim/engine/experiment-params';
import { tidyWhileSimulating } from './collect-after-run';
import { type FinishedRun, releaseSeries } from './prepare-run';
import type { ScenarioSource } from './scenario-source';
import {
  type PreparedOnlyRun,
  type ProgressListener,
  type RunReply,
  SimulationCancelled,
  type SimulationJob,
  type SimulationRunner,
} from './simulation-runner';

type WorkerMessage =
  | { jobId: number; type: 'progress'; simSec: number; fraction: number }
  | { jobId: number; type: 'done'; run: FinishedRun | PreparedOnlyRun; heapBytes: number }
  | { jobId: number; type: 'error'; message: string }
  | { type: 'warmed'; stopped: boolean }
  | { type: 'warm-run'; run: PreparedOnlyRun };

export interface WorkerEntry {
  url: URL;
  execArgv: string[];
}

/** The sha256 of the bundled sim-worker.mjs, written into this bundle when it is built (see tooling/bundle.ts). */
declare const __PEEL_SIM_WORKER_SHA256__: string | undefined;

/**
 * A bundled worker runs only if it is the file this build made. In a packaged app it is unpacked beside app.asar,
 * outside the archive's integrity check; the hash it must have travels inside the archive, in this code.
 */
export function checkWorkerFile(path: string, expected: string | undefined): void {
  if (expected === undefined) return;
  const actual = createHash('sha256').update(readFileSync(path)).digest('hex');
  if (actual !== expected) {
    throw new Error(
      `The simulation worker ${path} is not the one this Peel was built with (sha256 ${actual.slice(0, 16)}… instead ` +
        `of ${expected.slice(0, 16)}…); it was changed after installation. Reinstall Peel.`,
    );
  }
}

export function defaultWorkerEntry(): WorkerEntry {
  const bundled = fileURLToPath(new URL('./sim-worker.mjs', import.meta.url));
  const expected = typeof __PEEL_SIM_WORKER_SHA256__ === 'string' ? __PEEL_SIM_WORKER_SHA256__ : undefined;
  // In a packaged app the worker is unpacked beside app.asar (see build/electron-builder.yml): threads load it
  // from the real file system, not through the archive.
  const unpacked = bundled.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  for (const path of unpacked !== bundled ? [unpacked, bundled] : [bundled]) {
    if (!existsSync(path)) continue;
    checkWorkerFile(path, expected);
    return { url: pathToFileURL(path), execArgv: [] };
  }
  return { url: new URL('./sim-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

/**
 * The simulation worker's young generation. Left to V8 it is sized as the main thread's (two 16 MiB semi-spaces
 * on a 64-bit machine with this much memory), and a worker that simulates one run after another grows it and its
 * old generation to about 30 MiB committed over about 11 MiB used, then gives half back at a full collection: a
 * ±13 MiB saw-tooth in the server's resident memory across a 1,000-run soak that no run keeps. What a run allocates
 * that outlives a scavenge (its events, series and analysis) is handed to the main thread and let go, so a small
 * young generation costs a few more scavenges and keeps the worker's heap near its working size (18 MiB committed
 * after the first 100 runs of a soak, 22 MiB at run 1,000, against 15 to 30 MiB and back without the bound).
 */
export const SIM_WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 6 } as const;

/**
 * A worker whose committed JS heap is above this once it has posted a run back is replaced (as Jest's
 * workerIdleMemoryLimit does): V8 gives an idle worker's heap back slowly. Measured on a worker with the bound
 * above: runs of the size the lab makes by the hundred (1 h at parallelism 2) leave it at 17 to 24 MiB, 6 h at
 * parallelism 8 at 26 MiB, and one 24 h run at parallelism 32 at 42 MiB, which the thread then kept through the
 * small runs after it (39 to 42 MiB). Those stay with their warm worker; a thread left above this gets a fresh one.
 */
export const SIM_WORKER_IDLE_HEAP_LIMIT_BYTES = 32 * 2 ** 20;

interface Job {
  id: number;
  params: ExperimentParams;
  source: ScenarioSource | undefined;
  reply: RunReply;
  onProgress: ProgressListener;
  resolve(run: FinishedRun | PreparedOnlyRun): void;
  reject(error: unknown): void;
  worker: Worker | null;
}

/**
 * The pool as a runner, plus `close()`, which stops its threads (what the owner calls when it shuts down), and
 * `stats()`: how many threads it has started and how many it replaced for their heap.
 */
export type WorkerPool = SimulationRunner & {
  close(): Promise<void>;
  /**
   * When no run is under way: starts the pool's threads that are not started yet and has each run the warm-up
   * (sim-worker.ts, WARM_UP_RUNS); settles once each has finished it or given way to a job, with how many finished.
   */
  warm(): Promise<number>;
  stats(): { started: number; retired: number };
};

export interface WorkerPoolOptions {
  /** See SIM_WORKER_IDLE_HEAP_LIMIT_BYTES. */
  idleHeapLimitBytes?: number;
  /** Called once jobs have been handed to workers (see tidyWhileSimulating); by default that tidier. */
  whileSimulating?: () => void;
}

/**
 * What a worker runs to warm up: three runs of the seed job, 2 h at parallelism 4 (about 0.75 s of both cores, once).
 * Measured on a sweep of the seed job started on fresh threads (2.3 s cold): two runs of 1 h at parallelism 2 made
 * it 1.8 s, four of them 1.7 s, one of 6 h at parallelism 8 1.9 s, these three 1.65 s; on threads a whole sweep had
 * warmed, 1.3 s. What is left is mostly the main thread's own first runs.
 */
export const WARM_UP_RUNS: readonly ExperimentParams[] = [1, 2, 3].map((seed) =>
  normalizeExperimentParams({ scenario: 'offheap-map-leak', hours: 2, parallelism: 4, seed }),
);

/** One worker per core, at most two: the pool's size, and how many runs the lab's run queue lets run at once. */
export function defaultPoolSize(): number {
  return Math.min(2, availableParallelism());
}

export function createWorkerRunner(
  entry: WorkerEntry = defaultWorkerEntry(),
  size = defaultPoolSize(),
  options: WorkerPoolOptions = {},
): WorkerPool {
  const idleHeapLimit = options.idleHeapLimitBytes ?? SIM_WORKER_IDLE_HEAP_LIMIT_BYTES;
  const whileSimulating = options.whileSimulating ?? tidyWhileSimulating;
  let tidyScheduled = false;
  const tidy = () => {
    tidyScheduled = false;
    whileSimulating();
  };
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const queue: Job[] = [];
  let nextJobId = 1;
  let started = 0;
  let retired = 0;
  /** Threads running the warm-up, with what settles their part of warm(). */
  const warming = new Map<Worker, (finished: boolean) => void>();
  const warmed = (worker: Worker, finished: boolean) => {
    warming.get(worker)?.(finished);
    warming.delete(worker);
  };

  /**
   * Ends a worker that has just posted its run back and holds too much heap; a fresh one takes its place at once,
   * started while nothing waits for it, so the next run does not wait for a thread to start.
   */
  const retire = (worker: Worker) => {
    retired++;
    void worker.terminate();
    if (queue.length === 0 && idle.length + busy.size < size) idle.push(spawn());
  };

  const spawn = (): Worker => {
    const worker = new Worker(entry.url, {
      execArgv: entry.execArgv,
      resourceLimits: SIM_WORKER_HEAP_LIMITS,
    });
    started++;
    worker.unref();
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'warm-run') {
        releaseSeries(message.run.prepared);
        return;
      }
      if (message.type === 'warmed') {
        warmed(worker, !message.stopped);
        return;
      }
      const job = busy.get(worker);
      if (!job || job.id !== message.jobId) return;
      if (message.type === 'progress') {
        job.onProgress(message.simSec, message.fraction);
        return;
      }
      busy.delete(worker);
      if (message.type === 'done' && message.heapBytes > idleHeapLimit) retire(worker);
      else idle.push(worker);
      if (message.type === 'done') job.resolve(message.run);
      else job.reject(new Error(message.message));
      pump();
    });
    const fail = (error: Error) => {
      warmed(worker, false);
      const job = busy.get(worker);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      job?.reject(error);
      pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the simulation worker stopped (exit code ${code})`)));
    return worker;
  };

  const pump = () => {
    while (queue.length > 0 && (idle.length > 0 || busy.size < size)) {
      const job = queue.shift()!;
      const worker = idle.pop() ?? spawn();
      job.worker = worker;
      busy.set(worker, job);
      worker.postMessage({ jobId: job.id, params: job.params, source: job.source, reply: job.reply });
      if (!tidyScheduled) {
        tidyScheduled = true;
        setImmediate(tidy);
      }
    }
  };

  const run = (
    params: ExperimentParams,
    onProgress: ProgressListener,
    source?: ScenarioSource,
    reply: RunReply = 'run',
  ): SimulationJob<FinishedRun | PreparedOnlyRun> => {
    let job!: Job;
    const result = new Promise<FinishedRun | PreparedOnlyRun>((resolve, reject) => {
      job = { id: nextJobId++, params, source, reply, onProgress, resolve, reject, worker: null };
    });
    queue.push(job);
    // A job stops every warm-up, not only its own thread's: the others would take the cores it needs.
    for (const worker of warming.keys()) worker.postMessage({ stopWarming: true });
    pump();
    return {
      result,
      cancel() {
        const queued = queue.indexOf(job);
        if (queued >= 0) queue.splice(queued, 1);
        const worker = job.worker;
        if (worker && busy.get(worker) === job) {
          busy.delete(worker);
          void worker.terminate();
        }
        job.reject(new SimulationCancelled());
        pump();
      },
    };
  };
  // Unref'd workers alone do not let a process end: their message ports stay active. Closing cancels what is
  // queued or running and terminates every thread.
  const close = async (): Promise<void> => {
    for (const job of queue.splice(0)) job.reject(new SimulationCancelled());
    const workers = [...idle.splice(0), ...busy.keys()];
    for (const [worker, job] of busy) {
      busy.delete(worker);
      job.reject(new SimulationCancelled());
    }
    await Promise.all(workers.map((worker) => worker.terminate()));
  };
  const warm = async (): Promise<number> => {
    // Only an idle pool warms up: runs under way warm their threads themselves, and a warm-up beside them would
    // take the cores they need.
    if (busy.size > 0 || queue.length > 0) return 0;
    while (idle.length < size) idle.push(spawn());
    const waits: Promise<boolean>[] = [];
    for (const worker of idle) {
      if (warming.has(worker)) continue;
      waits.push(new Promise<boolean>((resolve) => warming.set(worker, resolve)));
      worker.postMessage({ warm: WARM_UP_RUNS });
    }
    return (await Promise.all(waits)).filter(Boolean).length;
  };
  return Object.assign(run as SimulationRunner, { close, warm, stats: () => ({ started, retired }) });
}
