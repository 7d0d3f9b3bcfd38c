// Records through the job, one second at a time, with credit-based back pressure as a fluid model: each
// subtask's input channel queue is bounded by the buffers Flink gives it (2 exclusive per channel, 8 floating
// per gate, up to 10 per upstream subpartition, 32 KiB each), a subtask processes what its input, its own speed
// and its downstream's room allow, and reports busy / back-pressured / idle ms like Flink's task metrics.
import type { JobGraph, OperatorSpec } from '../topology/job-graph';
import type { Placement } from '../topology/placement';

/** Flink 2.x network constants (reference/flink-memory.md section f). */
export const EXCLUSIVE_BUFFERS_PER_CHANNEL = 2;
export const FLOATING_BUFFERS_PER_GATE = 8;
export const MAX_BUFFERS_PER_SUBPARTITION = 10;

/**
 * Row of each per-subtask Float64 field of FlowModel in its `subtaskWords` buffer: field `f` of subtask `s` is
 * `subtaskWords[SUBTASK_ROW.f * subtasks + s]`, and the named field is a view of that row.
 */
export const SUBTASK_ROW = {
  capacity: 0,
  queue: 1,
  queueCapacity: 2,
  backlog: 3,
  position: 4,
  processed: 5,
  backPressuredShare: 6,
  busyMsPerRecord: 7,
  procMaxSettled: 8,
  acceptSettled: 9,
  acceptFree: 10,
  procMax: 11,
  accept: 12,
  inflow: 13,
  /** Always zero: the empty queues settleLimits works with. */
  noQueue: 14,
} as const;
const SUBTASK_ROWS = 15;

/**
 * Row of each per-operator field of FlowModel in `opWords` (Float64) and `opFlags` (0/1): field `f` of operator
 * `o` is `opWords[OP_ROW.f * ops + o]`, and the named fields are views of their rows.
 */
export const OP_ROW = {
  weight: 0,
  selectivity: 1,
  heapPerRecord: 2,
  minAccept: 3,
  opProcessed: 4,
  opQueued: 5,
  opBusyMs: 6,
  opBackPressuredMs: 7,
  opIdleMs: 8,
  minAcceptSettled: 9,
  minAcceptFree: 10,
  maxCapacity: 11,
  minCapacity: 12,
  sumBusyMsPerRecord: 13,
  uniformProcessed: 14,
  uniformInflow: 15,
} as const;
const OP_ROWS = 16;
export const FLAG_ROW = {
  allToAll: 0,
  isSource: 1,
  isSink: 2,
  running: 3,
  free: 4,
  settled: 5,
  freeWhenSettled: 6,
  uniform: 7,
  perSubtaskInflow: 8,
  needsBackPressureShare: 9,
} as const;
const FLAG_ROWS = 10;

