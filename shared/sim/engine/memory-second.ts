// The memory side of one simulated second, per TaskManager: the direct buffers RPC calls and HTTP pushes
// reserve and let go, then each JVM's reservations, heap allocation, young GCs, concurrent cycles, samples and
// YARN's check. Failures found here are acted on after every TaskManager has had its second.
import { type EngineState, TM_ROW } from './engine-state';
import { failRegions, regionsOn, reportOom } from './failover';
import {
  allocateHeap,
  FULL_GC_SYSTEM,
  finishConcurrentCycle,
  heapUsed,
  JVM_ROW,
  RESERVE_FAILED,
  reserveDirect,
  settleTransientDirect,
  youngGcWithin,
} from './jvm-memory';
import { fullGcLogLine } from './jvm-messages';
import { SAMPLE_BLOCK_SEC, SAMPLED_METRICS } from './run-series';
import { killTaskManager } from './taskmanager-lifecycle';

const YARN_MONITOR_INTERVAL_SEC = 3;
/** RocksDB's memory grows towards its share of managed memory over about ten minutes. */
const MANAGED_FILL_SEC = 600;
/** An HTTP client copies request bodies through 64 KiB direct buffers. */
const HTTP_BUFFER_BYTES = 64 * 1024;

/** RPC calls and HTTP pushes of this second: buffers to reserve, and buffers let go (the TaskManager's totals). */
export function directTraffic(st: EngineState): void {
  const {
    flow,
    p,
    payloadFactor,
    heapAlloc,
    directAlloc,
    directAllocCount,
    directGarbage,
    directGarbageCount,
    topAllocBytes,
    topAllocSubtask,
  } = st;
  const { rpcInFlight, rpcInFlightCount, rpcPool, rpcPrevious, rpcPreviousCount } = st;
  const { taskManagerOf, running, uniform, uniformProcessed, processed, backPressuredShare } = flow;
  for (let k = 0; k < st.rpcOps.length; k++) {
    const o = st.rpcOps[k] as number;
    const rpc = st.ops[o]?.rpc;
    if (!rpc || running[o] === 0) continue;
    const perCall = rpc.bytesPerCall * payloadFactor;
    const latencySec = rpc.latencyMs / 1000;
    const { recordsPerCall, asyncCapacity, pooled } = rpc;
    const heapPerRecord = rpc.responseHeapBytesPerRecord;
    // An operator stepped as one (uniform) makes the same calls in every subtask: worked out once.
    const same = uniform[o] === 1;
    let records = 0;
    let calls = 0;
    let inFlight = 0;
    let next = 0;
    let heap = 0;
    for (let s = o * p; s < (o + 1) * p; s++) {
      const tm = taskManagerOf[s] as number;
      if (!same || s === o * p) {
        // An operator stepped as one has its records in uniformProcessed and no back pressure (see stepFlow).
        records = same ? (uniformProcessed[o] as number) : (processed[s] as number);
        calls = records / recordsPerCall;
        // Little's law while flowing. Back-pressured, completed calls cannot be emitted and the async queue
        // fills to its capacity within moments (ramped over the first 20% of a back-pressured second).
        const queued = Math.min(1, (same ? 0 : (backPressuredShare[s] as number)) / 0.2);
        inFlight = Math.min(asyncCapacity, calls * latencySec + queued * asyncCapacity);
        next = Math.round(inFlight * perCall);
        heap = records * heapPerRecord * payloadFactor;
      }
      const prev = rpcInFlight[s] as number;
      heapAlloc[tm] = (heapAlloc[tm] as number) + heap;
      let allocated: number;
      let released = 0;
      if (pooled) {
        allocated = Math.max(0, next - (rpcPool[s] as number));
        rpcPool[s] = (rpcPool[s] as number) + allocated;
      } else {
        allocated = Math.max(Math.round(calls * perCall), next - prev);
        released = prev + allocated - next;
        rpcPrevious[s] = prev;
        rpcPreviousCount[s] = rpcInFlightCount[s] as number;
        rpcInFlight[s] = next;
        rpcInFlightCount[s] = 2 * inFlight;
      }
      directAlloc[tm] = (directAlloc[tm] as number) + allocated;
      directAllocCount[tm] = (directAllocCount[tm] as number) + (2 * allocated) / perCall;
      directGarbage[tm] = (directGarbage[tm] as number) + released;
      directGarbageCount[tm] = (directGarbageCount[tm] as number) + (2 * released) / perCall;
      // The subtask asking for the most this second is where a failed reservation is charged.
      if (allocated > (topAllocBytes[tm] as number)) {
        topAllocBytes[tm] = allocated;
        topAllocSubtask[tm] = s;
      }
    }
  }
  for (let k = 0; k < st.transientOps.length; k++) {
    const o = st.transientOps[k] as number;
    const op = st.ops[o];
    if (!op || running[o] === 0) continue;
    const bytesPerRecord = op.transientDirectBytesPerRecord;
    // As above: an operator stepped as one pushes the same bytes from every subtask.
    const same = uniform[o] === 1;
    let bytes = 0;
    let buffers = 0;
    for (let s = o * p; s < (o + 1) * p; s++) {
      const tm = taskManagerOf[s] as number;
      if (!same || s === o * p) {
        bytes = Math.round(
          (same ? (uniformProcessed[o] as number) : (processed[s] as number)) * bytesPerRecord,
        );
        buffers = Math.ceil(bytes / HTTP_BUFFER_BYTES);
      }
      directAlloc[tm] = (directAlloc[tm] as number) + bytes;
      directAllocCount[tm] = (directAllocCount[tm] as number) + buffers;
      directGarbage[tm] = (directGarbage[tm] as number) + bytes;
      directGarbageCount[tm] = (directGarbageCount[tm] as number) + buffers;
      if (bytes > (topAllocBytes[tm] as number)) {
        topAllocBytes[tm] = bytes;
        topAllocSubtask[tm] = s;
      }
    }
  }
}

