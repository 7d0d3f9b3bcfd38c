// Every TaskManager JVM of a run as struct-of-arrays indexed by TaskManager: G1's heap generations and
// collections, the JDK's `direct` buffer pool with its limit, and native memory outside both. Implements the
// rules of reference/jdk-direct-memory.md section 6; the engine steps it once per TaskManager per second.

/** G1 keeps its tenuring threshold at 15 (measured with -Xlog:gc+age; Parallel's adaptive one is not modelled). */
export const G1_TENURING_THRESHOLD = 15;
/** `Bits.reserveMemory` sleeps 1, 2 ... 256 ms before it throws. */
export const RESERVE_RETRY_MS = 511;

// G1 sizes the young generation adaptively between 5% and 60% of the heap to meet its 200 ms pause goal; a job
// with steady allocation settles in between, so the model fixes eden and survivors at these shares.
const EDEN_SHARE = 0.27;
const SURVIVOR_SHARE = 0.03;
/** Objects alive in the young generation at a GC (records in flight, buffers), copied to survivors. */
const SURVIVING_SHARE_OF_EDEN = 0.02;
/** -XX:InitiatingHeapOccupancyPercent: G1 starts a concurrent cycle when the old generation passes 45%. */
const IHOP_SHARE = 0.45;
/**
 * G1 takes eden regions from its free list, which wanders over the whole heap: with -Xms = -Xmx every region
 * has been touched (and is resident) after a while. Each young GC touches this share of what is left.
 */
const TOUCHED_PER_YOUNG_GC = 0.15;
/** -XX:G1MixedGCCountTarget: the old garbage a cycle marks is reclaimed over 8 mixed collections. */
const MIXED_GC_COUNT = 8;
const MIB = 1024 * 1024;

/** Why the last full GC ran: a failed reservation's System.gc(), or G1 out of room (allocation failure). */
export const FULL_GC_SYSTEM = 1;
export const FULL_GC_ALLOCATION_FAILURE = 2;

export const RESERVE_OK = 0;
/** Granted after the reservation's own `System.gc()` (a full GC) freed enough. */
export const RESERVE_AFTER_FULL_GC = 1;
/** Refused: the caller throws the JDK's OutOfMemoryError. */
export const RESERVE_FAILED = 2;

export interface JvmSpec {
  /** -Xmx = -Xms. */
  heapBytes: number;
  /** -XX:MaxDirectMemorySize. */
  directLimitBytes: number;
  /** `-XX:+DisableExplicitGC` in the TaskManager's java options: `System.gc()` does nothing. */
  explicitGcDisabled: boolean;
  /** Resident memory the JVM itself needs outside heap and buffers: metaspace, code cache, threads, GC tables. */
  nativeBaselineBytes: number;
}

/**
 * Row of each Float64 field of JvmMemory in its `words` buffer: field `f` of TaskManager `tm` is
 * `words[JVM_ROW.f * size + tm]`, and the named field is a view of that row.
 */
export const JVM_ROW = {
  heapMax: 0,
  edenSize: 1,
  survivorMax: 2,
  directLimit: 3,
  nativeBaseline: 4,
  edenUsed: 5,
  survivorUsed: 6,
  oldLive: 7,
  oldGarbage: 8,
  heapTouched: 9,
  promotionPerYoungGc: 10,
  youngGcs: 11,
  youngGcMs: 12,
  fullGcs: 13,
  fullGcMs: 14,
  lastFullGcHeapBefore: 15,
  lastFullGcPauseMs: 16,
  concurrentCycles: 17,
  ageClock: 18,
  markEndSec: 19,
  markedHeapGarbage: 20,
  markedDirectGarbage: 21,
  markedDirectGarbageCount: 22,
  mixedRemaining: 23,
  mixedReclaimPerGc: 24,
  allocatedSinceLastGcShare: 25,
  directLive: 26,
  directLiveCount: 27,
  directYoungGarbage: 28,
  directYoungGarbageCount: 29,
  directOldGarbage: 30,
  directOldGarbageCount: 31,
  unsafeBytes: 32,
  unsafeYoungGarbage: 33,
  unsafeOldGarbage: 34,
  markedUnsafeGarbage: 35,
  managedUsed: 36,
  mappedBytes: 37,
} as const;
const JVM_ROWS = 38;