export class FlowModel {
  readonly ops: number;
  readonly parallelism: number;
  readonly subtasks: number;
  // Per operator, in topological order.
  /**
   * The per-operator Float64 fields below, row after row (see OP_ROW), and the 0/1 ones (FLAG_ROW): stepFlow
   * reaches them through these two arrays instead of two dozen separate ones (far fewer array pointers to load).
   */
  readonly opWords: Float64Array;
  readonly opFlags: Uint8Array;
  readonly offset: Int32Array;
  /** Downstream operator index, -1 for sinks. */
  readonly down: Int32Array;
  /** 1 when the edge downstream is hash or rebalance (every subtask feeds every subtask). */
  readonly allToAll: Uint8Array;
  /** This operator's share of its downstream's input (several operators can feed one, e.g. a join). */
  readonly weight: Float64Array;
  readonly selectivity: Float64Array;
  readonly heapPerRecord: Float64Array;
  readonly isSource: Uint8Array;
  readonly isSink: Uint8Array;
  /** Set by the engine: 1 while the operator's region runs. */
  readonly running: Uint8Array;
  // Per operator, this second (written by stepFlow).
  readonly minAccept: Float64Array;
  readonly opProcessed: Float64Array;
  readonly opQueued: Float64Array;
  readonly opBusyMs: Float64Array;
  readonly opBackPressuredMs: Float64Array;
  readonly opIdleMs: Float64Array;
  // Per subtask.
  /**
   * The per-subtask Float64 fields below, row after row (see SUBTASK_ROW). stepFlow's forward loop reaches them
   * through this one array, which loads far fewer array pointers than a dozen separate arrays; the named fields
   * are views of the same memory.
   */
  readonly subtaskWords: Float64Array;
  readonly taskManagerOf: Int32Array;
  readonly capacity: Float64Array;
  readonly queue: Float64Array;
  readonly queueCapacity: Float64Array;
  /** Sources: records waiting in Kafka (the consumer lag). */
  readonly backlog: Float64Array;
  /** Sources: records read so far (the offset a checkpoint stores). */
  readonly position: Float64Array;
  readonly processed: Float64Array;
  /** Share of this second spent back-pressured (waiting for an output buffer); kept for operators that ask. */
  readonly backPressuredShare: Float64Array;
  /** 1 for operators whose per-subtask back-pressure share someone reads (the RPC client's async queue). */
  readonly needsBackPressureShare: Uint8Array;
  /** Milliseconds of work per record at full speed: 1000 / capacity. */
  readonly busyMsPerRecord: Float64Array;
  /** TaskManager of subtask index i (the same for every operator: slot sharing). */
  readonly taskManagerOfIndex: Int32Array;
  readonly heapPerIndex: Float64Array;
  /** Per operator, this second: 1 when nothing holds it back (see stepFlow), so its subtasks skip the backward pass. */
  readonly free: Uint8Array;
  /**
   * Per operator, this second: 1 when it and everything downstream of it have empty queues and run at full
   * speed. Its limits are then fixed (computed once, `procMaxSettled` and `acceptSettled`) and the backward pass
   * skips its subtasks. A free operator is settled too.
   */
  readonly settled: Uint8Array;
  /** Per operator: 1 when a settled operator is also free (nothing downstream holds it back even then). */
  readonly freeWhenSettled: Uint8Array;
  /** Per subtask: what a settled operator's subtask may process and accept; per operator, the least accept. */
  readonly procMaxSettled: Float64Array;
  readonly acceptSettled: Float64Array;
  readonly minAcceptSettled: Float64Array;
  /** Per subtask: what it accepts with empty buffers at full speed (speed + buffer capacity). */
  readonly acceptFree: Float64Array;
  readonly minAcceptFree: Float64Array;
  readonly maxCapacity: Float64Array;
  readonly minCapacity: Float64Array;
  readonly sumBusyMsPerRecord: Float64Array;
  /** Per operator, this second: 1 when every subtask processed `uniformProcessed` (stepped as one). */
  readonly uniform: Uint8Array;
  readonly uniformProcessed: Float64Array;
  /** Per operator: records each of its subtasks receives alike this second; and whether any came per subtask. */
  readonly uniformInflow: Float64Array;
  readonly perSubtaskInflow: Uint8Array;
  // Scratch of stepFlow: how much each subtask may process, may accept, and receives this second.
  readonly procMax: Float64Array;
  readonly accept: Float64Array;
  readonly inflow: Float64Array;
  /** Speed left to the sinks this second (1 normally, 0 when paused). */
  sinkSpeed = 1;
  /** 1 after a second in which no operator ran: every per-second output of stepFlow is zero since. */
  stopped = 0;