function requestedBy(st: EngineState, s: number): number {
  const op = st.ops[Math.floor(s / st.p)];
  if (op?.rpc) return Math.round(op.rpc.bufferBytes * st.payloadFactor);
  return HTTP_BUFFER_BYTES;
}

/** The TaskManager's reservation for this second failed: its calls did not happen, those in flight stay. */
function rollBackRpc(st: EngineState, tm: number): void {
  const subtasks = st.rpcSubtasksOf[tm] as Int32Array;
  for (let k = 0; k < subtasks.length; k++) {
    const s = subtasks[k] as number;
    st.rpcInFlight[s] = st.rpcPrevious[s] as number;
    st.rpcInFlightCount[s] = st.rpcPreviousCount[s] as number;
  }
}

/** Full GCs since the last report on this TaskManager, from any path (reservations, open(), G1 out of room). */
function reportFullGcs(st: EngineState, tm: number, t: number): void {
  const m = st.jvm;
  const count = m.fullGcs[tm] as number;
  const before = st.reportedFullGcs[tm] as number;
  if (count === before) return;
  st.reportedFullGcs[tm] = count;
  st.oldCollections[tm] = (st.oldCollections[tm] as number) + count - before;
  const cause = m.lastFullGcCause[tm] === FULL_GC_SYSTEM ? 'System.gc()' : 'G1 Compaction Pause';
  const line = fullGcLogLine(
    (m.youngGcs[tm] as number) + count,
    cause,
    m.lastFullGcHeapBefore[tm] as number,
    heapUsed(m, tm),
    m.heapMax[tm] as number,
    m.lastFullGcPauseMs[tm] as number,
  );
  st.events.push({
    t,
    kind: 'full-gc',
    taskManager: st.taskManagerId(tm),
    container: st.currentContainer(tm),
    message: count - before > 1 ? `${line} (${count - before} full GCs this second)` : line,
  });
}

/**
 * A reservation that does not fit at once: the JDK's slow path (young GC in the retry window, System.gc(), OOM).
 * A failure is only noted here; failovers run after every TaskManager has had its second (see memorySecond).
 */
function reserveSlowly(st: EngineState, tm: number, heap: number, failed: number[]): boolean {
  const m = st.jvm;
  const bytes = st.directAlloc[tm] as number;
  const outcome = reserveDirect(
    m,
    tm,
    bytes,
    st.directAllocCount[tm] as number,
    youngGcWithin(m, tm, heap, 1.5),
  );
  if (outcome !== RESERVE_FAILED) return true;
  rollBackRpc(st, tm);
  failed.push(st.topAllocSubtask[tm] as number);
  return false;
}

/** YARN's container monitor: resident memory over the container's limit kills the container. */
function yarnKill(st: EngineState, tm: number, t: number): void {
  if (st.alive[tm] === 0) return;
  const regions = regionsOn(st, tm);
  const container = st.currentContainer(tm);
  killTaskManager(st, tm, t);
  st.taskFailures++;
  st.events.push({
    t,
    kind: 'task-failure',
    taskManager: st.taskManagerId(tm),
    container,
    message: `Tasks on ${st.taskManagerId(tm)} switched from RUNNING to FAILED: org.apache.flink.runtime.jobmaster.JobMasterException: TaskManager with id ${container} is no longer reachable (container killed by YARN, exit code 143).`,
  });
  failRegions(st, regions, t);
}

