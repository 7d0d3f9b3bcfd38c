// Draws a drill's pipeline from its template: Kafka sources and deserializers (layer 1), a join and enrichers
// (layer 2), an aggregation, output steps and a Druid sink (layer 3). Operators with a reference-data map or an
// RPC client are placed among the enrichers and outputs; all of one capability look alike (same description,
// same memory kind), so a trainee cannot tell the defective one from its topology. Rates follow the seed job's.
import type { Prng } from '../sim/random/prng';
import type { JobGraph, MapBacking, OperatorSpec } from '../sim/topology/job-graph';
import type { PipelineTemplate, Range } from './drill-types';

const KIB = 1024;
const MIB = 1024 * KIB;

export function draw(rng: Prng, [min, max]: Range): number {
  return min + rng.nextInt(max - min + 1);
}

function shuffled<T>(rng: Prng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const TOPICS = ['impressions', 'clicks', 'conversions', 'views', 'installs', 'searches', 'saves'];
/** Relative volume of each topic; a variant's topics share the seed job's 3,750 records per subtask and second. */
const TOPIC_WEIGHTS = [3000, 600, 150, 900, 300, 1200, 450];
const TOTAL_ARRIVALS = 3750;

/** Reference data looked up per record: [id, name, what is looked up]. */
const MAP_ROLES: ReadonlyArray<[string, string, string]> = [
  ['convert-currency', 'Currency conversion', 'exchange rates'],
  ['lookup-geo', 'Geo lookup', 'the region of each IP address'],
  ['lookup-campaign', 'Campaign metadata', 'campaign budgets and owners'],
  ['lookup-device', 'Device catalogue', 'device models and OS versions'],
  ['lookup-category', 'Category taxonomy', 'the category tree of each product'],
  ['lookup-publisher', 'Publisher directory', 'publisher accounts and rev-share terms'],
];

/** Async calls to a service: [id, name, service]. */
const RPC_ROLES: ReadonlyArray<[string, string, string]> = [
  ['enrich-profile', 'User profile enrichment (async RPC)', 'the user-profile KV store'],
  ['enrich-ad', 'Ad metadata enrichment (async RPC)', 'the ad-metadata service'],
  ['score-fraud', 'Fraud scoring (async RPC)', 'the fraud-scoring service'],
  ['check-budget', 'Budget check (async RPC)', 'the budget service'],
];

const PLAIN_ROLES: ReadonlyArray<[string, string, string]> = [
  ['filter-bots', 'Filter bot traffic', 'Drops records from known crawlers and test devices.'],
  ['transform-events', 'Transform events', 'Derives billable events and metric dimensions.'],
  ['dedupe-events', 'Deduplicate events', 'Drops records seen in the last minute (heap set per key group).'],
  ['normalize-fields', 'Normalize fields', 'Trims, lower-cases and validates the record fields.'],
  ['format-rows', 'Format Druid rows', 'Builds Druid rows (dimensions and metrics) from the events.'],
  ['sample-debug', 'Sample for debugging', 'Copies one record in a million to the debug log.'],
];

function operator(
  fields: Partial<OperatorSpec> & Pick<OperatorSpec, 'id' | 'name' | 'layer' | 'description'>,
): OperatorSpec {
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
  };
}

const BACKING_WORDS: Record<MapBacking, string> = {
  direct: 'an off-heap map (one direct buffer)',
  unsafe: 'an off-heap ChronicleMap (Unsafe memory)',
  heap: 'an immutable HashMap on the heap',
};

/** Map operators of one variant share backing, size class and refresh, so none stands out. */
export interface MapStyle {
  backing: MapBacking;
  bytes: Range;
  refreshSec: number;
}

/** RPC clients of one variant either all pool their buffers or all allocate per call (the seed's client). */
export interface RpcStyle {
  pooled: boolean;
}

function mapOperator(
  role: [string, string, string],
  layer: string,
  style: MapStyle,
  rng: Prng,
): OperatorSpec {
  const [id, name, what] = role;
  const bytes = draw(rng, [style.bytes[0] / (16 * MIB), style.bytes[1] / (16 * MIB)]) * 16 * MIB;
  return operator({
    id,
    name,
    layer,
    description: `Looks up ${what} in ${BACKING_WORDS[style.backing]} built in open() from a file downloaded every ${Math.round(style.refreshSec / 60)} minutes and refreshed on each download.`,
    recordsPerSecond: 12_000,
    recordBytes: 1000,
    heapBytesPerRecord: 600,
    map: {
      bytes,
      backing: style.backing,
      closeFrees: true,
      keptReachable: false,
      refreshSec: style.refreshSec,
      refresh: style.backing === 'heap' ? 'in-place' : 'swap',
    },
  });
}

function rpcOperator(
  role: [string, string, string],
  layer: string,
  style: RpcStyle,
  rng: Prng,
): OperatorSpec {
  const [id, name, service] = role;
  return operator({
    id,
    name,
    layer,
    description: `Async I/O to ${service} over Thrift: batches of 500 records, responses read into direct buffers.`,
    recordsPerSecond: 5000 + 500 * rng.nextInt(3),
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
      pooled: style.pooled,
    },
  });
}

function plainOperator(role: [string, string, string], layer: string): OperatorSpec {
  const [id, name, description] = role;
  return operator({ id, name, layer, description, recordsPerSecond: 11_000, heapBytesPerRecord: 1000 });
}

export interface DrawnPipeline {
  graph: JobGraph;
  mapOperators: string[];
  rpcOperators: string[];
}

