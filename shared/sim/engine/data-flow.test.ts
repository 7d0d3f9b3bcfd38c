import { describe, expect, it } from 'vitest';
import type { EdgeKind, JobGraph, OperatorSpec } from '../topology/job-graph';
import { placeSubtasks } from '../topology/placement';
import { FlowModel, stepFlow } from './data-flow';

function op(id: string, kind: OperatorSpec['kind'], recordsPerSecond: number, arrivals = 0): OperatorSpec {
  return {
    id,
    name: id,
    layer: 'layer1',
    description: '',
    kind,
    recordsPerSecond,
    arrivalsPerSecond: arrivals,
    selectivity: kind === 'sink' ? 0 : 1,
    recordBytes: 1024,
    heapBytesPerRecord: 100,
    openHeapBytes: 0,
    threadDirectBytes: 0,
    rocksDbState: false,
    transientDirectBytesPerRecord: 0,
  };
}

function chain(kind: EdgeKind, parallelism: number, skew: (s: number) => number = () => 1) {
  const operators = [
    op('source', 'source', 4000, 1000),
    op('map', 'transform', 3000),
    op('sink', 'sink', 2000),
  ];
  const graph: JobGraph = {
    operators,
    edges: [
      { from: 'source', to: 'map', kind },
      { from: 'map', to: 'sink', kind },
    ],
  };
  const flow = new FlowModel(operators, graph, placeSubtasks(operators, parallelism, 1), skew);
  flow.running.fill(1);
  const heap = new Float64Array(parallelism);
  const second = () => {
    for (let s = 0; s < parallelism; s++) flow.backlog[s] = (flow.backlog[s] as number) + 1000;
    stepFlow(flow, heap);
  };
  return { flow, second, heap };
}

const perSubtask = (flow: FlowModel, values: Float64Array, o: number) =>
  (values[o] as number) / flow.parallelism;

describe('stepFlow', () => {
  it('moves every record through a healthy job, idle time filling the rest of each second', () => {
    const { flow, second, heap } = chain('forward', 2);
    for (let t = 0; t < 10; t++) second();
    expect(flow.opProcessed[2]).toBeCloseTo(2000);
    expect(perSubtask(flow, flow.opBackPressuredMs, 0)).toBe(0);
    for (let o = 0; o < 3; o++) {
      const sum =
        perSubtask(flow, flow.opBusyMs, o) +
        perSubtask(flow, flow.opBackPressuredMs, o) +
        perSubtask(flow, flow.opIdleMs, o);
      expect(sum).toBeCloseTo(1000);
    }
    expect(heap[0]).toBeGreaterThan(0);
  });

  it('back-pressures upstream, one hop at a time, when the sink stops (credit runs out)', () => {
    const { flow, second } = chain('hash', 4);
    for (let t = 0; t < 5; t++) second();
    flow.sinkSpeed = 0;
    const bpAt = (o: number) => perSubtask(flow, flow.opBackPressuredMs, o);
    let mapBackPressuredAt = -1;
    let sourceBackPressuredAt = -1;
    for (let t = 0; t < 60; t++) {
      second();
      if (mapBackPressuredAt < 0 && bpAt(1) > 900) mapBackPressuredAt = t;
      if (sourceBackPressuredAt < 0 && bpAt(0) > 900) sourceBackPressuredAt = t;
    }
    expect(mapBackPressuredAt).toBeGreaterThanOrEqual(0);
    expect(sourceBackPressuredAt).toBeGreaterThan(mapBackPressuredAt);
    expect(flow.opProcessed[0]).toBe(0);
    // The paused sink sleeps in invoke(): busy, not idle.
    expect(perSubtask(flow, flow.opBusyMs, 2)).toBe(1000);
    // Queues stay within the buffers Flink gives them.
    for (let s = 0; s < flow.subtasks; s++)
      expect(flow.queue[s]).toBeLessThanOrEqual((flow.queueCapacity[s] as number) + 1e-6);
  });

  it('holds an all-to-all edge to its slowest consumer', () => {
    const slow = (s: number) => (s === 9 ? 0.3 : 1);
    const { flow, second } = chain('hash', 4, slow);
    for (let t = 0; t < 120; t++) second();
    // sink subtask 1 (index 9) runs at 600 records/s; with even hashing every producer waits for it.
    expect(flow.opProcessed[2]).toBeLessThan(4 * 700);
    expect(perSubtask(flow, flow.opBackPressuredMs, 1)).toBeGreaterThan(300);
    const forward = chain('forward', 4, slow);
    for (let t = 0; t < 120; t++) forward.second();
    expect(forward.flow.opProcessed[2]).toBeGreaterThan(3 * 900);
  });

  it('sizes input queues from the network buffers: 2 exclusive per channel, 8 floating, 10 per subpartition', () => {
    const { flow } = chain('hash', 4);
    // 4 channels x (2 + 10) + 8 = 56 buffers of 32 KiB, 32 records of 1 KiB each.
    expect(flow.queueCapacity[4]).toBe(56 * 32);
    const forward = chain('forward', 4);
    expect(forward.flow.queueCapacity[4]).toBe(20 * 32);
  });
});