/**
 * Every live TaskManager's second: this second's direct reservations, heap allocation and young GCs, buffers let
 * go, concurrent cycles, RocksDB's memory, then the samples and YARN's check. The common case (the reservation
 * fits, eden does not overflow) is written out on the arrays; the JVM model's functions take the rest.
 * Failures (OOMs, YARN kills) are acted on after the loop, so no task is cancelled while other TaskManagers
 * still account for the second's calls it made.
 */
export function memorySecond(st: EngineState, t: number): void {
  const m = st.jvm;
  // The JVM's fields through its one buffer (JvmMemory.words): w[<field>At + tm] is m.<field>[tm].
  const w = m.words;
  const n = m.size;
  const directLiveAt = JVM_ROW.directLive * n;
  const directLiveCountAt = JVM_ROW.directLiveCount * n;
  const directYoungGarbageAt = JVM_ROW.directYoungGarbage * n;
  const directYoungGarbageCountAt = JVM_ROW.directYoungGarbageCount * n;
  const directOldGarbageAt = JVM_ROW.directOldGarbage * n;
  const directOldGarbageCountAt = JVM_ROW.directOldGarbageCount * n;
  const directLimitAt = JVM_ROW.directLimit * n;
  const edenUsedAt = JVM_ROW.edenUsed * n;
  const edenSizeAt = JVM_ROW.edenSize * n;
  const survivorUsedAt = JVM_ROW.survivorUsed * n;
  const oldLiveAt = JVM_ROW.oldLive * n;
  const oldGarbageAt = JVM_ROW.oldGarbage * n;
  const heapTouchedAt = JVM_ROW.heapTouched * n;
  const managedUsedAt = JVM_ROW.managedUsed * n;
  const unsafeBytesAt = JVM_ROW.unsafeBytes * n;
  const unsafeYoungGarbageAt = JVM_ROW.unsafeYoungGarbage * n;
  const unsafeOldGarbageAt = JVM_ROW.unsafeOldGarbage * n;
  const mappedBytesAt = JVM_ROW.mappedBytes * n;
  const nativeBaselineAt = JVM_ROW.nativeBaseline * n;
  const youngGcsAt = JVM_ROW.youngGcs * n;
  const youngGcMsAt = JVM_ROW.youngGcMs * n;
  const fullGcsAt = JVM_ROW.fullGcs * n;
  const fullGcMsAt = JVM_ROW.fullGcMs * n;
  const markEndSecAt = JVM_ROW.markEndSec * n;
  const allocatedSinceLastGcShareAt = JVM_ROW.allocatedSinceLastGcShare * n;
  const alive = st.alive;
  // The engine's per-TaskManager totals through their one buffer too (EngineState.taskManagerWords, rows of
  // n = taskManagers entries like the JVM's).
  const e = st.taskManagerWords;
  const heapAllocAt = TM_ROW.heapAlloc * n;
  const directAllocAt = TM_ROW.directAlloc * n;
  const directAllocCountAt = TM_ROW.directAllocCount * n;
  const directGarbageAt = TM_ROW.directGarbage * n;
  const directGarbageCountAt = TM_ROW.directGarbageCount * n;
  const topAllocBytesAt = TM_ROW.topAllocBytes * n;
  const managedTargetAt = TM_ROW.managedTarget * n;
  const reportedFullGcsAt = TM_ROW.reportedFullGcs * n;
  let failed: number[] | null = null;
  let killed: number[] | null = null;
  const { buffer, directBuffer } = st.series;
  // Shorthand for the sample rows written below.
  const block = SAMPLE_BLOCK_SEC;
  const row = SAMPLED_METRICS * block;
  const column = t - st.series.blockStartSec;
  const idleHeap = st.r.built.platform.idleHeapBytesPerSecond;
  const containerLimit = st.r.containerLimitBytes;
  const yarnCheck = t % YARN_MONITOR_INTERVAL_SEC === 0;
  for (let tm = 0; tm < st.taskManagers; tm++) {
    if (alive[tm] === 0) {
      clearScratch(st, tm);
      continue;
    }
    const heap = (e[heapAllocAt + tm] as number) + idleHeap;
    const allocated = e[directAllocAt + tm] as number;
    let granted = true;
    if (allocated > 0) {
      const used =
        (w[directLiveAt + tm] as number) +
        (w[directYoungGarbageAt + tm] as number) +
        (w[directOldGarbageAt + tm] as number);
      if (used + allocated <= (w[directLimitAt + tm] as number)) {
        w[directLiveAt + tm] = (w[directLiveAt + tm] as number) + allocated;
        w[directLiveCountAt + tm] =
          (w[directLiveCountAt + tm] as number) + (e[directAllocCountAt + tm] as number);
      } else {
        failed ??= [];
        granted = reserveSlowly(st, tm, heap, failed);
      }
    }
    const eden = (w[edenUsedAt + tm] as number) + heap;
    if (eden < (w[edenSizeAt + tm] as number)) {
      w[edenUsedAt + tm] = eden;
      w[allocatedSinceLastGcShareAt + tm] = 1;
    } else allocateHeap(m, tm, heap, t);
    const garbage = e[directGarbageAt + tm] as number;
    if (granted && garbage > 0) {
      if (w[allocatedSinceLastGcShareAt + tm] === 1) {
        const count = e[directGarbageCountAt + tm] as number;
        w[directLiveAt + tm] = (w[directLiveAt + tm] as number) - garbage;
        w[directYoungGarbageAt + tm] = (w[directYoungGarbageAt + tm] as number) + garbage;
        w[directLiveCountAt + tm] = (w[directLiveCountAt + tm] as number) - count;
        w[directYoungGarbageCountAt + tm] = (w[directYoungGarbageCountAt + tm] as number) + count;
      } else settleTransientDirect(m, tm, garbage, e[directGarbageCountAt + tm] as number);
    }
    if ((w[markEndSecAt + tm] as number) >= 0 && finishConcurrentCycle(m, tm, t))
      st.oldCollections[tm] = (st.oldCollections[tm] as number) + 1;
    if ((w[fullGcsAt + tm] as number) !== (e[reportedFullGcsAt + tm] as number)) reportFullGcs(st, tm, t);
    const target = e[managedTargetAt + tm] as number;
    const managed =
      (w[managedUsedAt + tm] as number) + (target - (w[managedUsedAt + tm] as number)) / MANAGED_FILL_SEC;
    w[managedUsedAt + tm] = managed;

    const direct =
      (w[directLiveAt + tm] as number) +
      (w[directYoungGarbageAt + tm] as number) +
      (w[directOldGarbageAt + tm] as number);
    const old = (w[oldLiveAt + tm] as number) + (w[oldGarbageAt + tm] as number);
    const heapNow = (w[edenUsedAt + tm] as number) + (w[survivorUsedAt + tm] as number) + old;
    let touched = w[heapTouchedAt + tm] as number;
    if (heapNow > touched) {
      touched = heapNow;
      w[heapTouchedAt + tm] = heapNow;
    }
    const resident =
      touched +
      direct +
      (w[unsafeBytesAt + tm] as number) +
      (w[unsafeYoungGarbageAt + tm] as number) +
      (w[unsafeOldGarbageAt + tm] as number) +
      managed +
      (w[mappedBytesAt + tm] as number) +
      (w[nativeBaselineAt + tm] as number);
    directBuffer[tm * block + column] = direct;
    const at = tm * row + column;
    buffer[at] = Math.round(
      (w[directLiveCountAt + tm] as number) +
        (w[directYoungGarbageCountAt + tm] as number) +
        (w[directOldGarbageCountAt + tm] as number),
    );
    buffer[at + block] = heapNow;
    buffer[at + 2 * block] = old;
    buffer[at + 3 * block] = w[youngGcsAt + tm] as number;
    buffer[at + 4 * block] = w[youngGcMsAt + tm] as number;
    buffer[at + 5 * block] = w[fullGcsAt + tm] as number;
    buffer[at + 6 * block] = w[fullGcMsAt + tm] as number;
    buffer[at + 7 * block] = resident;
    // This second's totals are consumed (clearScratch, on the hoisted arrays).
    e[heapAllocAt + tm] = 0;
    e[directAllocAt + tm] = 0;
    e[directAllocCountAt + tm] = 0;
    e[directGarbageAt + tm] = 0;
    e[directGarbageCountAt + tm] = 0;
    e[topAllocBytesAt + tm] = 0;
    if (yarnCheck && resident > containerLimit) {
      killed ??= [];
      killed.push(tm);
    }
  }
  if (failed) {
    for (const s of failed) {
      reportOom(st, { subtask: s, requested: requestedBy(st, s), kind: 'direct' }, t);
      failRegions(st, [st.opRegion[Math.floor(s / st.p)] as number], t);
    }
  }
  if (killed) for (const tm of killed) yarnKill(st, tm, t);
}

/** This second's per-TaskManager totals are consumed: start the next second from zero. */
function clearScratch(st: EngineState, tm: number): void {
  st.heapAlloc[tm] = 0;
  st.directAlloc[tm] = 0;
  st.directAllocCount[tm] = 0;
  st.directGarbage[tm] = 0;
  st.directGarbageCount[tm] = 0;
  st.topAllocBytes[tm] = 0;
}
