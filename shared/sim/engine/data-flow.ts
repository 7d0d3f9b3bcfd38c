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

export class FlowModel {
  readonly ops: number;
  readonly parallelism: number;
  readonly subtasks: number;
  // Per operator, in topological order.
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
    this.allToAll = new Uint8Array(ops);
    this.weight = new Float64Array(ops);
    this.selectivity = Float64Array.from(operators, (op) => op.selectivity);
    this.heapPerRecord = Float64Array.from(operators, (op) => op.heapBytesPerRecord);
    this.isSource = Uint8Array.from(operators, (op) => (op.kind === 'source' ? 1 : 0));
    this.isSink = Uint8Array.from(operators, (op) => (op.kind === 'sink' || !hasOutput(op, graph) ? 1 : 0));
    this.running = new Uint8Array(ops);
    this.minAccept = new Float64Array(ops);
    this.opProcessed = new Float64Array(ops);
    this.opQueued = new Float64Array(ops);
    this.opBusyMs = new Float64Array(ops);
    this.opBackPressuredMs = new Float64Array(ops);
    this.opIdleMs = new Float64Array(ops);
    const n = placement.subtasks;
    this.taskManagerOf = Int32Array.from(placement.taskManagerOf);
    this.capacity = new Float64Array(n);
    this.queue = new Float64Array(n);
    this.queueCapacity = new Float64Array(n);
    this.backlog = new Float64Array(n);
    this.position = new Float64Array(n);
    this.processed = new Float64Array(n);
    this.backPressuredShare = new Float64Array(n);
    this.needsBackPressureShare = Uint8Array.from(operators, (op) => (op.rpc ? 1 : 0));
    this.busyMsPerRecord = new Float64Array(n);
    this.taskManagerOfIndex = Int32Array.from({ length: p }, (_, i) => placement.taskManagerOf[i] as number);
    this.heapPerIndex = new Float64Array(p);
    this.free = new Uint8Array(ops);
    this.settled = new Uint8Array(ops);
    this.freeWhenSettled = new Uint8Array(ops);
    this.procMaxSettled = new Float64Array(n);
    this.acceptSettled = new Float64Array(n);
    this.minAcceptSettled = new Float64Array(ops);
    this.acceptFree = new Float64Array(n);
    this.minAcceptFree = new Float64Array(ops);
    this.maxCapacity = new Float64Array(ops);
    this.minCapacity = new Float64Array(ops);
    this.sumBusyMsPerRecord = new Float64Array(ops);
    this.uniform = new Uint8Array(ops);
    this.uniformProcessed = new Float64Array(ops);
    this.uniformInflow = new Float64Array(ops);
    this.perSubtaskInflow = new Uint8Array(ops);
    this.procMax = new Float64Array(n);
    this.accept = new Float64Array(n);
    this.inflow = new Float64Array(n);

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
  const emptyQueues = new Float64Array(f.subtasks);
  for (let o = f.ops - 1; o >= 0; o--) {
    const d = f.down[o] as number;
    const downFree = d >= 0 && f.freeWhenSettled[d] === 1;
    if (freeOnceSettled(f, o, downFree)) {
      f.freeWhenSettled[o] = 1;
      continue;
    }
    const downAccept = downFree ? f.acceptFree : f.acceptSettled;
    const downMin = (downFree ? f.minAcceptFree[d] : f.minAcceptSettled[d]) as number;
    f.minAcceptSettled[o] = limitSubtasks(
      f,
      o,
      1,
      downAccept,
      downMin,
      emptyQueues,
      f.procMaxSettled,
      f.acceptSettled,
    );
  }
}

/**
 * The backward pass over one operator's subtasks: what each may process (its speed, and its downstream's room
 * over its selectivity) into `procMax`, and so how much it can accept with `queue` into `accept`. `downAccept`
 * holds what each downstream subtask accepts, `downMin` the least of them. Returns the least accept.
 */
