// The lab's run queue: at most `slots` simulations run at once (the worker pool's size), the rest wait here in the
// order they were started, visibly (each waiting run knows its place in line) and at most `maxWaiting` of them.
// Runs wait here rather than inside the pool so the backend can tell the UI which runs are queued and where, and
// so a run cancelled while it waits never reaches a worker at all.
import { SimulationCancelled, type SimulationJob } from './simulation-runner';

/** How many runs may wait for a worker before runs.start is refused: a deliberate bound, not the pool's. */
export const MAX_WAITING_RUNS = 32;

export interface QueueEntry {
  runId: string;
  investigationId: string;
}

export interface QueueSnapshot {
  /** Runs waiting for a worker, first in line first. */
  waiting: QueueEntry[];
  /** Runs holding a worker. */
  running: QueueEntry[];
  slots: number;
  maxWaiting: number;
}

export interface RunQueue {
  /**
   * Queues a run whose simulation `start` begins once a slot is free; its job settles with the result, or is
   * rejected with SimulationCancelled if it is cancelled (waiting or running). Throws RunQueueFull when
   * `maxWaiting` runs already wait and no slot is free.
   */
  submit<Run>(entry: QueueEntry, start: () => SimulationJob<Run>): SimulationJob<Run>;
  /** The run's place in line (1 = next to start), or null if it is not waiting. */
  positionOf(runId: string): number | null;
  /** Whether one more run would be accepted now. */
  hasRoom(): boolean;
  snapshot(): QueueSnapshot;
  /** Called (synchronously) after every change of who waits or runs. Returns the unsubscribe function. */
  onChange(listener: (snapshot: QueueSnapshot) => void): () => void;
}

export class RunQueueFull extends Error {
  constructor(
    readonly waiting: number,
    readonly slots: number,
  ) {
    super(
      `${waiting} runs are already waiting for the simulator (it runs ${slots} at a time, and at most ${waiting} may wait). ` +
        'Wait for some to finish or cancel a queued one, then start this run again. Nothing was started.',
    );
    this.name = 'RunQueueFull';
  }
}

interface Waiting {
  entry: QueueEntry;
  start: () => SimulationJob<unknown>;
  resolve(run: unknown): void;
  reject(error: unknown): void;
  /** Set once the run holds a slot. */
  job: SimulationJob<unknown> | null;
}

export function createRunQueue(slots: number, maxWaiting = MAX_WAITING_RUNS): RunQueue {
  if (!(slots >= 1)) throw new Error(`a run queue needs at least one slot (got ${slots})`);
  const waiting: Waiting[] = [];
  const running = new Set<Waiting>();
  const listeners = new Set<(snapshot: QueueSnapshot) => void>();

  const snapshot = (): QueueSnapshot => ({
    waiting: waiting.map((w) => ({ ...w.entry })),
    running: [...running].map((w) => ({ ...w.entry })),
    slots,
    maxWaiting,
  });
  const changed = () => {
    if (listeners.size === 0) return;
    const now = snapshot();
    for (const listener of listeners) listener(now);
  };

  const release = (item: Waiting) => {
    if (!running.delete(item)) return;
    pump();
    changed();
  };

  const pump = () => {
    while (running.size < slots && waiting.length > 0) {
      const item = waiting.shift()!;
      running.add(item);
      let job: SimulationJob<unknown>;
      try {
        job = item.start();
      } catch (error) {
        running.delete(item);
        item.reject(error);
        continue;
      }
      item.job = job;
      job.result.then(
        (run) => {
          release(item);
          item.resolve(run);
        },
        (error: unknown) => {
          release(item);
          item.reject(error);
        },
      );
    }
  };

  return {
    submit<Run>(entry: QueueEntry, start: () => SimulationJob<Run>): SimulationJob<Run> {
      if (running.size >= slots && waiting.length >= maxWaiting)
        throw new RunQueueFull(waiting.length, slots);
      let item!: Waiting;
      const result = new Promise<Run>((resolve, reject) => {
        item = { entry, start, resolve: (run) => resolve(run as Run), reject, job: null };
      });
      waiting.push(item);
      pump();
      changed();
      return {
        result,
        cancel() {
          const at = waiting.indexOf(item);
          if (at >= 0) {
            // Never started: it leaves the line and the runs behind it move up.
            waiting.splice(at, 1);
            item.reject(new SimulationCancelled());
            changed();
            return;
          }
          item.job?.cancel();
        },
      };
    },
    positionOf(runId) {
      const at = waiting.findIndex((w) => w.entry.runId === runId);
      return at < 0 ? null : at + 1;
    },
    hasRoom() {
      return running.size < slots || waiting.length < maxWaiting;
    },
    snapshot,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