  constructor(
    operators: OperatorSpec[],
    graph: JobGraph,
    placement: Placement,
    skew: (subtask: number) => number,
  ) {
    const ops = operators.length;
    const p = placement.parallelism;
    this.ops = ops;
    this.parallelism = p;
    this.subtasks = placement.subtasks;
    this.offset = Int32Array.from(placement.offsets);
    this.down = new Int32Array(ops).fill(-1);
    this.opWords = new Float64Array(OP_ROWS * ops);
    const opRow = (row: number) => this.opWords.subarray(row * ops, (row + 1) * ops);
    this.opFlags = new Uint8Array(FLAG_ROWS * ops);
    const flagRow = (row: number) => this.opFlags.subarray(row * ops, (row + 1) * ops);
    this.allToAll = flagRow(FLAG_ROW.allToAll);
    this.weight = opRow(OP_ROW.weight);
    this.selectivity = opRow(OP_ROW.selectivity);
    this.selectivity.set(operators.map((op) => op.selectivity));
    this.heapPerRecord = opRow(OP_ROW.heapPerRecord);
    this.heapPerRecord.set(operators.map((op) => op.heapBytesPerRecord));
    this.isSource = flagRow(FLAG_ROW.isSource);
    this.isSource.set(operators.map((op) => (op.kind === 'source' ? 1 : 0)));
    this.isSink = flagRow(FLAG_ROW.isSink);
    this.isSink.set(operators.map((op) => (op.kind === 'sink' || !hasOutput(op, graph) ? 1 : 0)));
    this.running = flagRow(FLAG_ROW.running);
    this.minAccept = opRow(OP_ROW.minAccept);
    this.opProcessed = opRow(OP_ROW.opProcessed);
    this.opQueued = opRow(OP_ROW.opQueued);
    this.opBusyMs = opRow(OP_ROW.opBusyMs);
    this.opBackPressuredMs = opRow(OP_ROW.opBackPressuredMs);
    this.opIdleMs = opRow(OP_ROW.opIdleMs);
    const n = placement.subtasks;
    this.taskManagerOf = Int32Array.from(placement.taskManagerOf);
    this.subtaskWords = new Float64Array(SUBTASK_ROWS * n);
    const subtaskRow = (row: number) => this.subtaskWords.subarray(row * n, (row + 1) * n);
    this.capacity = subtaskRow(SUBTASK_ROW.capacity);
    this.queue = subtaskRow(SUBTASK_ROW.queue);
    this.queueCapacity = subtaskRow(SUBTASK_ROW.queueCapacity);
    this.backlog = subtaskRow(SUBTASK_ROW.backlog);
    this.position = subtaskRow(SUBTASK_ROW.position);
    this.processed = subtaskRow(SUBTASK_ROW.processed);
    this.backPressuredShare = subtaskRow(SUBTASK_ROW.backPressuredShare);
    this.needsBackPressureShare = flagRow(FLAG_ROW.needsBackPressureShare);
    this.needsBackPressureShare.set(operators.map((op) => (op.rpc ? 1 : 0)));
    this.busyMsPerRecord = subtaskRow(SUBTASK_ROW.busyMsPerRecord);
    this.taskManagerOfIndex = Int32Array.from({ length: p }, (_, i) => placement.taskManagerOf[i] as number);
    this.heapPerIndex = new Float64Array(p);
    this.free = flagRow(FLAG_ROW.free);
    this.settled = flagRow(FLAG_ROW.settled);
    this.freeWhenSettled = flagRow(FLAG_ROW.freeWhenSettled);
    this.procMaxSettled = subtaskRow(SUBTASK_ROW.procMaxSettled);
    this.acceptSettled = subtaskRow(SUBTASK_ROW.acceptSettled);
    this.minAcceptSettled = opRow(OP_ROW.minAcceptSettled);
    this.acceptFree = subtaskRow(SUBTASK_ROW.acceptFree);
    this.minAcceptFree = opRow(OP_ROW.minAcceptFree);
    this.maxCapacity = opRow(OP_ROW.maxCapacity);
    this.minCapacity = opRow(OP_ROW.minCapacity);
    this.sumBusyMsPerRecord = opRow(OP_ROW.sumBusyMsPerRecord);
    this.uniform = flagRow(FLAG_ROW.uniform);
    this.uniformProcessed = opRow(OP_ROW.uniformProcessed);
    this.uniformInflow = opRow(OP_ROW.uniformInflow);
    this.perSubtaskInflow = flagRow(FLAG_ROW.perSubtaskInflow);
    this.procMax = subtaskRow(SUBTASK_ROW.procMax);
    this.accept = subtaskRow(SUBTASK_ROW.accept);
    this.inflow = subtaskRow(SUBTASK_ROW.inflow);

    const index = new Map(operators.map((op, o) => [op.id, o]));
    const nominal = nominalRates(operators, graph);
    operators.forEach((op, o) => {
      const edge = graph.edges.find((e) => e.from === op.id);
      if (edge) {
        this.down[o] = index.get(edge.to) as number;
        this.allToAll[o] = edge.kind === 'forward' ? 0 : 1;
      }
      const inputs = graph.edges.filter((e) => e.to === op.id);
      const inputRate = inputs.reduce((sum, e) => sum + (nominal.get(e.from) ?? 0), 0);
      // Channels into one subtask: one per forward producer, `p` per all-to-all producer.
      const channels = inputs.reduce((sum, e) => sum + (e.kind === 'forward' ? 1 : p), 0);
      const buffers =
        channels * (EXCLUSIVE_BUFFERS_PER_CHANNEL + MAX_BUFFERS_PER_SUBPARTITION) + FLOATING_BUFFERS_PER_GATE;
      const producerBytes =
        inputs.length === 0
          ? op.recordBytes
          : inputs.reduce(
              (sum, e) => sum + (operators[index.get(e.from) as number] as OperatorSpec).recordBytes,
              0,
            ) / inputs.length;
      const recordsPerBuffer = Math.max(1, Math.floor((32 * 1024) / producerBytes));
      for (const e of inputs) {
        const from = index.get(e.from) as number;
        this.weight[from] = inputRate > 0 ? (nominal.get(e.from) ?? 0) / inputRate : 1 / inputs.length;
      }
      for (let i = 0; i < p; i++) {
        const s = o * p + i;
        this.capacity[s] = op.recordsPerSecond * skew(s);
        this.busyMsPerRecord[s] = 1000 / (this.capacity[s] as number);
        this.queueCapacity[s] = buffers * recordsPerBuffer;
        this.acceptFree[s] = (this.capacity[s] as number) + (this.queueCapacity[s] as number);
      }
      let minFree = Number.POSITIVE_INFINITY;
      let maxCap = 0;
      let minCap = Number.POSITIVE_INFINITY;
      let busyMs = 0;
      for (let i = 0; i < p; i++) {
        minFree = Math.min(minFree, this.acceptFree[o * p + i] as number);
        maxCap = Math.max(maxCap, this.capacity[o * p + i] as number);
        minCap = Math.min(minCap, this.capacity[o * p + i] as number);
        busyMs += this.busyMsPerRecord[o * p + i] as number;
      }
      this.minAcceptFree[o] = minFree;
      this.maxCapacity[o] = maxCap;
      this.minCapacity[o] = minCap;
      this.sumBusyMsPerRecord[o] = busyMs;
    });
    settleLimits(this);
  }
}