function limitSubtasks(
  f: FlowModel,
  o: number,
  speed: number,
  downAccept: Float64Array,
  downMin: number,
  queue: Float64Array,
  procMax: Float64Array,
  accept: Float64Array,
): number {
  const { capacity, queueCapacity } = f;
  const p = f.parallelism;
  const base = f.offset[o] as number;
  const d = f.down[o] as number;
  const sel = f.selectivity[o] as number;
  const w = f.weight[o] as number;
  const limited = d >= 0 && sel > 0;
  const all = limited && f.allToAll[o] === 1;
  // Room downstream, in this operator's input records: shared (all-to-all, as one full subpartition blocks a
  // producer's whole output) or per subtask (forward).
  const sharedLimit = all ? (downMin * w) / sel : Number.POSITIVE_INFINITY;
  const dBase = d >= 0 ? (f.offset[d] as number) - base : 0;
  const perRecord = limited ? w / sel : 0;
  const source = f.isSource[o] === 1;
  let min = Number.POSITIVE_INFINITY;
  for (let s = base; s < base + p; s++) {
    const cap = (capacity[s] as number) * speed;
    const limit = all ? sharedLimit : limited ? (downAccept[s + dBase] as number) * perRecord : cap;
    const pm = Math.min(limit, cap);
    procMax[s] = pm;
    // Nobody reads a source's accept.
    if (source) continue;
    const a = pm + (queueCapacity[s] as number) - (queue[s] as number);
    accept[s] = a;
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
  const { capacity, busyMsPerRecord, queue, backlog, procMax, accept, inflow, processed } = f;
  const { offset, down, allToAll, weight, selectivity, heapPerRecord, isSource, isSink, running } = f;
  const { minAccept, opProcessed, opQueued, opBusyMs, opBackPressuredMs, opIdleMs, position } = f;
  const { free, acceptFree, minAcceptFree, needsBackPressureShare, backPressuredShare } = f;
  const { uniform, uniformProcessed, uniformInflow, perSubtaskInflow, minCapacity, sumBusyMsPerRecord } = f;
  const { settled, freeWhenSettled, procMaxSettled, acceptSettled, minAcceptSettled } = f;
  const heapPerIndex = f.heapPerIndex;
  const sinkSpeed = f.sinkSpeed;
  // A loop, not fill(): for a handful of slots the builtin's call costs more than the stores.
  for (let i = 0; i < p; i++) heapPerIndex[i] = 0;
  for (let o = ops - 1; o >= 0; o--) {
    const base = offset[o] as number;
    free[o] = 0;
    settled[o] = 0;
    if (running[o] === 0) {
      minAccept[o] = 0;
      for (let s = base; s < base + p; s++) accept[s] = 0;
      continue;
    }
    const d = down[o] as number;
    const speed = isSink[o] === 1 ? sinkSpeed : 1;
    const limited = d >= 0 && (selectivity[o] as number) > 0;
    // The common cases need no per-subtask work: nothing queued, full speed, and a downstream that is settled
    // too. Then the limits are those worked out once (settleLimits); when the operator is also free, each
    // subtask may process at its own speed and accepts its speed plus its empty buffers (acceptFree).
    if (speed === 1 && (opQueued[o] as number) === 0 && (!limited || settled[d] === 1)) {
      settled[o] = 1;
      if (freeWhenSettled[o] === 1) {
        free[o] = 1;
        minAccept[o] = minAcceptFree[o] as number;
      } else minAccept[o] = minAcceptSettled[o] as number;
      continue;
    }
    const downAccept =
      d < 0 ? accept : free[d] === 1 ? acceptFree : settled[d] === 1 ? acceptSettled : accept;
    const downMin = d >= 0 ? (minAccept[d] as number) : 0;
    minAccept[o] = limitSubtasks(f, o, speed, downAccept, downMin, queue, procMax, accept);
  }

  // Forward. Records sent over an all-to-all edge reach every consumer subtask alike, and so do those of an
  // operator whose subtasks all processed the same amount: such input is kept as one number per operator
  // (uniformInflow). An operator with nothing queued, only uniform input below its slowest subtask's speed and
  // room for all of it downstream (the least any consumer subtask accepts) processes the same in every subtask:
  // it is stepped once, not per subtask.
  let heapUniform = 0;
  for (let o = 0; o < ops; o++) {
    const queuedBefore = opQueued[o] as number;
    opProcessed[o] = 0;
    opQueued[o] = 0;
    opBusyMs[o] = 0;
    opBackPressuredMs[o] = 0;
    opIdleMs[o] = 0;
    uniform[o] = 0;
    const incoming = uniformInflow[o] as number;
    const perSubtaskInput = perSubtaskInflow[o] === 1;
    uniformInflow[o] = 0;
    perSubtaskInflow[o] = 0;
    if (running[o] === 0) continue;
    const base = offset[o] as number;
    const d = down[o] as number;
    const sel = selectivity[o] as number;
    const heap = heapPerRecord[o] as number;
    const source = isSource[o] === 1;
    const speed = isSink[o] === 1 ? sinkSpeed : 1;
    const all = d >= 0 && allToAll[o] === 1;
    if (
      !source &&
      speed === 1 &&
      queuedBefore === 0 &&
      !perSubtaskInput &&
      incoming <= (minCapacity[o] as number) &&
      (d < 0 || incoming * sel <= (minAccept[d] as number) * (weight[o] as number))
    ) {
      uniform[o] = 1;
      uniformProcessed[o] = incoming;
      opProcessed[o] = incoming * p;
      opBusyMs[o] = incoming * (sumBusyMsPerRecord[o] as number);
      opIdleMs[o] = p * 1000 - (opBusyMs[o] as number);
      heapUniform += incoming * heap;
      // Each consumer subtask receives the same either way: over all-to-all, p producers' shares of 1/p each.
      if (d >= 0) uniformInflow[d] = (uniformInflow[d] as number) + incoming * sel;
      continue;
    }
    const dBase = d >= 0 ? (offset[d] as number) - base : 0;
    const keepShare = needsBackPressureShare[o] === 1;
    const limits = free[o] === 1 ? capacity : settled[o] === 1 ? procMaxSettled : procMax;
    let emittedAll = 0;
    let total = 0;
    let queued = 0;
    let busySum = 0;
    let bpSum = 0;
    for (let s = base; s < base + p; s++) {
      const supply = source
        ? (backlog[s] as number)
        : (queue[s] as number) + (inflow[s] as number) + incoming;
      const pm = limits[s] as number;
      const done = Math.min(supply, pm);
      processed[s] = done;
      if (source) {
        backlog[s] = supply - done;
        position[s] = (position[s] as number) + done;
      } else {
        queue[s] = supply - done;
        inflow[s] = 0;
        queued += supply - done;
      }
      total += done;
      // A paused sink sleeps inside its invoke(): Flink counts that as busy.
      const busy =
        speed === 1
          ? done * (busyMsPerRecord[s] as number)
          : speed > 0
            ? (done * (busyMsPerRecord[s] as number)) / speed
            : 1000;
      busySum += busy;
      // Waiting with input at hand and no room downstream is back pressure; waiting for input is idle.
      const backPressured = supply > done && pm < (capacity[s] as number) * speed;
      if (backPressured) bpSum += 1000 - busy;
      if (keepShare) backPressuredShare[s] = backPressured ? (1000 - busy) / 1000 : 0;
      const i = s - base;
      heapPerIndex[i] = (heapPerIndex[i] as number) + done * heap;
      if (d >= 0) {
        if (all) emittedAll += done * sel;
        else inflow[s + dBase] = (inflow[s + dBase] as number) + done * sel;
      }
    }
    if (d >= 0) {
      if (all) uniformInflow[d] = (uniformInflow[d] as number) + emittedAll / p;
      else perSubtaskInflow[d] = 1;
    }
    opProcessed[o] = total;
    opQueued[o] = queued;
    opBusyMs[o] = busySum;
    opBackPressuredMs[o] = bpSum;
    opIdleMs[o] = p * 1000 - busySum - bpSum;
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

/** Records subtask `s` of operator `o` processed this second (stepFlow may have stepped the operator as one). */
export function processedBy(f: FlowModel, o: number, s: number): number {
  return f.uniform[o] === 1 ? (f.uniformProcessed[o] as number) : (f.processed[s] as number);
}

/** Share of this second subtask `s` of operator `o` was back-pressured (0 for an operator stepped as one). */
export function backPressuredShareOf(f: FlowModel, o: number, s: number): number {
  return f.uniform[o] === 1 ? 0 : (f.backPressuredShare[s] as number);
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
