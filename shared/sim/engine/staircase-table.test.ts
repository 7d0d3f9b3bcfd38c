// Reproduces, in shape, the lifecycle staircase table of reference/jdk-direct-memory.md section 4 with the same
// setup: one G1 JVM, -XX:MaxDirectMemorySize=256m -Xmx256m, a 64 MiB network pool, 2 x 512 KiB RPC buffers per
// tick (last 4 kept), 4 MiB of heap garbage per tick, a 32 MiB map built in open(), >= 16 young GCs per period.
import { describe, expect, it } from 'vitest';
import { analyzeStaircase } from '../analysis/staircase';
import {
  allocateHeap,
  directUsed,
  dropDirect,
  JvmMemory,
  RESERVE_FAILED,
  reserveDirect,
  residentBytes,
  settleTransientDirect,
  startJvm,
  youngGcWithin,
} from './jvm-memory';
import { directOomText } from './jvm-messages';
import { closeMap, type MapBacking, MapSlots, openMap } from './offheap-map';

const MIB = 1024 * 1024;
const LIMIT = 256 * MIB;
const RPC_BUFFER = 512 * 1024;
const HEAP_PER_TICK = 4 * MIB;

interface TableRow {
  closeFrees: boolean;
  keptReachable?: boolean;
  backing?: MapBacking;
  explicitGcDisabled: boolean;
  youngGcsPerPeriod?: number;
}

interface TableResult {
  /** MemoryUsed right after each open(), restarts 1..12, MiB. */
  levels: number[];
  /** Resident memory after each open(), MiB. */
  resident: number[];
  fullGcs: number;
  ooms: string[];
  oomRestarts: number[];
  peakDirect: number;
  timesSec: number[];
  direct: number[];
  restartsSec: number[];
}

function runRow(row: TableRow): TableResult {
  const m = new JvmMemory(1);
  startJvm(m, 0, {
    heapBytes: LIMIT,
    directLimitBytes: LIMIT,
    explicitGcDisabled: row.explicitGcDisabled,
    nativeBaselineBytes: 0,
  });
  reserveDirect(m, 0, 2048 * 32 * 1024, 2048, false);
  // The measured OOM texts show 8 KiB more than pool + maps: a temporary buffer the JDK caches per I/O thread.
  reserveDirect(m, 0, 8192, 1, false);
  const map = {
    bytes: 32 * MIB,
    backing: row.backing ?? 'direct',
    closeFrees: row.closeFrees,
    keptReachable: row.keptReachable ?? false,
  };
  const slots = new MapSlots(1);
  const ticksPerPeriod =
    Math.ceil(((row.youngGcsPerPeriod ?? 16) * (m.edenSize[0] as number)) / HEAP_PER_TICK) + 1;
  const result: TableResult = {
    levels: [],
    resident: [],
    fullGcs: 0,
    ooms: [],
    oomRestarts: [],
    peakDirect: 0,
    timesSec: [],
    direct: [],
    restartsSec: [],
  };
  let running = openMap(m, 0, slots, 0, map, false) !== RESERVE_FAILED;
  let inFlight = 0;
  let t = 0;
  const fail = (restart: number, requested: number) => {
    result.ooms.push(directOomText(requested, directUsed(m, 0), LIMIT));
    result.oomRestarts.push(restart);
    running = false;
  };
  for (let restart = 1; restart <= 12; restart++) {
    for (let tick = 0; tick < ticksPerPeriod; tick++, t++) {
      if (running) {
        const soon = youngGcWithin(m, 0, HEAP_PER_TICK, 1.5);
        if (reserveDirect(m, 0, 2 * RPC_BUFFER, 2, soon) === RESERVE_FAILED) fail(restart - 1, RPC_BUFFER);
      }
      allocateHeap(m, 0, running ? HEAP_PER_TICK : 0, t);
      if (running) {
        // Two new buffers in, the oldest two out once four are in flight.
        const kept = Math.min(4 * RPC_BUFFER, inFlight + 2 * RPC_BUFFER);
        const dropped = inFlight + 2 * RPC_BUFFER - kept;
        settleTransientDirect(m, 0, dropped, dropped / RPC_BUFFER);
        inFlight = kept;
      }
      result.peakDirect = Math.max(result.peakDirect, directUsed(m, 0));
      result.timesSec.push(t);
      result.direct.push(directUsed(m, 0));
    }
    // Restart: close() (the in-flight RPC buffers are dropped with the old task), then open().
    closeMap(m, 0, slots, 0, map);
    dropDirect(m, 0, inFlight, inFlight / RPC_BUFFER, false);
    inFlight = 0;
    result.restartsSec.push(t);
    running = openMap(m, 0, slots, 0, map, youngGcWithin(m, 0, HEAP_PER_TICK, 0.5)) !== RESERVE_FAILED;
    if (!running) fail(restart, map.bytes);
    result.levels.push(directUsed(m, 0) / MIB);
    result.resident.push(residentBytes(m, 0) / MIB);
  }
  result.fullGcs = m.fullGcs[0] as number;
  return result;
}

