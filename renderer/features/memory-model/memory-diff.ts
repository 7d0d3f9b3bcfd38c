// What a configuration change does to the TaskManager's memory, in the order an engineer chasing a direct OOM
// reads it: the direct limit first, then the heap, each component, the totals and the YARN container.
import type { MemoryBreakdown } from '../../../shared/contract/lab-entities';
import { formatBytes, formatSignedBytes } from '../../../shared/sim/analysis/format-bytes';
import { MEMORY_PARTS, type MemoryPart } from './memory-parts';

export interface MemoryState {
  memory: MemoryBreakdown;
  containerLimitBytes: number;
}

export interface MemoryChange {
  id: string;
  label: string;
  before: string;
  after: string;
  /** "+1 GiB", "-4096 buffers". */
  delta: string;
  /** The direct limit: the number this tool is about. */
  emphasis: boolean;
}

const bytesChange = (
  id: string,
  label: string,
  before: number,
  after: number,
  emphasis = false,
): MemoryChange[] =>
  before === after
    ? []
    : [
        {
          id,
          label,
          before: formatBytes(before),
          after: formatBytes(after),
          delta: formatSignedBytes(after - before),
          emphasis,
        },
      ];

export function diffMemory(before: MemoryState, after: MemoryState): MemoryChange[] {
  const a = before.memory;
  const b = after.memory;
  const buffers = b.networkBuffers - a.networkBuffers;
  return [
    ...bytesChange(
      'maxDirectMemory',
      'Direct limit (-XX:MaxDirectMemorySize)',
      a.maxDirectMemory,
      b.maxDirectMemory,
      true,
    ),
    ...bytesChange('jvmHeap', 'JVM heap (-Xmx)', a.jvmHeap, b.jvmHeap),
    ...MEMORY_PARTS.flatMap((info) => bytesChange(info.part, info.label, a[info.part], b[info.part])),
    ...(buffers === 0
      ? []
      : [
          {
            id: 'networkBuffers',
            label: 'Network buffers',
            before: String(a.networkBuffers),
            after: String(b.networkBuffers),
            delta: `${buffers > 0 ? '+' : ''}${buffers}`,
            emphasis: false,
          },
        ]),
    ...bytesChange('totalFlinkMemory', 'Total Flink memory', a.totalFlinkMemory, b.totalFlinkMemory),
    ...bytesChange('totalProcessMemory', 'Total process memory', a.totalProcessMemory, b.totalProcessMemory),
    ...bytesChange(
      'containerLimitBytes',
      'YARN container',
      before.containerLimitBytes,
      after.containerLimitBytes,
    ),
  ];
}

/** The components whose size differs, to outline on the preview bar. */
export function changedParts(before: MemoryBreakdown, after: MemoryBreakdown): Set<MemoryPart> {
  return new Set(
    MEMORY_PARTS.filter((info) => before[info.part] !== after[info.part]).map((info) => info.part),
  );
}