/** Whether nothing downstream holds operator `o` back while it and its downstream are settled (see stepFlow). */
function freeOnceSettled(f: FlowModel, o: number, downFree: boolean): boolean {
  const d = f.down[o] as number;
  const sel = f.selectivity[o] as number;
  if (d < 0 || sel <= 0) return true;
  return (
    downFree &&
    ((f.minAcceptFree[d] as number) * (f.weight[o] as number)) / sel >= (f.maxCapacity[o] as number)
  );
}

/**
 * The limits of every operator while it and everything downstream of it have empty queues and run at full
 * speed, from the sinks back: the backward pass of stepFlow with all queues empty, done once.
 */
function settleLimits(f: FlowModel): void {
  const at = (row: number) => row * f.subtasks;
  for (let o = f.ops - 1; o >= 0; o--) {
    const d = f.down[o] as number;
    const downFree = d >= 0 && f.freeWhenSettled[d] === 1;
    if (freeOnceSettled(f, o, downFree)) {
      f.freeWhenSettled[o] = 1;
      continue;
    }
    const downAcceptAt = at(downFree ? SUBTASK_ROW.acceptFree : SUBTASK_ROW.acceptSettled);
    const downMin = (downFree ? f.minAcceptFree[d] : f.minAcceptSettled[d]) as number;
    f.minAcceptSettled[o] = limitSubtasks(
      f,
      o,
      1,
      downAcceptAt,
      downMin,
      at(SUBTASK_ROW.noQueue),
      at(SUBTASK_ROW.procMaxSettled),
      at(SUBTASK_ROW.acceptSettled),
    );
  }
}

