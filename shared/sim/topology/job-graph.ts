// A streaming job as the simulator sees it: operators with their throughput and memory behaviour, joined by
// forward / hash / rebalance edges. Plain data, so scenarios can build it and peeling can rewrite it.
export type EdgeKind = 'forward' | 'hash' | 'rebalance';

/** Which memory an operator uses, for the app's topology diagram and the plan. */
export interface MemoryKinds {
  heap: boolean;
  /** Direct buffers counted against -XX:MaxDirectMemorySize (task off-heap). */
  direct: boolean;
  /** Network buffers (every operator with an input or output edge). */
  network: boolean;
  /** Unsafe / native allocations outside the direct pool (RocksDB managed memory, ChronicleMap). */
  native: boolean;
  /** Memory-mapped files (the `mapped` buffer pool). */
  mapped: boolean;
}

/** `direct`: one DirectByteBuffer; `unsafe`: Unsafe.allocateMemory as a real ChronicleMap; `heap`: an immutable HashMap. */
export type MapBacking = 'direct' | 'unsafe' | 'heap';

/** An async RPC client (the seed's Thrift calls to the KV store): one request and one response buffer per call. */
export interface RpcBehaviour {
  /** Records batched into one call. */
  recordsPerCall: number;
  /** Request + response payload per call, in DirectByteBuffers. */
  bytesPerCall: number;
  /** Size of one buffer (the response), the size a failing reservation names. */
  bufferBytes: number;
  /** Async I/O capacity: calls in flight or completed but not yet emitted. */
  asyncCapacity: number;
  latencyMs: number;
  /** Heap per record for the deserialized response; grows with the payload like the buffers do. */
  responseHeapBytesPerRecord: number;
  /**
   * Buffers come from a pool sized to the most calls ever in flight and are reused, instead of a fresh pair per
   * call that only a GC frees; the pool is freed in close().
   */
  pooled: boolean;
  /**
   * close() leaves the calls of the async queue registered with a client that outlives the task (a shared
   * callback executor), so their buffers stay reachable: a leak only as large as the queue was when the task
   * closed, which is about one call in normal flow and the whole capacity under back pressure. Absent: false.
   */
  keepsQueueOnClose?: boolean;
}

export interface MapSpec {
  bytes: number;
  backing: MapBacking;
  /** close() frees the map (the fix) or only drops the reference (the seed's bug). */
  closeFrees: boolean;
  /** A dropped map stays reachable (e.g. in a static). */
  keptReachable: boolean;
  /** How often the file is downloaded again and the map rebuilt. */
  refreshSec: number;
  /** `swap`: a new map is built and swapped in; `in-place`: entries are updated, no second copy. */
  refresh: 'swap' | 'in-place';
}

export interface OperatorSpec {
  /** Stable kebab-case id (`--remove` and the app use it). */
  id: string;
  name: string;
  /** `layer1`..`layer3` for the seed's layers; `control` for the control job; `generated` for added sinks. */
  layer: string;
  description: string;
  kind: 'source' | 'transform' | 'sink';
  /** Records one subtask can process per second when nothing holds it back. */
  recordsPerSecond: number;
  /** Sources only: records arriving per subtask per second (the Kafka topic's rate), before the daily swing. */
  arrivalsPerSecond: number;
  /** Output records per input record. */
  selectivity: number;
  /** Serialized size of an output record: how many fit into one 32 KiB network buffer. */
  recordBytes: number;
  /** Short-lived heap allocated per record processed (young garbage). */
  heapBytesPerRecord: number;
  /** Heap built in open() and held until close() (caches, deserializers): tenured garbage after close(). */
  openHeapBytes: number;
  /** Direct buffers held while the task runs (I/O threads' temporary buffer caches), freed in close(). */
  threadDirectBytes: number;
  /** Keyed state in RocksDB: uses the slot's managed memory (native, resident only). */
  rocksDbState: boolean;
  rpc?: RpcBehaviour;
  map?: MapSpec;
  /** Direct buffers allocated and released per record (an HTTP client's request buffers). */
  transientDirectBytesPerRecord: number;
}

export interface EdgeSpec {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface JobGraph {
  operators: OperatorSpec[];
  edges: EdgeSpec[];
}

export function memoryKindsOf(op: OperatorSpec, graph: JobGraph): MemoryKinds {
  const connected = graph.edges.some((e) => e.from === op.id || e.to === op.id);
  return {
    heap: true,
    direct:
      op.threadDirectBytes > 0 ||
      op.rpc !== undefined ||
      op.transientDirectBytesPerRecord > 0 ||
      op.map?.backing === 'direct',
    network: connected,
    native: op.rocksDbState || op.map?.backing === 'unsafe',
    mapped: false,
  };
}

/** Operators in topological order (sources first); throws on a cycle, which a streaming job graph cannot have. */
export function topologicalOrder(graph: JobGraph): OperatorSpec[] {
  const indegree = new Map(graph.operators.map((op) => [op.id, 0]));
  for (const edge of graph.edges) indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
  const byId = new Map(graph.operators.map((op) => [op.id, op]));
  const ready = graph.operators.filter((op) => indegree.get(op.id) === 0).map((op) => op.id);
  const order: OperatorSpec[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(byId.get(id) as OperatorSpec);
    for (const edge of graph.edges) {
      if (edge.from !== id) continue;
      const left = (indegree.get(edge.to) ?? 0) - 1;
      indegree.set(edge.to, left);
      if (left === 0) ready.push(edge.to);
    }
  }
  if (order.length !== graph.operators.length) throw new Error('The job graph has a cycle.');
  return order;
}

export function layersOf(graph: JobGraph): string[] {
  return [...new Set(graph.operators.map((op) => op.layer))];
}