function verdictOf(r: TableResult, values: number[] = r.direct) {
  return analyzeStaircase({ timesSec: r.timesSec, values, restartsSec: r.restartsSec, limit: LIMIT }).verdict;
}

const steps = (levels: number[]) => levels.slice(1).map((level, i) => level - (levels[i] as number));

describe('the staircase table of the JVM reference (G1, 256m limit, 32 MiB map)', () => {
  it('frees in close() (the fix): flat at pool + map + RPC buffers, no full GC, no OOM', () => {
    const r = runRow({ closeFrees: true, explicitGcDisabled: true });
    for (const level of r.levels) expect(Math.abs(level - 98)).toBeLessThan(20);
    expect(Math.max(...r.levels) - Math.min(...r.levels)).toBeLessThan(20);
    expect(r.fullGcs).toBe(0);
    expect(r.ooms).toEqual([]);
    expect(verdictOf(r)).toBe('flat');
  });

  it('drops the reference with explicit GC allowed: staircase to the limit, then a full GC cuts it (saw-tooth)', () => {
    const r = runRow({ closeFrees: false, explicitGcDisabled: false });
    for (const step of steps(r.levels.slice(0, 4))) expect(Math.abs(step - 32)).toBeLessThan(20);
    expect(r.levels[3]! - r.levels[0]!).toBeGreaterThan(80);
    expect(r.fullGcs).toBeGreaterThanOrEqual(2);
    expect(r.ooms).toEqual([]);
    expect(Math.min(...steps(r.levels))).toBeLessThan(-64);
    expect(r.peakDirect).toBeLessThanOrEqual(LIMIT);
    expect(verdictOf(r)).toBe('sawtooth');
  });

  it('drops the reference with -XX:+DisableExplicitGC: staircase, then OOMs at every restart from r5', () => {
    const r = runRow({ closeFrees: false, explicitGcDisabled: true });
    const measured = [130, 162, 194, 226];
    for (let i = 0; i < 4; i++) expect(Math.abs(r.levels[i]! - measured[i]!)).toBeLessThan(20);
    for (const step of steps(r.levels.slice(0, 4))) expect(Math.abs(step - 32)).toBeLessThan(20);
    expect(r.fullGcs).toBe(0);
    expect(r.ooms.length).toBeGreaterThanOrEqual(8);
    expect(Math.min(...r.oomRestarts)).toBeGreaterThanOrEqual(4);
    for (let restart = 5; restart <= 11; restart++) expect(r.oomRestarts).toContain(restart);
    expect(r.ooms[0]).toMatch(
      /^java\.lang\.OutOfMemoryError: Cannot reserve \d+ bytes of direct buffer memory \(allocated: \d+, limit: 268435456\)$/,
    );
    expect(r.peakDirect).toBeLessThanOrEqual(LIMIT);
    expect(verdictOf(r)).toBe('leak');
  });

  it('keeps the old map reachable in a static: staircase, then every open() fails after its own full GC', () => {
    const r = runRow({ closeFrees: false, keptReachable: true, explicitGcDisabled: false });
    for (const step of steps(r.levels.slice(0, 4))) expect(Math.abs(step - 32)).toBeLessThan(20);
    const mapOoms = r.ooms.filter((text) => text.includes('Cannot reserve 33554432 bytes'));
    expect(mapOoms.length).toBeGreaterThanOrEqual(7);
    expect(mapOoms[0]).toContain('(allocated: 234889216, limit: 268435456)');
    expect(r.fullGcs).toBeGreaterThanOrEqual(7);
    expect(verdictOf(r)).toBe('leak');
  });

  it('puts the map in Unsafe memory: direct stays flat, resident memory climbs one map per restart', () => {
    const r = runRow({ closeFrees: false, backing: 'unsafe', explicitGcDisabled: false });
    for (const level of r.levels) expect(Math.abs(level - 66)).toBeLessThan(20);
    for (const step of steps(r.resident.slice(0, 8))) expect(step).toBeGreaterThan(20);
    expect(r.ooms).toEqual([]);
    expect(verdictOf(r)).toBe('flat');
  });

  it('restarts before the map is tenured: young GCs free each dropped map, at most a blip', () => {
    const r = runRow({ closeFrees: false, explicitGcDisabled: true, youngGcsPerPeriod: 2 });
    expect(r.ooms).toEqual([]);
    expect(Math.max(...r.levels) - Math.min(...r.levels.slice(1))).toBeLessThan(40);
    expect(['flat', 'blip']).toContain(verdictOf(r));
  });
});
