// The simulation worker: receives experiment parameters, runs the pure simulator in chunks, posts progress, and
// posts the run with its series' buffers transferred (not copied). Cancel is the parent terminating the thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { ExperimentParams } from '../../shared/sim/engine/experiment-params';
import { createSimulation } from '../../shared/sim/engine/simulation';
import { chunkSecondsFor } from '../services/lab/simulation-runner';

const port = parentPort;
if (!port) throw new Error('sim-worker must run as a worker thread');

try {
  const simulation = createSimulation(workerData as ExperimentParams);
  const chunk = chunkSecondsFor(simulation.durationSec);
  while (!simulation.done) {
    simulation.advance(chunk);
    port.postMessage({
      type: 'progress',
      simSec: simulation.nowSec,
      fraction: simulation.nowSec / simulation.durationSec,
    });
  }
  const run = simulation.finish();
  const transfer: ArrayBuffer[] = [];
  for (const tm of run.taskManagers)
    for (const series of Object.values(tm.series)) transfer.push(series.buffer as ArrayBuffer);
  for (const op of run.operators) {
    transfer.push(
      op.backPressuredTimeMsPerSecond.buffer as ArrayBuffer,
      op.busyTimeMsPerSecond.buffer as ArrayBuffer,
      op.idleTimeMsPerSecond.buffer as ArrayBuffer,
    );
  }
  port.postMessage({ type: 'done', run }, [...new Set(transfer)]);
} catch (error) {
  port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
