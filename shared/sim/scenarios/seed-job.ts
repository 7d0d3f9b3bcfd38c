// The seed's job (Pinterest's ads pipeline, Figure 5) as 13 operators in three layers, and the platform it runs
// on. Rates are per subtask, so the job behaves the same per TaskManager at any parallelism. The figures are
// chosen so the healthy job fits its memory with room to spare; the numbers a scenario changes are options.
import type { JobGraph, MapBacking, OperatorSpec } from '../topology/job-graph';
import type { FailContainersFault, FaultPlan, PayloadSpikeFault, PlatformSpec } from './scenario-types';

const KIB = 1024;
const MIB = 1024 * KIB;

export interface SeedJobOptions {
  mapBacking: MapBacking;
  /** close() frees the map (fixed) or drops the reference (the seed's bug). */
  mapCloseFrees: boolean;
  mapKeptReachable: boolean;
  mapBytes: number;
  mapRefreshSec: number;
  mapRefresh: 'swap' | 'in-place';
  /** Thrift buffers pooled and reused instead of one fresh pair per call. */
  rpcPooled: boolean;
}

export const SEED_MAP_BYTES = 128 * MIB;

export const SEED_JOB_DEFAULTS: SeedJobOptions = {
  mapBacking: 'direct',
  mapCloseFrees: true,
  mapKeptReachable: false,
  mapBytes: SEED_MAP_BYTES,
  mapRefreshSec: 3600,
  mapRefresh: 'swap',
  rpcPooled: false,
};

function operator(
  fields: Partial<OperatorSpec> & Pick<OperatorSpec, 'id' | 'name' | 'layer' | 'description'>,
) {
  return {
    kind: 'transform',
    recordsPerSecond: 10_000,
    arrivalsPerSecond: 0,
    selectivity: 1,
    recordBytes: 800,
    heapBytesPerRecord: 800,
    openHeapBytes: 256 * KIB,
    threadDirectBytes: 0,
    rocksDbState: false,
    transientDirectBytesPerRecord: 0,
    ...fields,
  } satisfies OperatorSpec;
}

function kafkaSource(topic: string, arrivals: number): OperatorSpec {
  return operator({
    id: `kafka-${topic}`,
    name: `Kafka source: ads_${topic}`,
    layer: 'layer1',
    description: `Reads the ads_${topic} topic (KafkaSource). Its fetcher thread keeps a temporary direct buffer cache.`,
    kind: 'source',
    recordsPerSecond: arrivals * 4,
    arrivalsPerSecond: arrivals,
    recordBytes: 600,
    heapBytesPerRecord: 400,
    openHeapBytes: 1 * MIB,
    threadDirectBytes: 1 * MIB,
  });
}

function deserializer(topic: string, capacity: number): OperatorSpec {
  return operator({
    id: `deserialize-${topic}`,
    name: `Deserialize ${topic}`,
    layer: 'layer1',
    description: `Deserializes Thrift ${topic} events into internal objects (heap only).`,
    recordsPerSecond: capacity,
    recordBytes: 900,
    heapBytesPerRecord: 2 * KIB,
  });
}

export function seedJob(options: SeedJobOptions = SEED_JOB_DEFAULTS): JobGraph {
  const operators: OperatorSpec[] = [
    kafkaSource('impressions', 3000),
    kafkaSource('clicks', 600),
    kafkaSource('conversions', 150),
    deserializer('impressions', 9000),
    deserializer('clicks', 4000),
    deserializer('conversions', 2000),
    operator({
      id: 'join-engagements',
      name: 'Join engagements',
      layer: 'layer2',
      description: 'Keyed interval join of impressions, clicks and conversions by ad id; state in RocksDB.',
      recordsPerSecond: 8000,
      selectivity: 0.6,
      recordBytes: 1200,
      heapBytesPerRecord: 1500,
      openHeapBytes: 2 * MIB,
      rocksDbState: true,
    }),
    operator({
      id: 'transform-engagements',
      name: 'Transform engagements',
      layer: 'layer2',
      description: 'Derives billable events and metric dimensions from the joined records.',
      recordsPerSecond: 9000,
      recordBytes: 1200,
      heapBytesPerRecord: 800,
    }),
    operator({
      id: 'kvstore-enrich',
      name: 'KV-store enrichment (async RPC)',
      layer: 'layer2',
      description:
        'Async I/O to an external KV store over Thrift: batches of 500 records, large payloads read into fresh DirectByteBuffers. The slowest operator of the job.',
      recordsPerSecond: 5000,
      recordBytes: 1400,
      heapBytesPerRecord: 600,
      threadDirectBytes: 4 * MIB,
      rpc: {
        recordsPerCall: 500,
        bytesPerCall: 512 * KIB,
        bufferBytes: 448 * KIB,
        asyncCapacity: 200,
        latencyMs: 40,
        responseHeapBytesPerRecord: 1500,
        pooled: options.rpcPooled,
      },
    }),
    operator({
      id: 'aggregate-spend',
      name: 'Aggregate spend',
      layer: 'layer3',
      description: 'Keyed by advertiser: one-minute tumbling windows of spend; state in RocksDB.',
      recordsPerSecond: 10_000,
      selectivity: 0.9,
      recordBytes: 1000,
      heapBytesPerRecord: 1000,
      openHeapBytes: 1 * MIB,
      rocksDbState: true,
    }),
    operator({
      id: 'currency-convert',
      name: 'Currency conversion',
      layer: 'layer3',
      description:
        'Converts spend with exchange rates from a file downloaded every hour into an off-heap map (ChronicleMap-like), swapped for a fresh map on each download.',
      recordsPerSecond: 12_000,
      recordBytes: 1000,
      heapBytesPerRecord: 600,
      map: {
        bytes: options.mapBytes,
        backing: options.mapBacking,
        closeFrees: options.mapCloseFrees,
        keptReachable: options.mapKeptReachable,
        refreshSec: options.mapRefreshSec,
        refresh: options.mapRefresh,
      },
    }),
    operator({
      id: 'format-druid-rows',
      name: 'Format Druid rows',
      layer: 'layer3',
      description: 'Builds Druid rows (dimensions and metrics) from the converted events.',
      recordsPerSecond: 12_000,
      recordBytes: 700,
      heapBytesPerRecord: 1200,
    }),
    operator({
      id: 'druid-sink',
      name: 'Druid sink',
      layer: 'layer3',
      description: 'Pushes batches to Druid over HTTP; the client copies each batch through direct buffers.',
      kind: 'sink',
      recordsPerSecond: 12_000,
      selectivity: 0,
      heapBytesPerRecord: 500,
      threadDirectBytes: 2 * MIB,
      transientDirectBytesPerRecord: 64,
    }),
  ];
  const edges: JobGraph['edges'] = [
    { from: 'kafka-impressions', to: 'deserialize-impressions', kind: 'forward' },
    { from: 'kafka-clicks', to: 'deserialize-clicks', kind: 'forward' },
    { from: 'kafka-conversions', to: 'deserialize-conversions', kind: 'forward' },
    { from: 'deserialize-impressions', to: 'join-engagements', kind: 'hash' },
    { from: 'deserialize-clicks', to: 'join-engagements', kind: 'hash' },
    { from: 'deserialize-conversions', to: 'join-engagements', kind: 'hash' },
    { from: 'join-engagements', to: 'transform-engagements', kind: 'forward' },
    { from: 'transform-engagements', to: 'kvstore-enrich', kind: 'forward' },
    { from: 'kvstore-enrich', to: 'aggregate-spend', kind: 'hash' },
    { from: 'aggregate-spend', to: 'currency-convert', kind: 'forward' },
    { from: 'currency-convert', to: 'format-druid-rows', kind: 'forward' },
    { from: 'format-druid-rows', to: 'druid-sink', kind: 'forward' },
  ];
  return { operators, edges };
}

