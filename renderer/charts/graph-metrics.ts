// The metrics the lab's main chart can show, in Flink's own names, with their unit and the limit each is judged
// against: direct memory against -XX:MaxDirectMemorySize, resident memory against the YARN container, heap
// against -Xmx, and the G1 collectors' counters for "is it a full GC problem?".

import type { ValueUnit } from '../../shared/report/chart/axis-ticks';
import type { LimitLine } from '../../shared/report/chart/chart-series';
import { METRIC, type TaskManagerMetricName } from '../../shared/sim/engine/metric-names';

export type GraphMetricId =
  | 'direct'
  | 'heap'
  | 'resident'
  | 'gc-full-count'
  | 'gc-full-time'
  | 'gc-young-count'
  | 'gc-young-time';

export type GraphMetricGroup = 'direct' | 'heap' | 'resident' | 'gc';

export type LimitKind = 'direct' | 'container' | 'heap';

export interface GraphMetric {
  id: GraphMetricId;
  group: GraphMetricGroup;
  /** The chart's title. */
  title: string;
  /** The switcher's label. */
  label: string;
  metric: TaskManagerMetricName;
  unit: ValueUnit;
  limit: LimitKind | null;
  /** One line on what to look for. */
  hint: string;
}

export const GRAPH_METRICS: readonly GraphMetric[] = [
  {
    id: 'direct',
    group: 'direct',
    title: 'Direct memory used',
    label: 'Direct memory',
    metric: METRIC.directMemoryUsed,
    unit: 'bytes',
    limit: 'direct',
    hint: 'A staircase that climbs at every restart and never comes down is a leak.',
  },
  {
    id: 'heap',
    group: 'heap',
    title: 'Heap used',
    label: 'Heap',
    metric: METRIC.heapUsed,
    unit: 'bytes',
    limit: 'heap',
    hint: 'A sawtooth is normal; a rising floor after each full GC is not.',
  },
  {
    id: 'resident',
    group: 'resident',
    title: 'Resident memory (RSS)',
    label: 'Resident (RSS)',
    metric: METRIC.residentMemory,
    unit: 'bytes',
    limit: 'container',
    hint: 'YARN kills the container when resident memory crosses the container size; Unsafe leaks show only here.',
  },
  {
    id: 'gc-full-count',
    group: 'gc',
    title: 'Full GCs (G1 Old Generation, count)',
    label: 'Full GC count',
    metric: METRIC.oldGcCount,
    unit: 'count',
    limit: null,
    hint: 'Direct buffers are only freed when a GC runs; no full GC, no release.',
  },
  {
    id: 'gc-full-time',
    group: 'gc',
    title: 'Full GC time (G1 Old Generation)',
    label: 'Full GC time',
    metric: METRIC.oldGcTime,
    unit: 'ms',
    limit: null,
    hint: 'Time spent in full GCs since the JVM started.',
  },
  {
    id: 'gc-young-count',
    group: 'gc',
    title: 'Young GCs (G1 Young Generation, count)',
    label: 'Young GC count',
    metric: METRIC.youngGcCount,
    unit: 'count',
    limit: null,
    hint: 'Young collections since the JVM started.',
  },
  {
    id: 'gc-young-time',
    group: 'gc',
    title: 'Young GC time (G1 Young Generation)',
    label: 'Young GC time',
    metric: METRIC.youngGcTime,
    unit: 'ms',
    limit: null,
    hint: 'Time spent in young collections since the JVM started.',
  },
];

export const DEFAULT_GRAPH_METRIC: GraphMetricId = 'direct';

export function graphMetric(id: GraphMetricId): GraphMetric {
  return GRAPH_METRICS.find((m) => m.id === id) ?? GRAPH_METRICS[0]!;
}

export interface MemoryLimits {
  /** -XX:MaxDirectMemorySize (JobPlan.directLimitBytes, RunTaskManagerInfo.directLimit). */
  directBytes?: number | null;
  /** The YARN container size (JobPlan.containerLimitBytes). */
  containerBytes?: number | null;
  /** -Xmx (JobPlan.memory.jvmHeap). */
  heapBytes?: number | null;
}

/** The limit line of a metric, or null when it has none or the limit is unknown. */
export function limitLineFor(metric: GraphMetric, limits: MemoryLimits): LimitLine | null {
  const pick = (value: number | null | undefined, label: string): LimitLine | null =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? { value, label } : null;
  switch (metric.limit) {
    case 'direct':
      return pick(limits.directBytes, 'direct memory limit');
    case 'container':
      return pick(limits.containerBytes, 'container limit');
    case 'heap':
      return pick(limits.heapBytes, 'heap limit (-Xmx)');
    default:
      return null;
  }
}