export class JvmMemory {
  readonly size: number;
  /**
   * Every Float64 field, row after row (see JVM_ROW). The engine's per-second loop (memorySecond) reads some
   * twenty of them per TaskManager: through this one array instead of twenty separate ones it loads far fewer
   * array pointers. The named fields are views of the same memory, so both always agree.
   */
  readonly words: Float64Array;
  // Sizing.
  readonly heapMax: Float64Array;
  readonly edenSize: Float64Array;
  readonly survivorMax: Float64Array;
  readonly directLimit: Float64Array;
  readonly explicitGcDisabled: Uint8Array;
  readonly nativeBaseline: Float64Array;
  // Heap.
  readonly edenUsed: Float64Array;
  readonly survivorUsed: Float64Array;
  readonly oldLive: Float64Array;
  readonly oldGarbage: Float64Array;
  /** Pages of the heap touched so far: resident, and never given back while -Xms = -Xmx. */
  readonly heapTouched: Float64Array;
  /** Bytes promoted per young GC that die in the old generation (medium-lived objects); set by the engine. */
  readonly promotionPerYoungGc: Float64Array;
  // Collections, as the GarbageCollectorMXBeans count them (a mixed collection counts as young on JDK 17).
  readonly youngGcs: Float64Array;
  readonly youngGcMs: Float64Array;
  readonly fullGcs: Float64Array;
  readonly fullGcMs: Float64Array;
  /** The last full GC: its cause (FULL_GC_*), heap before it and its pause, for the engine's event. */
  readonly lastFullGcCause: Uint8Array;
  readonly lastFullGcHeapBefore: Float64Array;
  readonly lastFullGcPauseMs: Float64Array;
  readonly concurrentCycles: Float64Array;
  /**
   * Collections an object allocated now must survive to count as tenured: young GCs add one, a full GC adds the
   * whole threshold (it compacts every survivor into the old generation). Stamp allocations with it.
   */
  readonly ageClock: Float64Array;
  /** When the running concurrent mark ends (seconds); -1 when none runs. */
  readonly markEndSec: Float64Array;
  readonly markedHeapGarbage: Float64Array;
  readonly markedDirectGarbage: Float64Array;
  readonly markedDirectGarbageCount: Float64Array;
  readonly mixedRemaining: Float64Array;
  readonly mixedReclaimPerGc: Float64Array;
  /** Share of the last heap allocation made after its last young GC (1 when no GC ran): see allocateHeap. */
  readonly allocatedSinceLastGcShare: Float64Array;
  // Direct buffer pool: reachable buffers, unreachable young ones, unreachable tenured ones.
  readonly directLive: Float64Array;
  readonly directLiveCount: Float64Array;
  readonly directYoungGarbage: Float64Array;
  readonly directYoungGarbageCount: Float64Array;
  readonly directOldGarbage: Float64Array;
  readonly directOldGarbageCount: Float64Array;
  // Native memory outside heap and pool: Unsafe allocations (ChronicleMap, RocksDB via managed memory), mapped files.
  readonly unsafeBytes: Float64Array;
  /**
   * Unsafe memory whose owner became unreachable without close(): a ChronicleMap's own Cleaner frees it once a
   * collection covering the map object runs (young while it is young, old-generation once tenured).
   */
  readonly unsafeYoungGarbage: Float64Array;
  readonly unsafeOldGarbage: Float64Array;
  readonly markedUnsafeGarbage: Float64Array;
  readonly managedUsed: Float64Array;
  readonly mappedBytes: Float64Array;

