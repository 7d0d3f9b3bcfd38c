// Reads a metric's name (and labels) as Peel's metric kinds, whichever way it was exported: Flink's dotted scope
// (`Status.JVM.Memory.Direct.MemoryUsed`, possibly behind `<host>.taskmanager.<tm_id>.`), Flink's Prometheus
// reporter (`flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed{tm_id=...}`), or the Java Prometheus client's
// JVM collectors (`jvm_buffer_pool_used_bytes{pool="direct"}`) that a plain JVM exposes.
import { METRIC } from '../sim/engine/metric-names';

export type MetricKind =
  | 'direct-used'
  | 'direct-capacity'
  | 'direct-count'
  | 'mapped-used'
  | 'mapped-count'
  | 'heap-used'
  | 'heap-committed'
  | 'heap-max'
  | 'non-heap-used'
  | 'metaspace-used'
  | 'network-used'
  | 'network-total'
  | 'resident'
  | 'gc-count'
  | 'gc-time'
  | 'uptime'
  | 'restarts'
  | 'back-pressure';

/** What a value counts: bytes, a plain count, milliseconds or seconds of time, a per-second rate or a ratio. */
export type MetricUnit =
  | 'bytes'
  | 'count'
  | 'milliseconds'
  | 'seconds'
  | 'ms-per-second'
  | 'ratio'
  | 'unknown';

export interface MetricReading {
  kind: MetricKind;
  unit: MetricUnit;
  /** Flink's name for the TaskManager metric when it has one (the simulator's series names, metric-names.ts). */
  flinkName: string | null;
  /** The garbage collector for gc-count and gc-time ("G1 Young Generation"). */
  collector?: string;
}

interface FlinkRule {
  /** The name with every character outside [a-z0-9] made `_`, lower case; matched as a suffix. */
  suffix: string;
  kind: MetricKind;
  unit: MetricUnit;
  flinkName: string | null;
}

const flinkRule = (
  name: string,
  kind: MetricKind,
  unit: MetricUnit,
  flinkName: string | null = name,
): FlinkRule => ({
  suffix: normalise(name),
  kind,
  unit,
  flinkName,
});

// Longest first is not needed: no suffix here is a suffix of another after normalising.
const FLINK_RULES: readonly FlinkRule[] = [
  flinkRule(METRIC.directMemoryUsed, 'direct-used', 'bytes'),
  flinkRule(METRIC.directTotalCapacity, 'direct-capacity', 'bytes'),
  flinkRule(METRIC.directCount, 'direct-count', 'count'),
  flinkRule('Status.JVM.Memory.Mapped.MemoryUsed', 'mapped-used', 'bytes'),
  flinkRule('Status.JVM.Memory.Mapped.Count', 'mapped-count', 'count'),
  flinkRule(METRIC.heapUsed, 'heap-used', 'bytes'),
  flinkRule('Status.JVM.Memory.Heap.Committed', 'heap-committed', 'bytes'),
  flinkRule('Status.JVM.Memory.Heap.Max', 'heap-max', 'bytes'),
  flinkRule('Status.JVM.Memory.NonHeap.Used', 'non-heap-used', 'bytes'),
  flinkRule('Status.JVM.Memory.Metaspace.Used', 'metaspace-used', 'bytes'),
  flinkRule('Status.Shuffle.Netty.UsedMemory', 'network-used', 'bytes'),
  flinkRule('Status.Shuffle.Netty.TotalMemory', 'network-total', 'bytes'),
  flinkRule(METRIC.residentMemory, 'resident', 'bytes'),
  flinkRule('numRestarts', 'restarts', 'count', null),
  flinkRule('fullRestarts', 'restarts', 'count', null),
  flinkRule('uptime', 'uptime', 'milliseconds', null),
  flinkRule('backPressuredTimeMsPerSecond', 'back-pressure', 'ms-per-second', null),
];

const GC_PATTERN = /(?:^|[._])GarbageCollector[._](.+)[._](Count|Time)$/i;

