// Runs simulations in worker threads. In the built app the worker is the bundled sim-worker.mjs beside this code;
// from the TypeScript sources (tests, tsx) it is sim-worker.ts loaded through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SimulationRun } from '../../../shared/sim/engine/run-types';
import { SimulationCancelled, type SimulationRunner } from './simulation-runner';

type WorkerMessage =
  | { type: 'progress'; simSec: number; fraction: number }
  | { type: 'done'; run: SimulationRun }
  | { type: 'error'; message: string };

function workerEntry(): { url: URL; execArgv: string[] } {
  const bundled = fileURLToPath(new URL('./sim-worker.mjs', import.meta.url));
  // In a packaged app the worker is unpacked beside app.asar (see build/electron-builder.yml): threads load it
  // from the real file system, not through the archive.
  const unpacked = bundled.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (unpacked !== bundled && existsSync(unpacked)) return { url: pathToFileURL(unpacked), execArgv: [] };
  if (existsSync(bundled)) return { url: pathToFileURL(bundled), execArgv: [] };
  return { url: new URL('../../workers/sim-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

export const workerRunner: SimulationRunner = (params, onProgress) => {
  const entry = workerEntry();
  const worker = new Worker(entry.url, { workerData: params, execArgv: entry.execArgv });
  let settled = false;
  let cancel: () => void = () => {};
  const result = new Promise<SimulationRun>((resolve, reject) => {
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.simSec, message.fraction);
      else if (message.type === 'done') settle(() => resolve(message.run));
      else settle(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the simulation worker stopped (exit code ${code})`))),
    );
    cancel = () =>
      settle(() => {
        void worker.terminate();
        reject(new SimulationCancelled());
      });
  });
  result.finally(() => void worker.terminate()).catch(() => {});
  return { result, cancel: () => cancel() };
};