  constructor(size: number) {
    this.size = size;
    this.words = new Float64Array(JVM_ROWS * size);
    const f64 = (row: number) => this.words.subarray(row * size, (row + 1) * size);
    this.heapMax = f64(JVM_ROW.heapMax);
    this.edenSize = f64(JVM_ROW.edenSize);
    this.survivorMax = f64(JVM_ROW.survivorMax);
    this.directLimit = f64(JVM_ROW.directLimit);
    this.explicitGcDisabled = new Uint8Array(size);
    this.nativeBaseline = f64(JVM_ROW.nativeBaseline);
    this.edenUsed = f64(JVM_ROW.edenUsed);
    this.survivorUsed = f64(JVM_ROW.survivorUsed);
    this.oldLive = f64(JVM_ROW.oldLive);
    this.oldGarbage = f64(JVM_ROW.oldGarbage);
    this.heapTouched = f64(JVM_ROW.heapTouched);
    this.promotionPerYoungGc = f64(JVM_ROW.promotionPerYoungGc);
    this.youngGcs = f64(JVM_ROW.youngGcs);
    this.youngGcMs = f64(JVM_ROW.youngGcMs);
    this.fullGcs = f64(JVM_ROW.fullGcs);
    this.fullGcMs = f64(JVM_ROW.fullGcMs);
    this.lastFullGcCause = new Uint8Array(size);
    this.lastFullGcHeapBefore = f64(JVM_ROW.lastFullGcHeapBefore);
    this.lastFullGcPauseMs = f64(JVM_ROW.lastFullGcPauseMs);
    this.concurrentCycles = f64(JVM_ROW.concurrentCycles);
    this.ageClock = f64(JVM_ROW.ageClock);
    this.markEndSec = f64(JVM_ROW.markEndSec);
    this.markedHeapGarbage = f64(JVM_ROW.markedHeapGarbage);
    this.markedDirectGarbage = f64(JVM_ROW.markedDirectGarbage);
    this.markedDirectGarbageCount = f64(JVM_ROW.markedDirectGarbageCount);
    this.mixedRemaining = f64(JVM_ROW.mixedRemaining);
    this.mixedReclaimPerGc = f64(JVM_ROW.mixedReclaimPerGc);
    this.allocatedSinceLastGcShare = f64(JVM_ROW.allocatedSinceLastGcShare);
    this.directLive = f64(JVM_ROW.directLive);
    this.directLiveCount = f64(JVM_ROW.directLiveCount);
    this.directYoungGarbage = f64(JVM_ROW.directYoungGarbage);
    this.directYoungGarbageCount = f64(JVM_ROW.directYoungGarbageCount);
    this.directOldGarbage = f64(JVM_ROW.directOldGarbage);
    this.directOldGarbageCount = f64(JVM_ROW.directOldGarbageCount);
    this.unsafeBytes = f64(JVM_ROW.unsafeBytes);
    this.unsafeYoungGarbage = f64(JVM_ROW.unsafeYoungGarbage);
    this.unsafeOldGarbage = f64(JVM_ROW.unsafeOldGarbage);
    this.markedUnsafeGarbage = f64(JVM_ROW.markedUnsafeGarbage);
    this.managedUsed = f64(JVM_ROW.managedUsed);
    this.mappedBytes = f64(JVM_ROW.mappedBytes);
  }
}

