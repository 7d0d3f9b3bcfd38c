// TaskManager JVMs coming and going: a fresh container starts its JVM and allocates the whole network buffer
// pool at once; a graceful shutdown (SIGTERM) or a YARN kill ends the JVM with everything in it, and YARN
// brings a replacement container a little later.
import { containerId } from './container-ids';
import type { EngineState } from './engine-state';
import { reserveDirect, residentBytes, startJvm } from './jvm-memory';
import { SIGTERM_LINE, yarnPhysicalKillText } from './jvm-messages';
import { forgetSubtask } from './task-lifecycle';

const MIB = 1024 * 1024;
/** YARN allocates a container, the JVM starts and the TaskManager registers its slots: about 15 s. */
export const CONTAINER_REPLACEMENT_SEC = 15;
/** yarn.nodemanager.vmem-pmem-ratio default. */
const VMEM_PMEM_RATIO = 2.1;

export function startTaskManager(st: EngineState, tm: number, nowSec: number): void {
  const mem = st.r.memory;
  const sequence = st.containers[tm]?.length === 0 ? tm + 2 : st.nextContainerSequence++;
  const id = containerId(sequence);
  const slotsHere = st.r.placement.taskManagerOf.filter((k) => k === tm).length;
  startJvm(st.jvm, tm, {
    heapBytes: mem.jvmHeap,
    directLimitBytes: mem.maxDirectMemory,
    explicitGcDisabled: st.r.explicitGcDisabled,
    // Metaspace in use, code cache, thread stacks (Netty, Kafka, RocksDB and task threads), G1's remembered sets
    // and card tables, and glibc's malloc arenas: most of what Flink budgets as JVM overhead.
    nativeBaselineBytes: 320 * MIB + 0.05 * mem.jvmHeap + slotsHere * MIB,
  });
  st.jvm.promotionPerYoungGc[tm] = st.r.built.platform.promotionPerYoungGcBytes;
  // The network pool allocates every buffer at start and keeps them; the framework's Netty arenas follow.
  reserveDirect(st.jvm, tm, mem.networkBuffers * mem.segmentSize, mem.networkBuffers, false);
  const platform = st.r.built.platform;
  reserveDirect(st.jvm, tm, platform.frameworkDirectBytes, platform.frameworkDirectBuffers, false);
  st.alive[tm] = 1;
  st.fresh[tm] = 1;
  st.reportedFullGcs[tm] = 0;
  st.replacementAt[tm] = -1;
  st.rocksDbTasks[tm] = 0;
  st.managedTarget[tm] = 0;
  st.pids[tm] = 20_000 + st.rng.nextInt(40_000);
  st.containers[tm]?.push({ id, startSec: nowSec, endSec: null, end: null });
  st.freshStartsSec[tm]?.push(nowSec);
  const networkMb = Math.floor((mem.networkBuffers * mem.segmentSize) / MIB);
  st.events.push({
    t: nowSec,
    kind: 'taskmanager-started',
    taskManager: st.taskManagerId(tm),
    container: id,
    message: `TaskManager started in ${id} (${mem.jvmArgs}). Allocated ${networkMb} MB for network buffer pool (number of memory segments: ${mem.networkBuffers}, bytes per segment: ${mem.segmentSize}).`,
  });
}

/** The JVM is gone; its tasks' holdings vanish and YARN is asked for a replacement. */
function endJvm(st: EngineState, tm: number, nowSec: number, end: 'shutdown' | 'killed'): void {
  st.alive[tm] = 0;
  const container = st.containers[tm]?.at(-1);
  if (container) {
    container.endSec = nowSec;
    container.end = end;
  }
  const { taskManagerOf, subtasks } = st.r.placement;
  for (let s = 0; s < subtasks; s++) if (taskManagerOf[s] === tm) forgetSubtask(st, s);
  st.replacementAt[tm] = nowSec + CONTAINER_REPLACEMENT_SEC;
}

/** `yarn container -signal <id> GRACEFUL_SHUTDOWN`: SIGTERM, the TaskManager shuts down. */
export function shutDownTaskManager(st: EngineState, tm: number, nowSec: number): void {
  st.events.push({
    t: nowSec,
    kind: 'container-shutdown',
    taskManager: st.taskManagerId(tm),
    container: st.currentContainer(tm),
    message: `${SIGTERM_LINE} (yarn container -signal ${st.currentContainer(tm)} GRACEFUL_SHUTDOWN)`,
  });
  endJvm(st, tm, nowSec, 'shutdown');
}

/** YARN's container monitor found resident memory above the container's limit. */
export function killTaskManager(st: EngineState, tm: number, nowSec: number): void {
  const rss = residentBytes(st.jvm, tm);
  const limit = st.r.containerLimitBytes;
  const heapUntouched = (st.jvm.heapMax[tm] as number) - (st.jvm.heapTouched[tm] as number);
  st.containersKilled++;
  st.events.push({
    t: nowSec,
    kind: 'container-killed',
    taskManager: st.taskManagerId(tm),
    container: st.currentContainer(tm),
    message: yarnPhysicalKillText(
      st.pids[tm] as number,
      st.currentContainer(tm),
      rss,
      limit,
      rss + heapUntouched + 1.25 * 1024 * MIB,
      limit * VMEM_PMEM_RATIO,
    ),
  });
  // The monitor acts after this second's sample: the container's last second still has its figures.
  endJvm(st, tm, nowSec + 1, 'killed');
}
