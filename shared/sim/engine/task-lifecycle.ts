// A task's memory across its lifecycle: what open() takes (I/O buffer caches, heap state, the exchange-rate map,
// RocksDB's share of managed memory) and what close() gives back, correctly or not. Failure and cancel both end
// in close(); a TaskManager that dies takes everything with its JVM instead.
import type { EngineState } from './engine-state';
import {
  allocateOldLive,
  dropDirect,
  dropOldLive,
  freeDirect,
  RESERVE_FAILED,
  reserveDirect,
  youngGcWithin,
} from './jvm-memory';
import { closeMap, HEAP_EXHAUSTED, openMap } from './offheap-map';

/** RocksDB fills its block cache and write buffers to about this share of the slot's managed memory. */
const ROCKSDB_MANAGED_SHARE = 0.9;
const MIB = 1024 * 1024;
/**
 * Short-lived heap a deployment allocates (deployment descriptor, restored state handles, clients): in a crash
 * loop this is what keeps young GCs coming while no records flow. Restoring RocksDB state takes more.
 */
const DEPLOY_HEAP_BYTES = 8 * MIB;
const ROCKSDB_RESTORE_HEAP_BYTES = 32 * MIB;

export interface OpenFailure {
  subtask: number;
  /** Bytes of the reservation that failed (the JDK names it). */
  requested: number;
  kind: 'direct' | 'heap';
}

function youngGcSoon(st: EngineState, tm: number): boolean {
  return youngGcWithin(st.jvm, tm, st.heapAlloc[tm] as number, 0.5);
}

/** open() of subtask `s` of operator `o` on TaskManager `tm`; null when it succeeded. */
export function openSubtask(st: EngineState, s: number, o: number, tm: number): OpenFailure | null {
  const op = st.ops[o];
  if (!op) return null;
  const m = st.jvm;
  st.opened[s] = 1;
  const garbage =
    DEPLOY_HEAP_BYTES + (op.rocksDbState ? ROCKSDB_RESTORE_HEAP_BYTES : 0) + (op.map ? op.map.bytes / 4 : 0);
  st.heapAlloc[tm] = (st.heapAlloc[tm] as number) + garbage;
  if (op.threadDirectBytes > 0) {
    if (reserveDirect(m, tm, op.threadDirectBytes, 1, youngGcSoon(st, tm)) === RESERVE_FAILED) {
      return { subtask: s, requested: op.threadDirectBytes, kind: 'direct' };
    }
    st.threadDirectHeld[s] = op.threadDirectBytes;
  }
  if (op.openHeapBytes > 0) {
    if (!allocateOldLive(m, tm, op.openHeapBytes))
      return { subtask: s, requested: op.openHeapBytes, kind: 'heap' };
    st.openHeapHeld[s] = op.openHeapBytes;
  }
  if (op.map) {
    const outcome = openMap(m, tm, st.maps, s, op.map, youngGcSoon(st, tm));
    if (outcome === RESERVE_FAILED) return { subtask: s, requested: op.map.bytes, kind: 'direct' };
    if (outcome === HEAP_EXHAUSTED) return { subtask: s, requested: op.map.bytes, kind: 'heap' };
  }
  if (op.rocksDbState) {
    st.rocksDbTasks[tm] = (st.rocksDbTasks[tm] as number) + 1;
    st.managedTarget[tm] = st.r.memory.managed * ROCKSDB_MANAGED_SHARE;
  }
  return null;
}

/** close(): releases what the task holds. Safe on a task whose open() failed half way. */
export function closeSubtask(st: EngineState, s: number, o: number, tm: number): void {
  if (st.opened[s] === 0) return;
  st.opened[s] = 0;
  const op = st.ops[o];
  if (!op) return;
  const m = st.jvm;
  const thread = st.threadDirectHeld[s] as number;
  if (thread > 0) freeDirect(m, tm, thread, 1);
  st.threadDirectHeld[s] = 0;
  const heap = st.openHeapHeld[s] as number;
  if (heap > 0) dropOldLive(m, tm, heap);
  st.openHeapHeld[s] = 0;
  if (op.rpc) {
    // Calls in flight die with the task: their buffers become unreachable while still young. Unless the client
    // keeps them (keepsQueueOnClose): then they stay reachable, counted as live for the life of the JVM.
    if (!op.rpc.keepsQueueOnClose)
      dropDirect(m, tm, st.rpcInFlight[s] as number, st.rpcInFlightCount[s] as number, false);
    if ((st.rpcPool[s] as number) > 0) freeDirect(m, tm, st.rpcPool[s] as number, 2 * op.rpc.asyncCapacity);
    st.rpcInFlight[s] = 0;
    st.rpcInFlightCount[s] = 0;
    st.rpcPool[s] = 0;
  }
  if (op.map) closeMap(m, tm, st.maps, s, op.map);
  // Disposing RocksDB frees its blocks, but glibc keeps the freed arenas: resident memory does not drop, and
  // the next instance reuses them (managedTarget stays).
  if (op.rocksDbState) st.rocksDbTasks[tm] = Math.max(0, (st.rocksDbTasks[tm] as number) - 1);
}

/** The JVM is gone: the task's holdings vanish with it, nothing to release. */
export function forgetSubtask(st: EngineState, s: number): void {
  st.opened[s] = 0;
  st.threadDirectHeld[s] = 0;
  st.openHeapHeld[s] = 0;
  st.rpcInFlight[s] = 0;
  st.rpcInFlightCount[s] = 0;
  st.rpcPool[s] = 0;
  st.maps.bytes[s] = 0;
}