/** A fresh JVM in slot `tm`: everything zero, sized from `spec`. */
export function startJvm(m: JvmMemory, tm: number, spec: JvmSpec): void {
  m.heapMax[tm] = spec.heapBytes;
  m.edenSize[tm] = Math.floor(spec.heapBytes * EDEN_SHARE);
  m.survivorMax[tm] = Math.floor(spec.heapBytes * SURVIVOR_SHARE);
  m.directLimit[tm] = spec.directLimitBytes;
  m.explicitGcDisabled[tm] = spec.explicitGcDisabled ? 1 : 0;
  m.nativeBaseline[tm] = spec.nativeBaselineBytes;
  const zero = [
    m.edenUsed,
    m.survivorUsed,
    m.oldLive,
    m.oldGarbage,
    m.heapTouched,
    m.promotionPerYoungGc,
    m.youngGcs,
    m.youngGcMs,
    m.fullGcs,
    m.fullGcMs,
    m.concurrentCycles,
    m.ageClock,
    m.markedHeapGarbage,
    m.markedDirectGarbage,
    m.markedDirectGarbageCount,
    m.mixedRemaining,
    m.mixedReclaimPerGc,
    m.directLive,
    m.directLiveCount,
    m.directYoungGarbage,
    m.directYoungGarbageCount,
    m.directOldGarbage,
    m.directOldGarbageCount,
    m.unsafeBytes,
    m.unsafeYoungGarbage,
    m.unsafeOldGarbage,
    m.markedUnsafeGarbage,
    m.managedUsed,
    m.mappedBytes,
  ];
  for (const array of zero) array[tm] = 0;
  m.markEndSec[tm] = -1;
  m.allocatedSinceLastGcShare[tm] = 1;
}

/** `Direct.MemoryUsed` = `Direct.TotalCapacity` (no -XX:+PageAlignDirectMemory): every buffer not yet freed. */
export function directUsed(m: JvmMemory, tm: number): number {
  return (
    (m.directLive[tm] as number) + (m.directYoungGarbage[tm] as number) + (m.directOldGarbage[tm] as number)
  );
}

export function directCount(m: JvmMemory, tm: number): number {
  return (
    (m.directLiveCount[tm] as number) +
    (m.directYoungGarbageCount[tm] as number) +
    (m.directOldGarbageCount[tm] as number)
  );
}

export function oldGenUsed(m: JvmMemory, tm: number): number {
  return (m.oldLive[tm] as number) + (m.oldGarbage[tm] as number);
}

export function heapUsed(m: JvmMemory, tm: number): number {
  return (m.edenUsed[tm] as number) + (m.survivorUsed[tm] as number) + oldGenUsed(m, tm);
}

/** Resident memory of the process: touched heap, every direct buffer, Unsafe, managed and mapped memory, JVM natives. */
export function residentBytes(m: JvmMemory, tm: number): number {
  return (
    (m.heapTouched[tm] as number) +
    directUsed(m, tm) +
    (m.unsafeBytes[tm] as number) +
    (m.unsafeYoungGarbage[tm] as number) +
    (m.unsafeOldGarbage[tm] as number) +
    (m.managedUsed[tm] as number) +
    (m.mappedBytes[tm] as number) +
    (m.nativeBaseline[tm] as number)
  );
}

/** Young GC due within `seconds` at `bytesPerSecond` of heap allocation (rule 3: a GC someone else triggers helps). */
export function youngGcWithin(m: JvmMemory, tm: number, bytesPerSecond: number, seconds: number): boolean {
  return (m.edenUsed[tm] as number) + bytesPerSecond * seconds >= (m.edenSize[tm] as number);
}

function touch(m: JvmMemory, tm: number): void {
  const used = heapUsed(m, tm);
  if (used > (m.heapTouched[tm] as number)) m.heapTouched[tm] = used;
}

function oldCapacity(m: JvmMemory, tm: number): number {
  return (m.heapMax[tm] as number) - (m.edenSize[tm] as number) - (m.survivorMax[tm] as number);
}

/**
 * A stop-the-world full collection (System.gc(), or G1 running out of room to evacuate into): compacts the old
 * generation to its live objects and frees every unreachable direct buffer, young or tenured. Returns the pause
 * in ms, which grows with live heap (measured: 5-14 ms near-empty, 189 ms with 400 MiB live on G1).
 */
