// The seed's "separate application not running our job logic": a trivial source-to-sink job on the same
// platform configuration, to tell a platform leak from an application one (Figure 4).
import type { JobGraph } from '../topology/job-graph';

const MIB = 1024 * 1024;

export function controlJob(): JobGraph {
  return {
    operators: [
      {
        id: 'control-source',
        name: 'Kafka source: control_events',
        layer: 'control',
        description: 'Reads a test topic; nothing of the application runs.',
        kind: 'source',
        recordsPerSecond: 8000,
        arrivalsPerSecond: 2000,
        selectivity: 1,
        recordBytes: 500,
        heapBytesPerRecord: 600,
        openHeapBytes: 2 * MIB,
        threadDirectBytes: 1 * MIB,
        rocksDbState: false,
        transientDirectBytesPerRecord: 0,
      },
      {
        id: 'control-sink',
        name: 'Discarding sink',
        layer: 'control',
        description: 'Drops every record.',
        kind: 'sink',
        recordsPerSecond: 100_000,
        arrivalsPerSecond: 0,
        selectivity: 0,
        recordBytes: 500,
        heapBytesPerRecord: 64,
        openHeapBytes: 0,
        threadDirectBytes: 0,
        rocksDbState: false,
        transientDirectBytesPerRecord: 0,
      },
    ],
    edges: [{ from: 'control-source', to: 'control-sink', kind: 'rebalance' }],
  };
}