/** A pipeline within `template`; `minMaps` / `minRpc` raise the template's lower bounds when a defect needs one. */
export function drawPipeline(
  rng: Prng,
  template: PipelineTemplate,
  mapStyle: MapStyle,
  rpcStyle: RpcStyle,
  minMaps: number,
  minRpc: number,
): DrawnPipeline {
  const sourceCount = Math.min(TOPICS.length, draw(rng, template.sources));
  const topicIdx = rng.sample(TOPICS.length, sourceCount);
  const maps = Math.min(MAP_ROLES.length, Math.max(minMaps, draw(rng, template.mapOperators)));
  const rpcs = Math.min(RPC_ROLES.length, Math.max(minRpc, draw(rng, template.rpcOperators)));
  const enricherSlots = Math.max(draw(rng, template.enrichers), 0);
  const outputSlots = Math.max(draw(rng, template.outputs), 0);
  // Capabilities first, plain steps fill what is left; there are always enough slots for the capabilities.
  const special: Array<'map' | 'rpc'> = [
    ...Array.from({ length: maps }, () => 'map' as const),
    ...Array.from({ length: rpcs }, () => 'rpc' as const),
  ];
  const slots = Math.max(enricherSlots + outputSlots, special.length);
  const kinds: Array<'map' | 'rpc' | 'plain'> = shuffled(rng, [
    ...special,
    ...Array.from({ length: slots - special.length }, () => 'plain' as const),
  ]);
  const layer2Count = Math.max(
    0,
    Math.min(kinds.length, enricherSlots + Math.max(0, slots - enricherSlots - outputSlots)),
  );
  const mapRoles = shuffled(rng, MAP_ROLES);
  const rpcRoles = shuffled(rng, RPC_ROLES);
  const plainRoles = shuffled(rng, PLAIN_ROLES);

  const operators: OperatorSpec[] = [];
  const edges: JobGraph['edges'] = [];
  const parsers: string[] = [];
  // The heap churn (and so how soon a map is tenured) follows the records flowing: keep the seed's volume.
  const weight = topicIdx.reduce((sum, i) => sum + (TOPIC_WEIGHTS[i] as number), 0);
  for (const i of topicIdx) {
    const topic = TOPICS[i] as string;
    const arrivals = Math.round((TOTAL_ARRIVALS * (TOPIC_WEIGHTS[i] as number)) / weight);
    operators.push(
      operator({
        id: `read-${topic}`,
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
      }),
      operator({
        id: `parse-${topic}`,
        name: `Deserialize ${topic}`,
        layer: 'layer1',
        description: `Deserializes Thrift ${topic} events into internal objects (heap only).`,
        recordsPerSecond: Math.max(2000, arrivals * 3),
        recordBytes: 900,
        heapBytesPerRecord: 2 * KIB,
      }),
    );
    edges.push({ from: `read-${topic}`, to: `parse-${topic}`, kind: 'forward' });
    parsers.push(`parse-${topic}`);
  }
  const chain: OperatorSpec[] = [];
  if (parsers.length > 1) {
    chain.push(
      operator({
        id: 'join-events',
        name: 'Join events',
        layer: 'layer2',
        description: 'Keyed interval join of the topics by ad id; state in RocksDB.',
        recordsPerSecond: 8000,
        selectivity: 0.6,
        recordBytes: 1200,
        heapBytesPerRecord: 1500,
        openHeapBytes: 2 * MIB,
        rocksDbState: true,
      }),
    );
  }
  const mapIds: string[] = [];
  const rpcIds: string[] = [];
  kinds.forEach((kind, k) => {
    const layer = k < layer2Count ? 'layer2' : 'layer3';
    if (k === layer2Count) {
      chain.push(
        operator({
          id: 'aggregate-spend',
          name: 'Aggregate spend',
          layer: 'layer3',
          description: 'Keyed by advertiser: one-minute tumbling windows of spend; state in RocksDB.',
          selectivity: 0.9,
          recordBytes: 1000,
          heapBytesPerRecord: 1000,
          openHeapBytes: 1 * MIB,
          rocksDbState: true,
        }),
      );
    }
    if (kind === 'map') {
      const op = mapOperator(mapRoles.shift() as [string, string, string], layer, mapStyle, rng);
      mapIds.push(op.id);
      chain.push(op);
    } else if (kind === 'rpc') {
      const op = rpcOperator(rpcRoles.shift() as [string, string, string], layer, rpcStyle, rng);
      rpcIds.push(op.id);
      chain.push(op);
    } else {
      chain.push(plainOperator(plainRoles.shift() as [string, string, string], layer));
    }
  });
  if (!chain.some((op) => op.id === 'aggregate-spend')) {
    chain.push(
      operator({
        id: 'aggregate-spend',
        name: 'Aggregate spend',
        layer: 'layer3',
        description: 'Keyed by advertiser: one-minute tumbling windows of spend; state in RocksDB.',
        selectivity: 0.9,
        recordBytes: 1000,
        heapBytesPerRecord: 1000,
        openHeapBytes: 1 * MIB,
        rocksDbState: true,
      }),
    );
  }
  chain.push(
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
  );
  const first = chain[0] as OperatorSpec;
  for (const parser of parsers) edges.push({ from: parser, to: first.id, kind: 'hash' });
  for (let i = 1; i < chain.length; i++) {
    const to = chain[i] as OperatorSpec;
    edges.push({
      from: (chain[i - 1] as OperatorSpec).id,
      to: to.id,
      kind: to.rocksDbState ? 'hash' : 'forward',
    });
  }
  operators.push(...chain);
  return { graph: { operators, edges }, mapOperators: mapIds, rpcOperators: rpcIds };
}