export function fullGc(m: JvmMemory, tm: number, cause: number): number {
  const live = (m.oldLive[tm] as number) + (m.survivorUsed[tm] as number);
  const pauseMs = 8 + (0.45 * live) / MIB;
  m.lastFullGcCause[tm] = cause;
  m.lastFullGcHeapBefore[tm] = heapUsed(m, tm);
  m.lastFullGcPauseMs[tm] = pauseMs;
  m.oldGarbage[tm] = 0;
  m.edenUsed[tm] = 0;
  m.directYoungGarbage[tm] = 0;
  m.directYoungGarbageCount[tm] = 0;
  m.directOldGarbage[tm] = 0;
  m.directOldGarbageCount[tm] = 0;
  m.unsafeYoungGarbage[tm] = 0;
  m.unsafeOldGarbage[tm] = 0;
  // A running concurrent cycle is abandoned: the full GC did its work.
  m.markEndSec[tm] = -1;
  m.mixedRemaining[tm] = 0;
  m.fullGcs[tm] = (m.fullGcs[tm] as number) + 1;
  m.fullGcMs[tm] = (m.fullGcMs[tm] as number) + pauseMs;
  m.ageClock[tm] = (m.ageClock[tm] as number) + G1_TENURING_THRESHOLD;
  return pauseMs;
}

/** One young (or mixed) collection: young unreachable direct buffers are freed, survivors age, some objects tenure. */
function youngGc(m: JvmMemory, tm: number, nowSec: number): void {
  const survivors = Math.min(
    m.survivorMax[tm] as number,
    (m.edenSize[tm] as number) * SURVIVING_SHARE_OF_EDEN,
  );
  const promoted = m.promotionPerYoungGc[tm] as number;
  let pauseMs = 1.5 + (0.8 * survivors + 1.2 * promoted) / MIB;
  m.edenUsed[tm] = 0;
  m.survivorUsed[tm] = survivors;
  m.oldGarbage[tm] = (m.oldGarbage[tm] as number) + promoted;
  m.directYoungGarbage[tm] = 0;
  m.directYoungGarbageCount[tm] = 0;
  m.unsafeYoungGarbage[tm] = 0;
  if ((m.mixedRemaining[tm] as number) > 0) {
    const reclaim = Math.min(m.mixedReclaimPerGc[tm] as number, m.oldGarbage[tm] as number);
    m.oldGarbage[tm] = (m.oldGarbage[tm] as number) - reclaim;
    m.mixedRemaining[tm] = (m.mixedRemaining[tm] as number) - 1;
    pauseMs += (0.05 * reclaim) / MIB;
  }
  m.youngGcs[tm] = (m.youngGcs[tm] as number) + 1;
  m.youngGcMs[tm] = (m.youngGcMs[tm] as number) + pauseMs;
  m.ageClock[tm] = (m.ageClock[tm] as number) + 1;
  const touched = m.heapTouched[tm] as number;
  m.heapTouched[tm] = touched + ((m.heapMax[tm] as number) - touched) * TOUCHED_PER_YOUNG_GC;
  if (oldGenUsed(m, tm) > oldCapacity(m, tm)) {
    // To-space exhausted: G1 falls back to a full collection (counted by "G1 Old Generation").
    fullGc(m, tm, FULL_GC_ALLOCATION_FAILURE);
  } else if (
    (m.markEndSec[tm] as number) < 0 &&
    oldGenUsed(m, tm) >= (m.heapMax[tm] as number) * IHOP_SHARE
  ) {
    startConcurrentCycle(m, tm, nowSec);
  }
}

// Snapshot-at-the-beginning: what is garbage when marking starts is what this cycle can reclaim.
function startConcurrentCycle(m: JvmMemory, tm: number, nowSec: number): void {
  m.markEndSec[tm] = nowSec + 1 + oldGenUsed(m, tm) / (400 * MIB);
  m.markedHeapGarbage[tm] = m.oldGarbage[tm] as number;
  m.markedDirectGarbage[tm] = m.directOldGarbage[tm] as number;
  m.markedDirectGarbageCount[tm] = m.directOldGarbageCount[tm] as number;
  m.markedUnsafeGarbage[tm] = m.unsafeOldGarbage[tm] as number;
}