/**
 * The backward pass over one operator's subtasks: what each may process (its speed, and its downstream's room
 * over its selectivity) into row `procMaxAt`, and so how much it can accept with the queues of row `queueAt` into
 * row `acceptAt` (rows of FlowModel.subtaskWords, given as their offsets). Row `downAcceptAt` holds what each
 * downstream subtask accepts, `downMin` the least of them. Returns the least accept.
 */
function limitSubtasks(
  f: FlowModel,
  o: number,
  speed: number,
  downAcceptAt: number,
  downMin: number,
  queueAt: number,
  procMaxAt: number,
  acceptAt: number,
): number {
  const w = f.subtaskWords;
  const capacityAt = SUBTASK_ROW.capacity * f.subtasks;
  const queueCapacityAt = SUBTASK_ROW.queueCapacity * f.subtasks;
  const p = f.parallelism;
  const base = f.offset[o] as number;
  const d = f.down[o] as number;
  const sel = f.selectivity[o] as number;
  const wt = f.weight[o] as number;
  const limited = d >= 0 && sel > 0;
  const all = limited && f.allToAll[o] === 1;
  // Room downstream, in this operator's input records: shared (all-to-all, as one full subpartition blocks a
  // producer's whole output) or per subtask (forward).
  const sharedLimit = all ? (downMin * wt) / sel : Number.POSITIVE_INFINITY;
  const dBase = d >= 0 ? (f.offset[d] as number) - base : 0;
  const perRecord = limited ? wt / sel : 0;
  const source = f.isSource[o] === 1;
  let min = Number.POSITIVE_INFINITY;
  for (let s = base; s < base + p; s++) {
    const cap = (w[capacityAt + s] as number) * speed;
    const limit = all ? sharedLimit : limited ? (w[downAcceptAt + s + dBase] as number) * perRecord : cap;
    const pm = Math.min(limit, cap);
    w[procMaxAt + s] = pm;
    // Nobody reads a source's accept.
    if (source) continue;
    const a = pm + (w[queueCapacityAt + s] as number) - (w[queueAt + s] as number);
    w[acceptAt + s] = a;
    if (a < min) min = a;
  }
  return min;
}

function hasOutput(op: OperatorSpec, graph: JobGraph): boolean {
  return graph.edges.some((e) => e.from === op.id);
}

/** Records per second per subtask each operator emits when nothing holds the job back. */
function nominalRates(operators: OperatorSpec[], graph: JobGraph): Map<string, number> {
  const rates = new Map<string, number>();
  for (const op of operators) {
    const input =
      op.kind === 'source'
        ? op.arrivalsPerSecond
        : graph.edges.filter((e) => e.to === op.id).reduce((sum, e) => sum + (rates.get(e.from) ?? 0), 0);
    rates.set(op.id, input * op.selectivity);
  }
  return rates;
}

/**
 * One second of flow. Backwards from the sinks, each subtask works out how much it may process (its speed, and
 * its downstream's room over its selectivity) and so how much it can accept; an all-to-all edge is held to the
 * slowest consumer, as one full subpartition blocks a producer's whole output. Then forwards from the sources,
 * records move. Adds each subtask's heap allocation to `heapPerTaskManager`.
 */
