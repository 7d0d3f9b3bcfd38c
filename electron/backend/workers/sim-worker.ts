// The simulation worker: a long-lived thread that runs one simulation at a time on request, posting progress and
// then the run, its storage prepared (prepare-run.ts), with its buffers transferred (not copied). Cancelling is the parent terminating it.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { ExperimentParams } from '../../../shared/sim/engine/experiment-params';
import { createSimulation } from '../../../shared/sim/engine/simulation';
import { createAfterRunCollector } from './collect-after-run';
import { preparedTransferList, prepareRun, storableRun } from './prepare-run';
import { type ScenarioSource, scenarioFromSource } from './scenario-source';
import { chunkSecondsFor, type RunReply } from './simulation-runner';

const port = parentPort;
/** The thread's committed JS heap, posted with each run: the pool replaces a worker holding too much (worker-runner.ts). */
const heapBytes = () => getHeapStatistics().total_heap_size;
if (!port) throw new Error('sim-worker must run as a worker thread');
/** Collects what the runs left in the old generation once each is posted (collect-after-run.ts). */
const tidyAfterRun = createAfterRunCollector();

/** The warm-up in progress (warmUp): a job that arrives stops it at its next step. */
let warming: { stopped: boolean } | null = null;

/**
 * Runs the lab's code paths (simulation, analysis, the storage's encoding and hashing) on small runs whose results
 * are thrown away, so V8 has compiled and optimised them before the user's first runs: a sweep on cold threads took
 * 2.3 s where the same sweep on warm ones took 1.3 s. It gives way to any job: each simulated stretch is a turn of
 * the event loop, and a job's message, or the pool's word that a job has come for another thread, arriving in
 * between, stops it there.
 */
async function warmUp(runs: readonly ExperimentParams[]): Promise<void> {
  const state = { stopped: false };
  warming = state;
  try {
    for (const params of runs) {
      const simulation = createSimulation(params);
      const chunk = chunkSecondsFor(simulation.durationSec);
      while (!simulation.done) {
        await new Promise((resolve) => setImmediate(resolve));
        if (state.stopped) return;
        simulation.advance(chunk);
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (state.stopped) return;
      const finished = simulation.finish();
      const prepared = prepareRun(finished, { lean: true });
      // Handed over as a job's run is, so both threads' sides of that are warm too; the pool lets it go.
      port?.postMessage(
        { type: 'warm-run', run: storableRun(finished, prepared) },
        preparedTransferList(prepared),
      );
    }
  } finally {
    if (warming === state) warming = null;
    port?.postMessage({ type: 'warmed', stopped: state.stopped });
    tidyAfterRun();
  }
}

port.on(
  'message',
  (
    message:
      | { jobId: number; params: ExperimentParams; source?: ScenarioSource; reply?: RunReply }
      | { warm: ExperimentParams[] }
      | { stopWarming: true },
  ) => {
    if ('warm' in message) {
      void warmUp(message.warm);
      return;
    }
    if ('stopWarming' in message) {
      if (warming) warming.stopped = true;
      return;
    }
    if (warming) warming.stopped = true;
    const { jobId } = message;
    try {
      const simulation = createSimulation(message.params, { scenario: scenarioFromSource(message.source) });
      const chunk = chunkSecondsFor(simulation.durationSec);
      while (!simulation.done) {
        simulation.advance(chunk);
        port.postMessage({
          jobId,
          type: 'progress',
          simSec: simulation.nowSec,
          fraction: simulation.nowSec / simulation.durationSec,
        });
      }
      // Encoding and hashing for the store happen here, so the main thread only inserts rows.
      const finished = simulation.finish();
      // A built-in scenario's run is stored lean (re-derivable); a drill's, rebuilt from its source, whole.
      const prepared = prepareRun(finished, { lean: message.source === undefined });
      if (message.reply === 'prepared') {
        // Only what the caller stores: the run's events, plan, series and analysis as objects are not cloned across.
        port.postMessage(
          { jobId, type: 'done', run: storableRun(finished, prepared), heapBytes: heapBytes() },
          preparedTransferList(prepared),
        );
        return;
      }
      const run = { ...finished, prepared };
      const transfer = new Set<ArrayBuffer>();
      for (const tm of run.taskManagers)
        for (const series of Object.values(tm.series)) transfer.add(series.buffer as ArrayBuffer);
      for (const op of run.operators) {
        for (const series of [
          op.backPressuredTimeMsPerSecond,
          op.busyTimeMsPerSecond,
          op.idleTimeMsPerSecond,
        ]) {
          transfer.add(series.buffer as ArrayBuffer);
        }
      }
      for (const buffer of preparedTransferList(prepared)) transfer.add(buffer);
      port.postMessage({ jobId, type: 'done', run, heapBytes: heapBytes() }, [...transfer]);
    } catch (error) {
      port.postMessage({
        jobId,
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      tidyAfterRun();
    }
  },
);
