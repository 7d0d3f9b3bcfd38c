// The exchange-rate map of the seed's Layer 3 operator: built in open(), swapped for a fresh one on every
// refresh, and in close() either freed (the fix) or merely dereferenced (the seed's bug). Its memory kind decides
// who ever frees a dropped map: a GC covering its age (direct), the map's own Cleaner after a GC (Unsafe), or
// the old-generation collector (on heap).
import type { MapBacking } from '../topology/job-graph';
import {
  allocateOldLive,
  dropDirect,
  dropOldLive,
  freeDirect,
  isTenured,
  type JvmMemory,
  RESERVE_FAILED,
  RESERVE_OK,
  reserveDirect,
} from './jvm-memory';

export type { MapBacking };

/** open() or a refresh could not build the map on the heap: `java.lang.OutOfMemoryError: Java heap space`. */
export const HEAP_EXHAUSTED = 3;

export interface MapBehaviour {
  bytes: number;
  backing: MapBacking;
  /** close() frees the map: the fix. Otherwise it only drops the reference: the seed's bug. */
  closeFrees: boolean;
  /** A dropped map stays reachable (held in a static): no collection ever frees it. */
  keptReachable: boolean;
}

/** Per subtask of the map's operator: the size of the map it holds (0 when none) and its allocation stamp. */
export class MapSlots {
  readonly bytes: Float64Array;
  readonly stamp: Float64Array;
  constructor(subtasks: number) {
    this.bytes = new Float64Array(subtasks);
    this.stamp = new Float64Array(subtasks);
  }
}

function allocate(m: JvmMemory, tm: number, b: MapBehaviour, youngGcSoon: boolean): number {
  if (b.backing === 'direct') return reserveDirect(m, tm, b.bytes, 1, youngGcSoon);
  if (b.backing === 'heap') return allocateOldLive(m, tm, b.bytes) ? RESERVE_OK : HEAP_EXHAUSTED;
  // Unsafe memory is limited by nothing but the container: it always succeeds here, YARN judges it later.
  m.unsafeBytes[tm] = (m.unsafeBytes[tm] as number) + b.bytes;
  return RESERVE_OK;
}

/** Frees a map explicitly (map.close(), or the refresh path that closes the map it replaces). */
function release(m: JvmMemory, tm: number, bytes: number, backing: MapBacking): void {
  if (backing === 'direct') freeDirect(m, tm, bytes, 1);
  else if (backing === 'unsafe') m.unsafeBytes[tm] = Math.max(0, (m.unsafeBytes[tm] as number) - bytes);
  // A heap map cannot be freed explicitly: the reference goes, the old generation keeps it until collected.
  else dropOldLive(m, tm, bytes);
}

/** The reference is dropped without freeing: whoever covers the map's age frees it (rule 2). */
function abandon(m: JvmMemory, tm: number, bytes: number, stamp: number, backing: MapBacking): void {
  const tenured = isTenured(m, tm, stamp);
  if (backing === 'direct') dropDirect(m, tm, bytes, 1, tenured);
  else if (backing === 'heap') dropOldLive(m, tm, bytes);
  else {
    m.unsafeBytes[tm] = Math.max(0, (m.unsafeBytes[tm] as number) - bytes);
    if (tenured) m.unsafeOldGarbage[tm] = (m.unsafeOldGarbage[tm] as number) + bytes;
    else m.unsafeYoungGarbage[tm] = (m.unsafeYoungGarbage[tm] as number) + bytes;
  }
}

/** open(): download, parse and build the map. Returns a RESERVE_* code or HEAP_EXHAUSTED. */
export function openMap(
  m: JvmMemory,
  tm: number,
  slots: MapSlots,
  s: number,
  b: MapBehaviour,
  youngGcSoon: boolean,
): number {
  const outcome = allocate(m, tm, b, youngGcSoon);
  if (outcome === RESERVE_FAILED || outcome === HEAP_EXHAUSTED) return outcome;
  slots.bytes[s] = b.bytes;
  slots.stamp[s] = m.ageClock[tm] as number;
  return outcome;
}

/** close(): on a normal stop, a failure or a cancel alike (Flink skips finish() on failure, never close()). */
export function closeMap(m: JvmMemory, tm: number, slots: MapSlots, s: number, b: MapBehaviour): void {
  const bytes = slots.bytes[s] as number;
  if (bytes === 0) return;
  slots.bytes[s] = 0;
  if (b.closeFrees) release(m, tm, bytes, b.backing);
  else if (!b.keptReachable) abandon(m, tm, bytes, slots.stamp[s] as number, b.backing);
  // keptReachable: the static still points at it, so it stays counted as live for the life of the JVM.
}

/**
 * The periodic refresh: a new map is built while the old one still serves, then swapped in and the old one
 * closed, so for a moment both exist (the reservation that needs the most headroom). The refresh path frees
 * correctly; only close() carries the bug. On a heap map the old copy becomes tenured garbage (rule 7).
 */
export function refreshMap(
  m: JvmMemory,
  tm: number,
  slots: MapSlots,
  s: number,
  b: MapBehaviour,
  youngGcSoon: boolean,
): number {
  const old = slots.bytes[s] as number;
  if (old === 0) return RESERVE_OK;
  const outcome = allocate(m, tm, b, youngGcSoon);
  if (outcome === RESERVE_FAILED || outcome === HEAP_EXHAUSTED) return outcome;
  release(m, tm, old, b.backing);
  slots.bytes[s] = b.bytes;
  slots.stamp[s] = m.ageClock[tm] as number;
  return outcome;
}