export function stepFlow(f: FlowModel, heapPerTaskManager: Float64Array): void {
  // While the job restarts nothing runs: the first such second zeroes the outputs, later ones would only
  // write the same zeros again (and add no heap).
  const stopped = noneRunning(f);
  if (stopped && f.stopped === 1) return;
  f.stopped = stopped ? 1 : 0;
  // Everything hoisted: at small parallelism the per-operator setup costs as much as the subtasks.
  const p = f.parallelism;
  const ops = f.ops;
  const { offset, down } = f;
  // The per-operator fields through their two buffers: v[<field>At + o] and g[<flag>At + o] (see OP_ROW).
  const v = f.opWords;
  const g = f.opFlags;
  const weightAt = OP_ROW.weight * ops;
  const selectivityAt = OP_ROW.selectivity * ops;
  const heapPerRecordAt = OP_ROW.heapPerRecord * ops;
  const minAcceptAt = OP_ROW.minAccept * ops;
  const opProcessedAt = OP_ROW.opProcessed * ops;
  const opQueuedAt = OP_ROW.opQueued * ops;
  const opBusyMsAt = OP_ROW.opBusyMs * ops;
  const opBackPressuredMsAt = OP_ROW.opBackPressuredMs * ops;
  const opIdleMsAt = OP_ROW.opIdleMs * ops;
  const minAcceptSettledAt = OP_ROW.minAcceptSettled * ops;
  const minAcceptFreeAt = OP_ROW.minAcceptFree * ops;
  const minCapacityAt = OP_ROW.minCapacity * ops;
  const sumBusyMsPerRecordAt = OP_ROW.sumBusyMsPerRecord * ops;
  const uniformProcessedAt = OP_ROW.uniformProcessed * ops;
  const uniformInflowAt = OP_ROW.uniformInflow * ops;
  const allToAllAt = FLAG_ROW.allToAll * ops;
  const isSourceAt = FLAG_ROW.isSource * ops;
  const isSinkAt = FLAG_ROW.isSink * ops;
  const runningAt = FLAG_ROW.running * ops;
  const freeAt = FLAG_ROW.free * ops;
  const settledAt = FLAG_ROW.settled * ops;
  const freeWhenSettledAt = FLAG_ROW.freeWhenSettled * ops;
  const uniformAt = FLAG_ROW.uniform * ops;
  const perSubtaskInflowAt = FLAG_ROW.perSubtaskInflow * ops;
  const needsBackPressureShareAt = FLAG_ROW.needsBackPressureShare * ops;
  const heapPerIndex = f.heapPerIndex;
  // The forward loop's per-subtask fields through their one buffer (FlowModel.subtaskWords).
  const w = f.subtaskWords;
  const n = f.subtasks;
  const capacityAt = SUBTASK_ROW.capacity * n;
  const procMaxSettledAt = SUBTASK_ROW.procMaxSettled * n;
  const procMaxAt = SUBTASK_ROW.procMax * n;
  const acceptAt = SUBTASK_ROW.accept * n;
  const acceptFreeAt = SUBTASK_ROW.acceptFree * n;
  const acceptSettledAt = SUBTASK_ROW.acceptSettled * n;
  const backlogAt = SUBTASK_ROW.backlog * n;
  const queueAt = SUBTASK_ROW.queue * n;
  const inflowAt = SUBTASK_ROW.inflow * n;
  const processedAt = SUBTASK_ROW.processed * n;
  const positionAt = SUBTASK_ROW.position * n;
  const busyMsPerRecordAt = SUBTASK_ROW.busyMsPerRecord * n;
  const backPressuredShareAt = SUBTASK_ROW.backPressuredShare * n;
  const sinkSpeed = f.sinkSpeed;
  // A loop, not fill(): for a handful of slots the builtin's call costs more than the stores.
  for (let i = 0; i < p; i++) heapPerIndex[i] = 0;
  for (let o = ops - 1; o >= 0; o--) {
    const base = offset[o] as number;
    g[freeAt + o] = 0;
    g[settledAt + o] = 0;
    if (g[runningAt + o] === 0) {
      v[minAcceptAt + o] = 0;
      for (let s = base; s < base + p; s++) w[acceptAt + s] = 0;
      continue;
    }
    const d = down[o] as number;
    const speed = g[isSinkAt + o] === 1 ? sinkSpeed : 1;
    const limited = d >= 0 && (v[selectivityAt + o] as number) > 0;
    // The common cases need no per-subtask work: nothing queued, full speed, and a downstream that is settled
    // too. Then the limits are those worked out once (settleLimits); when the operator is also free, each
    // subtask may process at its own speed and accepts its speed plus its empty buffers (acceptFree).
    if (speed === 1 && (v[opQueuedAt + o] as number) === 0 && (!limited || g[settledAt + d] === 1)) {
      g[settledAt + o] = 1;
      if (g[freeWhenSettledAt + o] === 1) {
        g[freeAt + o] = 1;
        v[minAcceptAt + o] = v[minAcceptFreeAt + o] as number;
      } else v[minAcceptAt + o] = v[minAcceptSettledAt + o] as number;
      continue;
    }
    const downAcceptAt =
      d < 0
        ? acceptAt
        : g[freeAt + d] === 1
          ? acceptFreeAt
          : g[settledAt + d] === 1
            ? acceptSettledAt
            : acceptAt;
    const downMin = d >= 0 ? (v[minAcceptAt + d] as number) : 0;
    v[minAcceptAt + o] = limitSubtasks(f, o, speed, downAcceptAt, downMin, queueAt, procMaxAt, acceptAt);
  }

  // Forward. Records sent over an all-to-all edge reach every consumer subtask alike, and so do those of an
  // operator whose subtasks all processed the same amount: such input is kept as one number per operator
  // (uniformInflow). An operator with nothing queued, only uniform input below its slowest subtask's speed and
  // room for all of it downstream (the least any consumer subtask accepts) processes the same in every subtask:
  // it is stepped once, not per subtask.
  let heapUniform = 0;
  for (let o = 0; o < ops; o++) {
    const queuedBefore = v[opQueuedAt + o] as number;
    v[opProcessedAt + o] = 0;
    v[opQueuedAt + o] = 0;
    v[opBusyMsAt + o] = 0;
    v[opBackPressuredMsAt + o] = 0;
    v[opIdleMsAt + o] = 0;
    g[uniformAt + o] = 0;
    const incoming = v[uniformInflowAt + o] as number;
    const perSubtaskInput = g[perSubtaskInflowAt + o] === 1;
    v[uniformInflowAt + o] = 0;
    g[perSubtaskInflowAt + o] = 0;
    if (g[runningAt + o] === 0) continue;
    const base = offset[o] as number;
    const d = down[o] as number;
    const sel = v[selectivityAt + o] as number;
    const heap = v[heapPerRecordAt + o] as number;
    const source = g[isSourceAt + o] === 1;
    const speed = g[isSinkAt + o] === 1 ? sinkSpeed : 1;
    const all = d >= 0 && g[allToAllAt + o] === 1;
    if (
      !source &&
      speed === 1 &&
      queuedBefore === 0 &&
      !perSubtaskInput &&
      incoming <= (v[minCapacityAt + o] as number) &&
      (d < 0 || incoming * sel <= (v[minAcceptAt + d] as number) * (v[weightAt + o] as number))
    ) {
      g[uniformAt + o] = 1;
      v[uniformProcessedAt + o] = incoming;
      v[opProcessedAt + o] = incoming * p;
      v[opBusyMsAt + o] = incoming * (v[sumBusyMsPerRecordAt + o] as number);
      v[opIdleMsAt + o] = p * 1000 - (v[opBusyMsAt + o] as number);
      heapUniform += incoming * heap;
      // Each consumer subtask receives the same either way: over all-to-all, p producers' shares of 1/p each.
      if (d >= 0) v[uniformInflowAt + d] = (v[uniformInflowAt + d] as number) + incoming * sel;
      continue;
    }
    const dBase = d >= 0 ? (offset[d] as number) - base : 0;
    const keepShare = g[needsBackPressureShareAt + o] === 1;
    const limitsAt = g[freeAt + o] === 1 ? capacityAt : g[settledAt + o] === 1 ? procMaxSettledAt : procMaxAt;
    const supplyAt = source ? backlogAt : queueAt;
    let emittedAll = 0;
    let total = 0;
    let queued = 0;
    let busySum = 0;
    let bpSum = 0;
    if (speed === 1 && !keepShare && d >= 0) {
      // The common case written out for each kind of operator: full speed, no back-pressure share kept, an
      // operator downstream. The same arithmetic in the same order as the general loop below, without its
      // per-subtask tests.
      if (source) {
        for (let s = base; s < base + p; s++) {
          const supply = w[supplyAt + s] as number;
          const pm = w[limitsAt + s] as number;
          const done = Math.min(supply, pm);
          w[processedAt + s] = done;
          w[supplyAt + s] = supply - done;
          w[positionAt + s] = (w[positionAt + s] as number) + done;
          total += done;
          const busy = done * (w[busyMsPerRecordAt + s] as number);
          busySum += busy;
          if (supply > done && pm < (w[capacityAt + s] as number)) bpSum += 1000 - busy;
          const i = s - base;
          heapPerIndex[i] = (heapPerIndex[i] as number) + done * heap;
          if (all) emittedAll += done * sel;
          else w[inflowAt + s + dBase] = (w[inflowAt + s + dBase] as number) + done * sel;
        }
      } else {
        for (let s = base; s < base + p; s++) {
          const supply = (w[supplyAt + s] as number) + (w[inflowAt + s] as number) + incoming;
          const pm = w[limitsAt + s] as number;
          const done = Math.min(supply, pm);
          w[processedAt + s] = done;
          w[supplyAt + s] = supply - done;
          w[inflowAt + s] = 0;
          queued += supply - done;
          total += done;
          const busy = done * (w[busyMsPerRecordAt + s] as number);
          busySum += busy;
          if (supply > done && pm < (w[capacityAt + s] as number)) bpSum += 1000 - busy;
          const i = s - base;
          heapPerIndex[i] = (heapPerIndex[i] as number) + done * heap;
          if (all) emittedAll += done * sel;
          else w[inflowAt + s + dBase] = (w[inflowAt + s + dBase] as number) + done * sel;
        }
      }
    } else {
      for (let s = base; s < base + p; s++) {
        // A source's supply is its backlog; anyone else's its queue plus what arrived.
        const supply = source
          ? (w[supplyAt + s] as number)
          : (w[supplyAt + s] as number) + (w[inflowAt + s] as number) + incoming;
        const pm = w[limitsAt + s] as number;
        const done = Math.min(supply, pm);
        w[processedAt + s] = done;
        // The rest waits: in Kafka (backlog) or in the input queue.
        w[supplyAt + s] = supply - done;
        if (source) w[positionAt + s] = (w[positionAt + s] as number) + done;
        else {
          w[inflowAt + s] = 0;
          queued += supply - done;
        }
        total += done;
        const perRecord = w[busyMsPerRecordAt + s] as number;
        // A paused sink sleeps inside its invoke(): Flink counts that as busy.
        const busy = speed === 1 ? done * perRecord : speed > 0 ? (done * perRecord) / speed : 1000;
        busySum += busy;
        // Waiting with input at hand and no room downstream is back pressure; waiting for input is idle.
        const backPressured = supply > done && pm < (w[capacityAt + s] as number) * speed;
        if (backPressured) bpSum += 1000 - busy;
        if (keepShare) w[backPressuredShareAt + s] = backPressured ? (1000 - busy) / 1000 : 0;
        const i = s - base;
        heapPerIndex[i] = (heapPerIndex[i] as number) + done * heap;
        if (d >= 0) {
          if (all) emittedAll += done * sel;
          else w[inflowAt + s + dBase] = (w[inflowAt + s + dBase] as number) + done * sel;
        }
      }
    }
    if (d >= 0) {
      if (all) v[uniformInflowAt + d] = (v[uniformInflowAt + d] as number) + emittedAll / p;
      else g[perSubtaskInflowAt + d] = 1;
    }
    v[opProcessedAt + o] = total;
    v[opQueuedAt + o] = queued;
    v[opBusyMsAt + o] = busySum;
    v[opBackPressuredMsAt + o] = bpSum;
    v[opIdleMsAt + o] = p * 1000 - busySum - bpSum;
  }
  // Subtask i of every operator shares slot i (one slot-sharing group), so heap adds up per slot first.
  const tmOfIndex = f.taskManagerOfIndex;
  for (let i = 0; i < p; i++) {
    const tm = tmOfIndex[i] as number;
    heapPerTaskManager[tm] = (heapPerTaskManager[tm] as number) + (heapPerIndex[i] as number) + heapUniform;
  }
}

/** Whether no operator runs (every region restarting or failed). */
function noneRunning(f: FlowModel): boolean {
  const running = f.running;
  for (let o = 0; o < f.ops; o++) if (running[o] === 1) return false;
  return true;
}

/** A cancelled task's buffers are released: its queue and the records in flight to it are gone. */
export function clearOperatorFlow(f: FlowModel, o: number): void {
  const base = f.offset[o] as number;
  f.uniform[o] = 0;
  f.uniformInflow[o] = 0;
  f.perSubtaskInflow[o] = 0;
  for (let s = base; s < base + f.parallelism; s++) {
    f.queue[s] = 0;
    f.processed[s] = 0;
    f.backPressuredShare[s] = 0;
  }
}
