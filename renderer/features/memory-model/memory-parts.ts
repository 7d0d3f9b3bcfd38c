// Flink's TaskManager memory components in the order of its memory model (the seed's Figure 1), with the groups
// the JVM limits them by: -Xmx for the heap, -XX:MaxDirectMemorySize for the direct parts, nothing for managed.
import type { MemoryBreakdown } from '../../../shared/contract/lab-entities';
import { formatBytes } from '../../../shared/sim/analysis/format-bytes';

export type MemoryPart =
  | 'frameworkHeap'
  | 'taskHeap'
  | 'managed'
  | 'frameworkOffHeap'
  | 'taskOffHeap'
  | 'network'
  | 'jvmMetaspace'
  | 'jvmOverhead';

export type MemoryGroup = 'heap' | 'managed' | 'direct' | 'jvm';

export interface MemoryPartInfo {
  part: MemoryPart;
  label: string;
  group: MemoryGroup;
  /** Reserved for Flink or the JVM itself (drawn as the lighter shade of its group). */
  reserved: boolean;
}

export const MEMORY_PARTS: readonly MemoryPartInfo[] = [
  { part: 'frameworkHeap', label: 'Framework heap', group: 'heap', reserved: true },
  { part: 'taskHeap', label: 'Task heap', group: 'heap', reserved: false },
  { part: 'managed', label: 'Managed', group: 'managed', reserved: false },
  { part: 'frameworkOffHeap', label: 'Framework off-heap', group: 'direct', reserved: true },
  { part: 'taskOffHeap', label: 'Task off-heap', group: 'direct', reserved: false },
  { part: 'network', label: 'Network', group: 'direct', reserved: false },
  { part: 'jvmMetaspace', label: 'JVM metaspace', group: 'jvm', reserved: false },
  { part: 'jvmOverhead', label: 'JVM overhead', group: 'jvm', reserved: true },
];

export interface MemoryGroupInfo {
  group: MemoryGroup;
  label: string;
  /** What limits the group, as the JVM or Flink states it. */
  limit: (memory: MemoryBreakdown) => string;
}

export const MEMORY_GROUPS: readonly MemoryGroupInfo[] = [
  { group: 'heap', label: 'JVM heap', limit: (m) => `-Xmx ${formatBytes(m.jvmHeap)}` },
  { group: 'managed', label: 'Managed (native)', limit: (m) => formatBytes(m.managed) },
  {
    group: 'direct',
    label: 'Direct limit',
    limit: (m) => `-XX:MaxDirectMemorySize=${formatBytes(m.maxDirectMemory)}`,
  },
  {
    group: 'jvm',
    label: 'JVM metaspace + overhead',
    limit: (m) => formatBytes(m.jvmMetaspace + m.jvmOverhead),
  },
];

export function partInfo(part: MemoryPart): MemoryPartInfo {
  return MEMORY_PARTS.find((info) => info.part === part) as MemoryPartInfo;
}

/** The eight parts add up to the process size; Flink's derivation guarantees it, the bar relies on it. */
export function partsTotal(memory: MemoryBreakdown): number {
  return MEMORY_PARTS.reduce((sum, info) => sum + memory[info.part], 0);
}