/**
 * The Flink configuration of the seed's platform: one slot per YARN container, RocksDB state, checkpoints every
 * minute with no tolerance for a failed one, region failover, and `-XX:+DisableExplicitGC`, which online
 * services set to avoid full-GC pauses (and which makes a direct leak end in OOMs: JVM reference rule 6).
 */
export function seedPlatformConfig(): Record<string, string> {
  return {
    'taskmanager.numberOfTaskSlots': '1',
    'taskmanager.memory.process.size': '6g',
    'taskmanager.memory.managed.fraction': '0.25',
    'taskmanager.memory.task.off-heap.size': '512m',
    'state.backend.type': 'rocksdb',
    'execution.checkpointing.interval': '1 min',
    'execution.checkpointing.timeout': '10 min',
    'execution.checkpointing.tolerable-failed-checkpoints': '0',
    'jobmanager.execution.failover-strategy': 'region',
    'restart-strategy.type': 'exponential-delay',
    'env.java.opts': '-XX:+DisableExplicitGC',
  };
}

export function seedPlatform(): PlatformSpec {
  return {
    // Flink's NettyBufferPool: one arena per slot plus the server's, 16 MiB chunks (maxOrder 11, 8 KiB pages).
    frameworkDirectBytes: 32 * MIB,
    frameworkDirectBuffers: 2,
    retainedDirectPerDeployBytes: 0,
    idleHeapBytesPerSecond: 2 * MIB,
    // Tuned for rare old-generation collections, as the seed's online service is: little is promoted.
    promotionPerYoungGcBytes: 256 * KIB,
  };
}

/** The seed's experiment: a random sample of containers shut down every 30 minutes (a quarter of them). */
export function containersEveryHalfHour(hours: number, parallelism: number): FaultPlan['failContainers'] {
  const count = Math.max(1, Math.round(parallelism / 4));
  const faults: FaultPlan['failContainers'] = [];
  for (let t = 1800; t < hours * 3600; t += 1800) faults.push({ atSec: t, count });
  return faults;
}

/** How long the replay after a restart keeps the KV-store payloads swollen, and by how much. */
export const REPLAY_SPIKE_SEC = 300;
export const REPLAY_PAYLOAD_FACTOR = 3;

/**
 * The seed's Layer 2 after each restart: the job replays from its last checkpoint and catches up on the Kafka lag,
 * so kvstore-enrich's calls carry full batches of large payloads for a few minutes. Their fresh DirectByteBuffers
 * raise direct memory right after each restart and the next young GCs free them: the seed's "minor blip but no
 * definitive staircase" when Layer 3 is removed (Figure 7). One spike after each shutdown of `failContainers`.
 */
export function replayPayloadSpikes(
  failContainers: readonly FailContainersFault[],
  hours: number,
): PayloadSpikeFault[] {
  const end = hours * 3600;
  return failContainers
    .map((f) => f.atSec)
    .filter((t, i, all) => t < end && all.indexOf(t) === i)
    .sort((a, b) => a - b)
    .map((t) => ({ fromSec: t, toSec: Math.min(end, t + REPLAY_SPIKE_SEC), factor: REPLAY_PAYLOAD_FACTOR }));
}