/**
 * Finishes a concurrent mark that is due. At Remark the unreachable tenured buffers it found get their Cleaners
 * run; the marked heap garbage goes over the next mixed collections. Invisible to the GC MXBeans on JDK 17.
 */
export function finishConcurrentCycle(m: JvmMemory, tm: number, nowSec: number): boolean {
  const end = m.markEndSec[tm] as number;
  if (end < 0 || nowSec < end) return false;
  m.markEndSec[tm] = -1;
  m.concurrentCycles[tm] = (m.concurrentCycles[tm] as number) + 1;
  const freed = Math.min(m.markedDirectGarbage[tm] as number, m.directOldGarbage[tm] as number);
  const freedCount = Math.min(
    m.markedDirectGarbageCount[tm] as number,
    m.directOldGarbageCount[tm] as number,
  );
  m.directOldGarbage[tm] = (m.directOldGarbage[tm] as number) - freed;
  m.directOldGarbageCount[tm] = (m.directOldGarbageCount[tm] as number) - freedCount;
  m.unsafeOldGarbage[tm] = Math.max(
    0,
    (m.unsafeOldGarbage[tm] as number) - (m.markedUnsafeGarbage[tm] as number),
  );
  m.mixedRemaining[tm] = MIXED_GC_COUNT;
  m.mixedReclaimPerGc[tm] = (m.markedHeapGarbage[tm] as number) / MIXED_GC_COUNT;
  return true;
}

/**
 * Allocates `bytes` of short-lived heap objects over one second: eden fills, young GCs run as it overflows.
 * Records in `allocatedSinceLastGcShare` how much of this second's allocation came after the last young GC, so
 * the caller can keep that share of its young direct garbage (the rest was collected within the second).
 * Returns the number of young GCs.
 */
export function allocateHeap(m: JvmMemory, tm: number, bytes: number, nowSec: number): number {
  const eden = m.edenSize[tm] as number;
  let used = (m.edenUsed[tm] as number) + bytes;
  let gcs = 0;
  while (used >= eden && eden > 0) {
    used -= eden;
    youngGc(m, tm, nowSec);
    gcs++;
  }
  m.edenUsed[tm] = used;
  m.allocatedSinceLastGcShare[tm] = gcs === 0 || bytes <= 0 ? 1 : Math.min(1, used / bytes);
  touch(m, tm);
  return gcs;
}

/**
 * Long-lived heap objects (an operator's state built in open(), an on-heap map): straight to the old generation,
 * as they would be after 15 young GCs. Returns false when even a full GC leaves no room: `Java heap space`.
 */
export function allocateOldLive(m: JvmMemory, tm: number, bytes: number): boolean {
  if (oldGenUsed(m, tm) + bytes > oldCapacity(m, tm)) fullGc(m, tm, FULL_GC_ALLOCATION_FAILURE);
  if ((m.oldLive[tm] as number) + bytes > oldCapacity(m, tm)) return false;
  m.oldLive[tm] = (m.oldLive[tm] as number) + bytes;
  touch(m, tm);
  return true;
}

/** Long-lived heap objects become unreachable: tenured garbage until an old-generation collection. */
export function dropOldLive(m: JvmMemory, tm: number, bytes: number): void {
  const moved = Math.min(bytes, m.oldLive[tm] as number);
  m.oldLive[tm] = (m.oldLive[tm] as number) - moved;
  m.oldGarbage[tm] = (m.oldGarbage[tm] as number) + moved;
}

/**
 * `ByteBuffer.allocateDirect` of `count` buffers totalling `bytes` (rule 1: granted iff TotalCapacity + cap <=
 * limit). On refusal, as `Bits.reserveMemory` does: if a young GC falls within the retry window its young
 * unreachable buffers are freed first (`youngGcSoon`, decided by the caller from its allocation rate); then
 * `System.gc()` runs a full GC unless explicit GC is disabled; if still short the caller throws after 511 ms.
 */
