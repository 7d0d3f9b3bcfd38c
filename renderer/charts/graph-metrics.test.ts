import { describe, expect, it } from 'vitest';
import { TASK_MANAGER_METRICS } from '../../shared/sim/engine/metric-names';
import { DEFAULT_GRAPH_METRIC, GRAPH_METRICS, graphMetric, limitLineFor } from './graph-metrics';

describe('graph metrics', () => {
  it('names only metrics the simulator records, each once', () => {
    for (const m of GRAPH_METRICS) expect(TASK_MANAGER_METRICS).toContain(m.metric);
    expect(new Set(GRAPH_METRICS.map((m) => m.id)).size).toBe(GRAPH_METRICS.length);
  });

  it('shows direct memory by default, in bytes, against the direct limit', () => {
    const direct = graphMetric(DEFAULT_GRAPH_METRIC);
    expect(direct.metric).toBe('Status.JVM.Memory.Direct.MemoryUsed');
    expect(limitLineFor(direct, { directBytes: 1224065686 })).toEqual({
      value: 1224065686,
      label: 'direct memory limit',
    });
  });

  it('judges resident memory against the container and leaves GC counters without a limit', () => {
    expect(limitLineFor(graphMetric('resident'), { containerBytes: 6 * 1024 ** 3 })?.label).toBe(
      'container limit',
    );
    expect(limitLineFor(graphMetric('gc-full-count'), { directBytes: 1 })).toBeNull();
    expect(limitLineFor(graphMetric('direct'), { directBytes: null })).toBeNull();
  });
});
