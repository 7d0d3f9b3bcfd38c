// How a service runs the simulator: a job with progress and cancel. The desktop app and browser host run it in a
// worker thread (worker-runner.ts) so a long run never blocks other calls; tests and the command line may run it
// in-process here, advancing in chunks and yielding between them so progress and cancel still work.
import type { ExperimentParams } from '../../../shared/sim/engine/experiment-params';
import { createSimulation } from '../../../shared/sim/engine/simulation';
import { type FinishedRun, prepareRun, type StorableRun, storableRun } from './prepare-run';
import { type ScenarioSource, scenarioFromSource } from './scenario-source';

export class SimulationCancelled extends Error {
  constructor() {
    super('The run was cancelled.');
    this.name = 'SimulationCancelled';
  }
}

export interface SimulationJob<Finished = FinishedRun> {
  result: Promise<Finished>;
  cancel(): void;
}

export type ProgressListener = (simSec: number, fraction: number) => void;

/**
 * A run as a caller that stores it asks for it (the lab's runs, a bundle import's re-derivation): its prepared
 * storage and the facts its record needs (prepare-run.ts), not the run's events, plan, series and analysis as
 * objects to be structured-cloned onto the main thread and dropped there.
 */
export type PreparedOnlyRun = StorableRun;

/**
 * `source` rebuilds a scenario the catalogue does not hold (a drill's); absent for the built-in ones. `reply`
 * 'prepared' asks for the prepared run alone (see PreparedOnlyRun).
 */
export interface SimulationRunner {
  (params: ExperimentParams, onProgress: ProgressListener, source?: ScenarioSource): SimulationJob;
  (
    params: ExperimentParams,
    onProgress: ProgressListener,
    source: ScenarioSource | undefined,
    reply: 'prepared',
  ): SimulationJob<PreparedOnlyRun>;
}

/** What a runner is asked to hand back: the whole run, or only its prepared storage. */
export type RunReply = 'run' | 'prepared';

/** About a hundred progress steps per run, never chunks shorter than a simulated minute. */
export function chunkSecondsFor(durationSec: number): number {
  return Math.max(60, Math.ceil(durationSec / 100));
}

export const inProcessRunner = ((
  params: ExperimentParams,
  onProgress: ProgressListener,
  source?: ScenarioSource,
  reply: RunReply = 'run',
): SimulationJob<FinishedRun | PreparedOnlyRun> => {
  let cancelled = false;
  const result = (async () => {
    const simulation = createSimulation(params, { scenario: scenarioFromSource(source) });
    const chunk = chunkSecondsFor(simulation.durationSec);
    while (!simulation.done) {
      if (cancelled) throw new SimulationCancelled();
      simulation.advance(chunk);
      onProgress(simulation.nowSec, simulation.nowSec / simulation.durationSec);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (cancelled) throw new SimulationCancelled();
    const run = simulation.finish();
    const prepared = prepareRun(run, { lean: source === undefined });
    return reply === 'prepared' ? storableRun(run, prepared) : { ...run, prepared };
  })();
  return {
    result,
    cancel: () => {
      cancelled = true;
    },
  };
}) as SimulationRunner;

/**
 * `inner`'s runs prepared for storage whole, every series on disk (as Peel stored runs before lean runs, and as a
 * version 1 bundle carries them), on the caller's thread; the reply asked for is kept.
 */
export function storingWholeRuns(inner: SimulationRunner): SimulationRunner {
  return ((
    params: ExperimentParams,
    onProgress: ProgressListener,
    source?: ScenarioSource,
    reply: RunReply = 'run',
  ) => {
    const job = inner(params, onProgress, source);
    const result = job.result.then((run) => {
      const prepared = prepareRun(run);
      return reply === 'prepared' ? storableRun(run, prepared) : { ...run, prepared };
    });
    return { result, cancel: job.cancel };
  }) as SimulationRunner;
}
