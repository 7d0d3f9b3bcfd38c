// What is in flight in the lab: running simulations (with a promise that settles once their result is stored),
// sweeps, and a small cache of decoded series so zooming a chart does not inflate the same blob again and again.
import type { StoredSeries } from '../store/runs-store';
import type { SimulationJob, SimulationRunner } from './simulation-runner';
import { createWorkerRunner } from './worker-runner';

export interface RunningJob {
  job: SimulationJob;
  /** Settles when the run's outcome (completed, cancelled or failed) is stored. */
  stored: Promise<void>;
}

export interface LabRuntime {
  runner: SimulationRunner;
  jobs: Map<string, RunningJob>;
  sweeps: Map<string, { cancel(): void; finished: Promise<void> }>;
  /** Replays of recorded runs in progress, by id. */
  replays: Map<string, { cancel(): void; finished: Promise<void> }>;
  seriesCache: SeriesCache;
  /** Stops the worker pool when the runtime made it; a runner passed in belongs to whoever passed it. */
  close(): Promise<void>;
}

/** Least-recently-used decoded series, keyed by run and series key. */
export class SeriesCache {
  private readonly entries = new Map<string, StoredSeries>();
  constructor(private readonly capacity = 96) {}

  get(runId: string, key: string, load: () => StoredSeries | undefined): StoredSeries | undefined {
    const id = `${runId}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit) {
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit;
    }
    const loaded = load();
    if (!loaded) return undefined;
    this.entries.set(id, loaded);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return loaded;
  }
}

export function createLabRuntime(given?: SimulationRunner): LabRuntime {
  const pool = given ? null : createWorkerRunner();
  const runner = given ?? (pool as SimulationRunner);
  return {
    runner,
    jobs: new Map(),
    sweeps: new Map(),
    replays: new Map(),
    seriesCache: new SeriesCache(),
    close: async () => {
      await pool?.close();
    },
  };
}
