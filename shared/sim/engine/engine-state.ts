// Everything a running simulation holds, laid out as typed arrays per subtask, per TaskManager and per operator
// so the per-second step touches no objects and allocates nothing. The lifecycle, memory and job modules are
// functions over this state.

import { Prng } from '../random/prng';
import type { OperatorSpec } from '../topology/job-graph';
import { CheckpointTracker } from './checkpoint-tracker';
import { FlowModel } from './data-flow';
import { EventLog } from './event-log';
import { JvmMemory } from './jvm-memory';
import { MapSlots } from './offheap-map';
import type { ResolvedExperiment } from './resolve-experiment';
import { type RestartStrategy, restartStrategyFromConfig } from './restart-strategy';
import { SeriesStore } from './run-series';
import type { RunContainer } from './run-types';

export const REGION_RUNNING = 0;
export const REGION_RESTARTING = 1;
export const REGION_FAILED = 2;

/**
 * Row of the per-TaskManager Float64 fields the per-second step reads in `taskManagerWords`: field `f` of
 * TaskManager `tm` is `taskManagerWords[TM_ROW.f * taskManagers + tm]`; the named fields are views of their rows.
 */
export const TM_ROW = {
  heapAlloc: 0,
  directAlloc: 1,
  directAllocCount: 2,
  directGarbage: 3,
  directGarbageCount: 4,
  topAllocBytes: 5,
  managedTarget: 6,
  reportedFullGcs: 7,
} as const;
const TM_ROWS = 8;

export class EngineState {
  readonly r: ResolvedExperiment;
  readonly rng: Prng;
  readonly restart: RestartStrategy;
  readonly events = new EventLog();
  readonly flow: FlowModel;
  readonly jvm: JvmMemory;
  readonly checkpoints: CheckpointTracker;
  readonly ops: OperatorSpec[];
  readonly p: number;
  /**
   * 1 / p when p is a power of two, else 0. Then 1 / p is exact, and x * (1 / p) and x / p are both the exact
   * x * 2^-k rounded once: the same bits, for a multiplication instead of a division.
   */
  readonly exactReciprocalOfP: number;
  readonly taskManagers: number;
  readonly durationSec: number;
  nowSec = 0;

  // Per operator.
  readonly opRegion: Int32Array;
  readonly sourceOps: number[];
  readonly rpcOps: number[];
  readonly transientOps: number[];
  readonly mapOps: number[];
  readonly sinkOps: number[];
  // Per region.
  readonly regionState: Uint8Array;
  readonly regionRestartAt: Float64Array;
  /** Per region: restarts so far (the attempt number Flink prints). */
  readonly regionAttempts: Int32Array;
  jobFailed = false;

  // Per subtask: what each task holds, so close() releases exactly that.
  readonly opened: Uint8Array;
  readonly threadDirectHeld: Float64Array;
  readonly openHeapHeld: Float64Array;
  readonly rpcInFlight: Float64Array;
  readonly rpcInFlightCount: Float64Array;
  readonly rpcPool: Float64Array;
  /** Calls in flight before this second, restored if the TaskManager's reservation for this second fails. */
  readonly rpcPrevious: Float64Array;
  readonly rpcPreviousCount: Float64Array;
  readonly maps: MapSlots;
  /** Per source subtask: records per second arriving in its Kafka partitions (before the daily swing). */
  readonly arrivals: Float64Array;

  // Per TaskManager.
  /**
   * The Float64 fields of TM_ROW, row after row: memorySecond reaches them through this one array (fewer
   * array pointers to load than with separate arrays); the named fields are views of it.
   */
  readonly taskManagerWords: Float64Array;
  /** The subtasks placed on each TaskManager. */
  readonly subtasksOf: Int32Array[];
  /** Subtasks of unpooled RPC operators per TaskManager (their calls in flight are rolled back on a failed reservation). */
  readonly rpcSubtasksOf: Int32Array[];
  readonly alive: Uint8Array;
  readonly replacementAt: Float64Array;
  readonly containers: RunContainer[][];
  readonly pids: Int32Array;
  /** A fresh JVM that has not yet had tasks deployed: its first deployment is not a restart in place. */
  readonly fresh: Uint8Array;
  readonly rocksDbTasks: Int32Array;
  readonly managedTarget: Float64Array;
  readonly heapAlloc: Float64Array;
  readonly directAlloc: Float64Array;
  readonly directAllocCount: Float64Array;
  readonly directGarbage: Float64Array;
  readonly directGarbageCount: Float64Array;
  /** The subtask that asked for the most direct memory this second: where a failed reservation is charged. */
  readonly topAllocSubtask: Int32Array;
  readonly topAllocBytes: Float64Array;
  readonly oomsPerTaskManager: Int32Array;
  /** Full GCs of the current JVM already reported as events. */
  readonly reportedFullGcs: Float64Array;
  /**
   * Per TaskManager, over every JVM it ran: full GCs and completed concurrent cycles, the collections that can
   * free tenured direct buffers (what makes a saw-tooth; see run-analysis.ts).
   */
  readonly oldCollections: Float64Array;
  readonly restartsSec: number[][];
  readonly freshStartsSec: number[][];
  nextContainerSequence: number;

  // Series.
  readonly series: SeriesStore;
  readonly opBackPressured: Float32Array[];
  readonly opBusy: Float32Array[];
  readonly opIdle: Float32Array[];

  // Faults and counters.
  sinkSpeed = 1;
  payloadFactor = 1;
  nextCheckpointAt = Number.POSITIVE_INFINITY;
  jobRestarts = 0;
  taskFailures = 0;
  ooms = 0;
  containersKilled = 0;
  /** Say so in the events when the next checkpoint completes (the first after a start, restart or expiry). */
  announceCheckpoint = true;
  /** Offset of the map refresh within its period, so refreshes do not line up with the fault schedule. */
  readonly refreshPhase: number;

