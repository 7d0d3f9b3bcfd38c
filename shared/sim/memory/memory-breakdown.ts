// The result of the TaskManager memory derivation: every component in bytes, the JVM arguments, the network
// buffer count, and for each component the settings that decided it.
import type { FlinkConfig } from '../config/flink-config';
import { FlinkConfigError } from '../config/flink-config-error';
import { type ConfigSetting, readSize, TM_OPTIONS } from './memory-options';

export const MEMORY_COMPONENT_NAMES = [
  'frameworkHeap',
  'taskHeap',
  'managed',
  'frameworkOffHeap',
  'taskOffHeap',
  'network',
  'jvmMetaspace',
  'jvmOverhead',
  'totalFlinkMemory',
  'totalProcessMemory',
  'jvmHeap',
  'maxDirectMemory',
] as const;

export type MemoryComponentName = (typeof MEMORY_COMPONENT_NAMES)[number];

/** Which of Flink's three derivations ran: task heap + managed set, total Flink set, or total process set. */
export type DerivationMode = 'fine-grained' | 'total-flink' | 'total-process';

/** Why a component has its size: the settings read (defaults marked) and one short phrase on how. */
export interface MemorySource {
  how: string;
  settings: ConfigSetting[];
  /** Set when a fraction-derived size hit its min or max. */
  capped?: 'min' | 'max';
}

export interface MemoryBreakdown {
  frameworkHeap: number;
  taskHeap: number;
  managed: number;
  frameworkOffHeap: number;
  taskOffHeap: number;
  network: number;
  jvmMetaspace: number;
  jvmOverhead: number;
  totalFlinkMemory: number;
  totalProcessMemory: number;
  /** -Xmx = -Xms = framework heap + task heap. */
  jvmHeap: number;
  /** -XX:MaxDirectMemorySize = framework off-heap + task off-heap + network. */
  maxDirectMemory: number;
  /** floor(network / segmentSize): the direct buffers the network pool allocates at TaskManager start. */
  networkBuffers: number;
  /** `taskmanager.memory.segment-size`, default 32kb. */
  segmentSize: number;
  /** `-Xmx<n> -Xms<n> -XX:MaxDirectMemorySize=<n> -XX:MaxMetaspaceSize=<n>` as Flink generates it. */
  jvmArgs: string;
  mode: DerivationMode;
  sources: Record<MemoryComponentName, MemorySource>;
  /** Flink's INFO lines from the derivation (a fraction capped to its min or max, ...). */
  notes: string[];
}

type SizedComponent = Exclude<MemoryComponentName, 'jvmHeap' | 'maxDirectMemory'>;

export type SizedParts = Record<SizedComponent, { bytes: bigint; source: MemorySource }>;

const MIN_PAGE_SIZE = 4096n;
const INT_MAX = 2147483647n;

function toSafeNumber(bytes: bigint, what: string): number {
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new FlinkConfigError(
      `${what} is ${bytes} bytes, above ${Number.MAX_SAFE_INTEGER} bytes, the largest size Peel represents exactly.`,
      { keys: [TM_OPTIONS.totalProcess.key, TM_OPTIONS.totalFlink.key] },
    );
  }
  return Number(bytes);
}

// ConfigurationParserUtils.getPageSize and NettyShuffleEnvironmentConfiguration check these when the TaskManager
// starts; they are not memory-derivation errors, so they carry no prefix.
function readSegmentSize(config: FlinkConfig): bigint {
  const { bytes } = readSize(config, TM_OPTIONS.segmentSize);
  const key = TM_OPTIONS.segmentSize.key;
  const invalid = (reason: string) =>
    new FlinkConfigError(`Invalid configuration value for ${key} : ${bytes} - ${reason}`, { keys: [key] });
  if (bytes > INT_MAX) throw invalid('Cannot downcast long value to integer.');
  if (bytes < MIN_PAGE_SIZE) throw invalid(`Minimum memory segment size is ${MIN_PAGE_SIZE}`);
  if ((bytes & (bytes - 1n)) !== 0n) throw invalid('Memory segment size must be a power of 2.');
  return bytes;
}

export function finishBreakdown(
  config: FlinkConfig,
  mode: DerivationMode,
  parts: SizedParts,
  notes: string[],
): MemoryBreakdown {
  const jvmHeap = parts.frameworkHeap.bytes + parts.taskHeap.bytes;
  const maxDirect = parts.frameworkOffHeap.bytes + parts.taskOffHeap.bytes + parts.network.bytes;
  const segmentSize = readSegmentSize(config);
  const buffers = parts.network.bytes / segmentSize;
  if (buffers > INT_MAX) {
    throw new FlinkConfigError(
      `The given number of memory bytes (${parts.network.bytes}) corresponds to more than MAX_INT pages.`,
      { keys: [TM_OPTIONS.segmentSize.key] },
    );
  }
  const size = (name: SizedComponent) => toSafeNumber(parts[name].bytes, name);
  const sources = Object.fromEntries(
    Object.entries(parts).map(([name, part]) => [name, part.source]),
  ) as Record<SizedComponent, MemorySource>;
  return {
    frameworkHeap: size('frameworkHeap'),
    taskHeap: size('taskHeap'),
    managed: size('managed'),
    frameworkOffHeap: size('frameworkOffHeap'),
    taskOffHeap: size('taskOffHeap'),
    network: size('network'),
    jvmMetaspace: size('jvmMetaspace'),
    jvmOverhead: size('jvmOverhead'),
    totalFlinkMemory: size('totalFlinkMemory'),
    totalProcessMemory: size('totalProcessMemory'),
    jvmHeap: toSafeNumber(jvmHeap, 'jvmHeap'),
    maxDirectMemory: toSafeNumber(maxDirect, 'maxDirectMemory'),
    networkBuffers: Number(buffers),
    segmentSize: Number(segmentSize),
    jvmArgs: `-Xmx${jvmHeap} -Xms${jvmHeap} -XX:MaxDirectMemorySize=${maxDirect} -XX:MaxMetaspaceSize=${parts.jvmMetaspace.bytes}`,
    mode,
    sources: {
      ...sources,
      jvmHeap: { how: 'framework heap + task heap', settings: [] },
      maxDirectMemory: { how: 'framework off-heap + task off-heap + network', settings: [] },
    },
    notes,
  };
}
