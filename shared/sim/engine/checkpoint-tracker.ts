// Aligned checkpoints under back pressure: a barrier enters at the sources and reaches an operator only after
// every record queued ahead of it has been processed; an operator with several inputs waits for all of them.
// Under heavy back pressure the barrier crawls; behind a paused sink it never arrives and the checkpoint expires.
import type { FlowModel } from './data-flow';

/** Acknowledging and uploading RocksDB's incremental snapshot after the last barrier. */
const ASYNC_PHASE_SEC = 2;

export type CheckpointOutcome = 'none' | 'completed' | 'expired';

export class CheckpointTracker {
  /** Checkpoints triggered so far; the pending one has this id. */
  nextId = 1;
  pendingId = 0;
  triggeredAtSec = 0;
  lastCompletedId = 0;
  completed = 0;
  expired = 0;
  /** Consecutive failed checkpoints, against `tolerable-failed-checkpoints`. */
  consecutiveFailures = 0;
  private readonly upstream: number[][];
  /** Records still ahead of the barrier at each operator's input; NaN until the barrier reaches it. */
  private readonly ahead: Float64Array;
  private readonly done: Uint8Array;
  private allDoneAtSec = -1;
  /** Source positions when the pending checkpoint was triggered (the offsets it will store). */
  readonly pendingPositions: Float64Array;
  /** Source positions of the last completed checkpoint: where a restart rewinds to. */
  readonly restorePositions: Float64Array;

  constructor(private readonly flow: FlowModel) {
    this.upstream = Array.from({ length: flow.ops }, () => []);
    for (let o = 0; o < flow.ops; o++) {
      const d = flow.down[o] as number;
      if (d >= 0) (this.upstream[d] as number[]).push(o);
    }
    this.ahead = new Float64Array(flow.ops);
    this.done = new Uint8Array(flow.ops);
    this.pendingPositions = new Float64Array(flow.subtasks);
    this.restorePositions = new Float64Array(flow.subtasks);
  }

  get pending(): boolean {
    return this.pendingId > 0;
  }

  trigger(nowSec: number): number {
    this.pendingId = this.nextId++;
    this.triggeredAtSec = nowSec;
    this.allDoneAtSec = -1;
    this.pendingPositions.set(this.flow.position);
    this.ahead.fill(Number.NaN);
    this.done.fill(0);
    return this.pendingId;
  }

  /** A failover cancels the pending checkpoint (not counted as a failed checkpoint). */
  abort(): void {
    this.pendingId = 0;
  }

  /** After the second's flow: move barriers, then report completion or expiry. */
  advance(nowSec: number, timeoutSec: number): CheckpointOutcome {
    if (this.pendingId === 0) return 'none';
    const f = this.flow;
    let allDone = true;
    for (let o = 0; o < f.ops; o++) {
      if (this.done[o] === 1) continue;
      const inputs = this.upstream[o] as number[];
      let arrived = true;
      for (const u of inputs) if (this.done[u] === 0) arrived = false;
      if (!arrived) {
        allDone = false;
        continue;
      }
      // Sources take the barrier at once; others first process what was queued ahead of it.
      // Records queued when the barrier arrives are ahead of it; they drain from the next second on.
      const first = Number.isNaN(this.ahead[o] as number);
      const left = first
        ? f.isSource[o] === 1
          ? 0
          : (f.opQueued[o] as number)
        : (this.ahead[o] as number) - (f.opProcessed[o] as number);
      this.ahead[o] = left;
      if (left <= 0 && f.running[o] === 1) this.done[o] = 1;
      else allDone = false;
    }
    if (allDone && this.allDoneAtSec < 0) this.allDoneAtSec = nowSec;
    if (this.allDoneAtSec >= 0 && nowSec - this.allDoneAtSec >= ASYNC_PHASE_SEC) {
      this.restorePositions.set(this.pendingPositions);
      this.lastCompletedId = this.pendingId;
      this.pendingId = 0;
      this.completed++;
      this.consecutiveFailures = 0;
      return 'completed';
    }
    if (nowSec - this.triggeredAtSec >= timeoutSec) {
      this.pendingId = 0;
      this.expired++;
      this.consecutiveFailures++;
      return 'expired';
    }
    return 'none';
  }
}
