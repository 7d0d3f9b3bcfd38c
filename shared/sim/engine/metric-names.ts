// Series names as Flink's TaskManager metric group spells them (reference/flink-memory.md section c), plus the
// one series that is not a Flink metric: the container's resident memory, which YARN checks against its limit.

export const G1_YOUNG_GENERATION = 'G1 Young Generation';
export const G1_OLD_GENERATION = 'G1 Old Generation';

export const METRIC = {
  directMemoryUsed: 'Status.JVM.Memory.Direct.MemoryUsed',
  directTotalCapacity: 'Status.JVM.Memory.Direct.TotalCapacity',
  directCount: 'Status.JVM.Memory.Direct.Count',
  heapUsed: 'Status.JVM.Memory.Heap.Used',
  // The per-pool heap metrics exist on Flink master only (FLINK-39956); named the way that group spells G1's pool.
  oldGenUsed: 'Status.JVM.Memory.Pool.G1 Old Gen.Used',
  youngGcCount: `Status.JVM.GarbageCollector.${G1_YOUNG_GENERATION}.Count`,
  youngGcTime: `Status.JVM.GarbageCollector.${G1_YOUNG_GENERATION}.Time`,
  oldGcCount: `Status.JVM.GarbageCollector.${G1_OLD_GENERATION}.Count`,
  oldGcTime: `Status.JVM.GarbageCollector.${G1_OLD_GENERATION}.Time`,
  /** Not a Flink metric: the process's resident set (what YARN's container monitor reads from /proc). */
  residentMemory: 'Process.ResidentMemory',
} as const;

export type TaskManagerMetricName = (typeof METRIC)[keyof typeof METRIC];

export const TASK_MANAGER_METRICS: readonly TaskManagerMetricName[] = Object.values(METRIC);