export function reserveDirect(
  m: JvmMemory,
  tm: number,
  bytes: number,
  count: number,
  youngGcSoon: boolean,
): number {
  const limit = m.directLimit[tm] as number;
  if (directUsed(m, tm) + bytes <= limit) {
    m.directLive[tm] = (m.directLive[tm] as number) + bytes;
    m.directLiveCount[tm] = (m.directLiveCount[tm] as number) + count;
    return RESERVE_OK;
  }
  if (youngGcSoon && directUsed(m, tm) - (m.directYoungGarbage[tm] as number) + bytes <= limit) {
    // The young GC happens during the retries; its Cleaners free the young buffers, the retry succeeds. The GC
    // itself is counted when the caller's heap allocation reaches it.
    m.directYoungGarbage[tm] = 0;
    m.directYoungGarbageCount[tm] = 0;
    m.directLive[tm] = (m.directLive[tm] as number) + bytes;
    m.directLiveCount[tm] = (m.directLiveCount[tm] as number) + count;
    return RESERVE_OK;
  }
  if (m.explicitGcDisabled[tm] === 1) return RESERVE_FAILED;
  fullGc(m, tm, FULL_GC_SYSTEM);
  if (directUsed(m, tm) + bytes > limit) return RESERVE_FAILED;
  m.directLive[tm] = (m.directLive[tm] as number) + bytes;
  m.directLiveCount[tm] = (m.directLiveCount[tm] as number) + count;
  return RESERVE_AFTER_FULL_GC;
}

/** Reachable buffers become unreachable; a collection covering their age frees them (rule 2). */
export function dropDirect(m: JvmMemory, tm: number, bytes: number, count: number, tenured: boolean): void {
  const moved = Math.min(bytes, m.directLive[tm] as number);
  const movedCount = Math.min(count, m.directLiveCount[tm] as number);
  m.directLive[tm] = (m.directLive[tm] as number) - moved;
  m.directLiveCount[tm] = (m.directLiveCount[tm] as number) - movedCount;
  if (tenured) {
    m.directOldGarbage[tm] = (m.directOldGarbage[tm] as number) + moved;
    m.directOldGarbageCount[tm] = (m.directOldGarbageCount[tm] as number) + movedCount;
  } else {
    m.directYoungGarbage[tm] = (m.directYoungGarbage[tm] as number) + moved;
    m.directYoungGarbageCount[tm] = (m.directYoungGarbageCount[tm] as number) + movedCount;
  }
}

/** Explicit release (`Unsafe.invokeCleaner`, a map's close()): gone at once, no GC needed. */
export function freeDirect(m: JvmMemory, tm: number, bytes: number, count: number): void {
  m.directLive[tm] = Math.max(0, (m.directLive[tm] as number) - bytes);
  m.directLiveCount[tm] = Math.max(0, (m.directLiveCount[tm] as number) - count);
}

/** Has an object stamped with `ageClock` at allocation been tenured by now? */
export function isTenured(m: JvmMemory, tm: number, stamp: number): boolean {
  return (m.ageClock[tm] as number) - stamp >= G1_TENURING_THRESHOLD;
}

/**
 * After `allocateHeap` for the same second: buffers let go this second (`bytes` in `count` buffers, already
 * counted as reachable by `reserveDirect`). The part dropped before the second's last young GC was collected by
 * it; the rest waits, young and unreachable, for the next one.
 */
export function settleTransientDirect(m: JvmMemory, tm: number, bytes: number, count: number): void {
  const share = m.allocatedSinceLastGcShare[tm] as number;
  // Whole bytes and buffers, so MemoryUsed and Count stay integers as the JDK's counters are.
  const kept = Math.round(bytes * share);
  const keptCount = Math.round(count * share);
  freeDirect(m, tm, bytes - kept, count - keptCount);
  dropDirect(m, tm, kept, keptCount, false);
}
