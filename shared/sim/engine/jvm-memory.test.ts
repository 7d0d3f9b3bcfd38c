import { describe, expect, it } from 'vitest';
import {
  allocateHeap,
  allocateOldLive,
  directCount,
  directUsed,
  dropDirect,
  dropOldLive,
  FULL_GC_SYSTEM,
  finishConcurrentCycle,
  freeDirect,
  fullGc,
  G1_TENURING_THRESHOLD,
  heapUsed,
  isTenured,
  JvmMemory,
  oldGenUsed,
  RESERVE_AFTER_FULL_GC,
  RESERVE_FAILED,
  RESERVE_OK,
  reserveDirect,
  residentBytes,
  startJvm,
} from './jvm-memory';

const MIB = 1024 * 1024;

function jvm(explicitGcDisabled = false): JvmMemory {
  const m = new JvmMemory(1);
  startJvm(m, 0, {
    heapBytes: 256 * MIB,
    directLimitBytes: 64 * MIB,
    explicitGcDisabled,
    nativeBaselineBytes: 0,
  });
  return m;
}

/** Young GCs until `n` have run. */
function youngGcs(m: JvmMemory, n: number): void {
  const target = (m.youngGcs[0] as number) + n;
  while ((m.youngGcs[0] as number) < target) allocateHeap(m, 0, 8 * MIB, 0);
}

describe('direct reservations (rule 1)', () => {
  it('grants a reservation iff TotalCapacity + cap <= limit: 64 x 1 MiB fit 64m, the 65th fails', () => {
    const m = jvm(true);
    for (let i = 0; i < 64; i++) expect(reserveDirect(m, 0, MIB, 1, false)).toBe(RESERVE_OK);
    expect(directUsed(m, 0)).toBe(64 * MIB);
    expect(directCount(m, 0)).toBe(64);
    expect(reserveDirect(m, 0, MIB, 1, false)).toBe(RESERVE_FAILED);
    expect(directUsed(m, 0)).toBe(64 * MIB);
  });

  it('counts Unsafe memory in resident memory only, with no limit short of the container', () => {
    const m = jvm();
    m.unsafeBytes[0] = 256 * MIB;
    expect(directUsed(m, 0)).toBe(0);
    expect(residentBytes(m, 0)).toBeGreaterThanOrEqual(256 * MIB);
    expect(reserveDirect(m, 0, 64 * MIB, 1, false)).toBe(RESERVE_OK);
  });
});

describe('freeing unreachable direct memory (rule 2)', () => {
  it('keeps dropped buffers counted until a collection, then a young GC frees young ones', () => {
    const m = jvm();
    reserveDirect(m, 0, 48 * MIB, 48, false);
    dropDirect(m, 0, 48 * MIB, 48, false);
    expect(directUsed(m, 0)).toBe(48 * MIB);
    youngGcs(m, 1);
    expect(directUsed(m, 0)).toBe(0);
  });

  it('leaves tenured unreachable buffers to old-generation collections only', () => {
    const m = jvm();
    reserveDirect(m, 0, 48 * MIB, 48, false);
    const stamp = m.ageClock[0] as number;
    youngGcs(m, G1_TENURING_THRESHOLD);
    expect(isTenured(m, 0, stamp)).toBe(true);
    dropDirect(m, 0, 48 * MIB, 48, true);
    youngGcs(m, 10);
    expect(directUsed(m, 0)).toBe(48 * MIB);
    fullGc(m, 0, FULL_GC_SYSTEM);
    expect(directUsed(m, 0)).toBe(0);
  });

  it('lets a G1 concurrent cycle free the tenured garbage it found when marking started', () => {
    const m = jvm();
    reserveDirect(m, 0, 16 * MIB, 1, false);
    dropDirect(m, 0, 16 * MIB, 1, true);
    // Old generation past 45% of the heap starts a cycle at the next young GC.
    allocateOldLive(m, 0, 120 * MIB);
    youngGcs(m, 1);
    expect(m.markEndSec[0]).toBeGreaterThanOrEqual(0);
    expect(finishConcurrentCycle(m, 0, 1000)).toBe(true);
    expect(directUsed(m, 0)).toBe(0);
    expect(m.concurrentCycles[0]).toBe(1);
    // Invisible to the GC MXBeans on JDK 17: no full GC counted.
    expect(m.fullGcs[0]).toBe(0);
  });

  it('frees at once on explicit release, no GC needed', () => {
    const m = jvm();
    reserveDirect(m, 0, 32 * MIB, 1, false);
    freeDirect(m, 0, 32 * MIB, 1);
    expect(directUsed(m, 0)).toBe(0);
  });
});

describe('a reservation that does not fit (rule 3)', () => {
  it('runs System.gc() (a full GC) and retries when explicit GC is allowed', () => {
    const m = jvm(false);
    reserveDirect(m, 0, 60 * MIB, 1, false);
    const stamp = m.ageClock[0] as number;
    youngGcs(m, G1_TENURING_THRESHOLD);
    expect(isTenured(m, 0, stamp)).toBe(true);
    dropDirect(m, 0, 60 * MIB, 1, true);
    expect(reserveDirect(m, 0, 32 * MIB, 1, false)).toBe(RESERVE_AFTER_FULL_GC);
    expect(m.fullGcs[0]).toBe(1);
    expect(directUsed(m, 0)).toBe(32 * MIB);
  });

  it('fails without a GC under -XX:+DisableExplicitGC, unless a young GC falls in the retry window', () => {
    const m = jvm(true);
    reserveDirect(m, 0, 60 * MIB, 1, false);
    dropDirect(m, 0, 60 * MIB, 1, false);
    expect(reserveDirect(m, 0, 32 * MIB, 1, false)).toBe(RESERVE_FAILED);
    expect(m.fullGcs[0]).toBe(0);
    expect(reserveDirect(m, 0, 32 * MIB, 1, true)).toBe(RESERVE_OK);
  });

  it('makes a full GC pause grow with live heap (about 190 ms with 400 MiB live on G1)', () => {
    const m = new JvmMemory(1);
    startJvm(m, 0, {
      heapBytes: 2048 * MIB,
      directLimitBytes: 64 * MIB,
      explicitGcDisabled: false,
      nativeBaselineBytes: 0,
    });
    const empty = fullGc(m, 0, FULL_GC_SYSTEM);
    allocateOldLive(m, 0, 400 * MIB);
    const loaded = fullGc(m, 0, FULL_GC_SYSTEM);
    expect(empty).toBeLessThan(15);
    expect(loaded).toBeGreaterThan(150);
    expect(loaded).toBeLessThan(230);
  });
});

describe('the heap', () => {
  it('runs young GCs as eden fills and keeps old garbage until an old-generation collection', () => {
    const m = jvm();
    expect(allocateHeap(m, 0, (m.edenSize[0] as number) * 2.5, 0)).toBe(2);
    allocateOldLive(m, 0, 30 * MIB);
    dropOldLive(m, 0, 30 * MIB);
    expect(oldGenUsed(m, 0)).toBeGreaterThanOrEqual(30 * MIB);
    fullGc(m, 0, FULL_GC_SYSTEM);
    expect(oldGenUsed(m, 0)).toBe(0);
    expect(heapUsed(m, 0)).toBeLessThan(10 * MIB);
  });

  it('fails an allocation the old generation cannot hold even after a full GC', () => {
    const m = jvm();
    expect(allocateOldLive(m, 0, 300 * MIB)).toBe(false);
    expect(allocateOldLive(m, 0, 100 * MIB)).toBe(true);
  });
});