/** Peel's reading of a metric name and its labels; null when it is none of the kinds Peel knows. */
export function recogniseMetric(
  name: string,
  labels: Readonly<Record<string, string>> = {},
): MetricReading | null {
  const flat = normalise(name);
  for (const rule of FLINK_RULES) {
    if (flat === rule.suffix || flat.endsWith(`_${rule.suffix}`)) {
      return { kind: rule.kind, unit: rule.unit, flinkName: rule.flinkName };
    }
  }
  const gc = GC_PATTERN.exec(name);
  if (gc?.[1] !== undefined && gc[2] !== undefined) {
    // The Prometheus reporter turns the collector's spaces into underscores; Flink's own name has spaces.
    const collector = gc[1].replace(/_/g, ' ');
    const isCount = gc[2].toLowerCase() === 'count';
    return {
      kind: isCount ? 'gc-count' : 'gc-time',
      unit: isCount ? 'count' : 'milliseconds',
      flinkName: `Status.JVM.GarbageCollector.${collector}.${isCount ? 'Count' : 'Time'}`,
      collector,
    };
  }
  return recogniseJvmCollector(name, labels);
}

// The Java Prometheus client's hotspot collectors (simpleclient_hotspot and client_java 1.x spellings).
function recogniseJvmCollector(name: string, labels: Readonly<Record<string, string>>): MetricReading | null {
  const pool = labels.pool?.toLowerCase();
  const area = labels.area?.toLowerCase();
  const buffer = (direct: MetricKind, mapped: MetricKind, unit: MetricUnit): MetricReading | null => {
    if (pool === 'direct') return { kind: direct, unit, flinkName: flinkNameOf(direct) };
    if (pool === 'mapped') return { kind: mapped, unit, flinkName: flinkNameOf(mapped) };
    return null;
  };
  switch (name) {
    case 'jvm_buffer_pool_used_bytes':
      return buffer('direct-used', 'mapped-used', 'bytes');
    case 'jvm_buffer_pool_capacity_bytes':
      return pool === 'direct'
        ? { kind: 'direct-capacity', unit: 'bytes', flinkName: METRIC.directTotalCapacity }
        : null;
    case 'jvm_buffer_pool_used_buffers':
    case 'jvm_buffer_pool_used_buffers_total':
      return buffer('direct-count', 'mapped-count', 'count');
    case 'jvm_memory_bytes_used':
    case 'jvm_memory_used_bytes':
      if (area === 'heap') return { kind: 'heap-used', unit: 'bytes', flinkName: METRIC.heapUsed };
      if (area === 'nonheap')
        return { kind: 'non-heap-used', unit: 'bytes', flinkName: flinkNameOf('non-heap-used') };
      return null;
    case 'jvm_memory_bytes_committed':
    case 'jvm_memory_committed_bytes':
      return area === 'heap'
        ? { kind: 'heap-committed', unit: 'bytes', flinkName: flinkNameOf('heap-committed') }
        : null;
    case 'jvm_memory_bytes_max':
    case 'jvm_memory_max_bytes':
      return area === 'heap' ? { kind: 'heap-max', unit: 'bytes', flinkName: flinkNameOf('heap-max') } : null;
    case 'process_resident_memory_bytes':
      return { kind: 'resident', unit: 'bytes', flinkName: METRIC.residentMemory };
    case 'jvm_gc_collection_seconds_count':
    case 'jvm_gc_collection_seconds_sum': {
      const collector = labels.gc ?? 'unknown';
      const isCount = name.endsWith('_count');
      return {
        kind: isCount ? 'gc-count' : 'gc-time',
        unit: isCount ? 'count' : 'seconds',
        flinkName: `Status.JVM.GarbageCollector.${collector}.${isCount ? 'Count' : 'Time'}`,
        collector,
      };
    }
    default:
      return null;
  }
}

function flinkNameOf(kind: MetricKind): string | null {
  return FLINK_RULES.find((rule) => rule.kind === kind)?.flinkName ?? null;
}

/**
 * The TaskManager a series belongs to: the reporter's `tm_id` label, else the id in a dotted scope
 * (`<host>.taskmanager.<tm_id>.Status...`), else the scrape target (`instance`) for a plain JVM exporter.
 */
export function taskManagerOf(name: string, labels: Readonly<Record<string, string>> = {}): string | null {
  if (labels.tm_id) return labels.tm_id;
  const scoped = /(?:^|\.)taskmanager\.([^.]+)\./.exec(name);
  if (scoped?.[1] !== undefined) return scoped[1];
  if (labels.taskmanager_id) return labels.taskmanager_id;
  if (labels.instance) return labels.instance;
  return null;
}

function normalise(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();
}
