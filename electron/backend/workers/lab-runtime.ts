// What is in flight in the lab: running simulations (with a promise that settles once their result is stored),
// sweeps, and a small cache of decoded series so zooming a chart does not inflate the same blob again and again.
import type { DiskUseRow, StoredSeries } from '../store/runs-store';
import { createRunQueue, type RunQueue } from './run-queue';
import type { SimulationJob, SimulationRunner } from './simulation-runner';
import { createWorkerRunner, defaultPoolSize } from './worker-runner';

export interface RunningJob {
  job: SimulationJob<unknown>;
  /** Settles when the run's outcome (completed, cancelled or failed) is stored. */
  stored: Promise<void>;
}

export interface LabRuntime {
  runner: SimulationRunner;
  /** Runs waiting for, or holding, one of the runner's slots (see run-queue.ts). */
  queue: RunQueue;
  /**
   * Bytes each investigation keeps on disk, by investigation id: computed on first ask, dropped when one of its
   * runs is stored or ends, so showing the figure after every action costs a map lookup.
   */
  diskUse: Map<string, DiskUseRow>;
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
  private readonly loading = new Map<string, Promise<StoredSeries | undefined>>();
  constructor(private readonly capacity = 96) {}

  get(runId: string, key: string, load: () => StoredSeries | undefined): StoredSeries | undefined {
    const id = `${runId}\u0000${key}`;
    const hit = this.touch(id);
    if (hit) return hit;
    const loaded = load();
    if (loaded) this.keep(id, loaded);
    return loaded;
  }

  /** The entry under `id`, moved to the most recently used end. */
  private touch(id: string): StoredSeries | undefined {
    const hit = this.entries.get(id);
    if (hit) {
      this.entries.delete(id);
      this.entries.set(id, hit);
    }
    return hit;
  }

  /** get with a load that takes a while: readers of a series already being loaded wait for that load. */
  async getAsync(
    runId: string,
    key: string,
    load: () => Promise<StoredSeries | undefined>,
  ): Promise<StoredSeries | undefined> {
    const id = `${runId}\u0000${key}`;
    const hit = this.touch(id);
    if (hit) return hit;
    const pending = this.loading.get(id);
    if (pending) return pending;
    const loading = load().then((loaded) => {
      if (loaded) this.keep(id, loaded);
      return loaded;
    });
    this.loading.set(id, loading);
    try {
      return await loading;
    } finally {
      this.loading.delete(id);
    }
  }

  private keep(id: string, series: StoredSeries): void {
    this.entries.set(id, series);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * How long after the desktop app or the browser host opens its backend the worker pool warms up (worker-runner.ts,
 * WARM_UP_RUNS): after the start's own work (the window's first paint is under a second), and well before a user
 * can have made an investigation and an experiment and clicked Run or Auto-peel.
 */
export const WARM_WORKERS_AFTER_MS = 1500;

export function createLabRuntime(
  given?: SimulationRunner,
  options: { slots?: number; maxWaiting?: number; warmAfterMs?: number } = {},
): LabRuntime {
  const pool = given ? null : createWorkerRunner();
  const runner = given ?? (pool as SimulationRunner);
  // Only a pool of its own, and only when the host asks (tests and tools start no threads they do not use).
  const warming =
    pool && options.warmAfterMs !== undefined
      ? setTimeout(() => void pool.warm(), options.warmAfterMs).unref()
      : null;
  return {
    runner,
    queue: createRunQueue(options.slots ?? defaultPoolSize(), options.maxWaiting),
    diskUse: new Map(),
    jobs: new Map(),
    sweeps: new Map(),
    replays: new Map(),
    seriesCache: new SeriesCache(),
    close: async () => {
      if (warming) clearTimeout(warming);
      await pool?.close();
    },
  };
}