  constructor(r: ResolvedExperiment) {
    this.r = r;
    this.rng = new Prng(r.params.seed);
    this.restart = restartStrategyFromConfig(r.config, this.rng.fork(1));
    this.ops = r.operators;
    this.p = r.placement.parallelism;
    this.exactReciprocalOfP = Number.isInteger(Math.log2(this.p)) ? 1 / this.p : 0;
    this.taskManagers = r.placement.taskManagers;
    this.durationSec = r.durationSec;
    const skewRng = this.rng.fork(2);
    // Subtasks differ a little in speed (hardware, key skew); the slowest consumer sets an all-to-all edge's pace.
    const skew = new Float64Array(r.placement.subtasks).map(() => 0.9 + 0.2 * skewRng.next());
    this.flow = new FlowModel(r.operators, r.graph, r.placement, (s) => skew[s] as number);
    this.jvm = new JvmMemory(this.taskManagers);
    this.checkpoints = new CheckpointTracker(this.flow);
    const n = r.placement.subtasks;
    const t = this.taskManagers;
    this.opRegion = Int32Array.from(r.regions);
    const opsWhere = (test: (op: OperatorSpec) => boolean) =>
      r.operators.flatMap((op, o) => (test(op) ? [o] : []));
    this.sourceOps = opsWhere((op) => op.kind === 'source');
    this.rpcOps = opsWhere((op) => op.rpc !== undefined);
    this.transientOps = opsWhere((op) => op.transientDirectBytesPerRecord > 0);
    this.mapOps = opsWhere((op) => op.map !== undefined);
    this.sinkOps = opsWhere((op) => op.kind === 'sink');
    this.regionState = new Uint8Array(r.regionCount).fill(REGION_RESTARTING);
    this.regionRestartAt = new Float64Array(r.regionCount);
    this.regionAttempts = new Int32Array(r.regionCount);
    this.opened = new Uint8Array(n);
    this.threadDirectHeld = new Float64Array(n);
    this.openHeapHeld = new Float64Array(n);
    this.rpcInFlight = new Float64Array(n);
    this.rpcInFlightCount = new Float64Array(n);
    this.rpcPool = new Float64Array(n);
    this.rpcPrevious = new Float64Array(n);
    this.rpcPreviousCount = new Float64Array(n);
    this.maps = new MapSlots(n);
    this.arrivals = new Float64Array(n);
    const arrivalRng = this.rng.fork(3);
    r.operators.forEach((op, o) => {
      if (op.kind !== 'source') return;
      for (let i = 0; i < this.p; i++)
        this.arrivals[o * this.p + i] = op.arrivalsPerSecond * (0.9 + 0.2 * arrivalRng.next());
    });
    const lists: number[][] = Array.from({ length: t }, () => []);
    r.placement.taskManagerOf.forEach((tm, s) => {
      lists[tm]?.push(s);
    });
    this.subtasksOf = lists.map((list) => Int32Array.from(list));
    this.rpcSubtasksOf = lists.map((list) =>
      Int32Array.from(list.filter((s) => r.operators[Math.floor(s / this.p)]?.rpc?.pooled === false)),
    );
    this.alive = new Uint8Array(t);
    this.replacementAt = new Float64Array(t).fill(-1);
    this.containers = Array.from({ length: t }, () => []);
    this.pids = new Int32Array(t);
    this.fresh = new Uint8Array(t);
    this.rocksDbTasks = new Int32Array(t);
    this.taskManagerWords = new Float64Array(TM_ROWS * t);
    const taskManagerRow = (row: number) => this.taskManagerWords.subarray(row * t, (row + 1) * t);
    this.managedTarget = taskManagerRow(TM_ROW.managedTarget);
    this.heapAlloc = taskManagerRow(TM_ROW.heapAlloc);
    this.directAlloc = taskManagerRow(TM_ROW.directAlloc);
    this.directAllocCount = taskManagerRow(TM_ROW.directAllocCount);
    this.directGarbage = taskManagerRow(TM_ROW.directGarbage);
    this.directGarbageCount = taskManagerRow(TM_ROW.directGarbageCount);
    this.topAllocSubtask = new Int32Array(t).fill(-1);
    this.topAllocBytes = taskManagerRow(TM_ROW.topAllocBytes);
    this.oomsPerTaskManager = new Int32Array(t);
    this.reportedFullGcs = taskManagerRow(TM_ROW.reportedFullGcs);
    this.oldCollections = new Float64Array(t);
    this.restartsSec = Array.from({ length: t }, () => []);
    this.freshStartsSec = Array.from({ length: t }, () => []);
    this.nextContainerSequence = t + 2;
    const d = this.durationSec;
    this.series = new SeriesStore(t, r.operators.length, d);
    this.opBackPressured = this.series.opBackPressured;
    this.opBusy = this.series.opBusy;
    this.opIdle = this.series.opIdle;
    const refreshSec = r.operators.find((op) => op.map)?.map?.refreshSec ?? 3600;
    this.refreshPhase = this.rng.fork(4).nextInt(refreshSec);
  }

  taskManagerId(tm: number): string {
    return `tm-${tm + 1}`;
  }

  currentContainer(tm: number): string {
    return this.containers[tm]?.at(-1)?.id ?? '';
  }

  /** `currency-convert (3/8)`: a subtask as Flink names it in logs (1-based). */
  subtaskName(s: number): string {
    const o = Math.floor(s / this.p);
    return `${this.ops[o]?.name ?? '?'} (${(s % this.p) + 1}/${this.p})`;
  }
}
