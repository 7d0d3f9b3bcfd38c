// How a service runs the simulator: a job with progress and cancel. The desktop app and browser host run it in a
// worker thread (worker-runner.ts) so a long run never blocks other calls; tests and the command line may run it
// in-process here, advancing in chunks and yielding between them so progress and cancel still work.
import type { ExperimentParams } from '../../../shared/sim/engine/experiment-params';
import { createSimulation } from '../../../shared/sim/engine/simulation';
import { type FinishedRun, prepareRun } from './prepare-run';
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
 * A run as a caller that stores only its prepared storage asks for it (a bundle import's re-derivation): a worker
 * then posts only the prepared run, not the run's events, plan and analysis as objects to be structured-cloned on
 * the main thread and dropped. A runner may still hand back the whole run; `prepared` is what such a caller reads.
 */
export type PreparedOnlyRun = Pick<FinishedRun, 'prepared'>;

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
    return reply === 'prepared' ? { prepared } : { ...run, prepared };
  })();
  return {
    result,
    cancel: () => {
      cancelled = true;
    },
  };
}) as SimulationRunner;
