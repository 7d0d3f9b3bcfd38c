// Test support for the lab's reasoning: experiment parameters and run facts made by hand, the seed job's operators,
// and the seed's story (pinterest-direct-memory-leak.txt) as the runs an engineer would have made, in order.
import type { ExperimentParams } from '../../contract/lab-entities';
import type { ScenarioOperator } from './coverage';
import type { RunFacts } from './run-facts';

export const SEED_SCENARIO = 'offheap-map-leak';
export const SEED_FIX = 'free-map-in-close';

/** The seed job (offheap-map-leak): Kafka sources and deserializers; join, transform, KV-store RPC; the map and Druid. */
export const SEED_OPERATORS: ScenarioOperator[] = [
  { id: 'kafka-impressions', layer: 'layer1' },
  { id: 'kafka-clicks', layer: 'layer1' },
  { id: 'kafka-conversions', layer: 'layer1' },
  { id: 'deserialize-impressions', layer: 'layer1' },
  { id: 'deserialize-clicks', layer: 'layer1' },
  { id: 'deserialize-conversions', layer: 'layer1' },
  { id: 'join-engagements', layer: 'layer2' },
  { id: 'transform-engagements', layer: 'layer2' },
  { id: 'kvstore-enrich', layer: 'layer2' },
  { id: 'aggregate-spend', layer: 'layer3' },
  { id: 'currency-convert', layer: 'layer3' },
  { id: 'format-druid-rows', layer: 'layer3' },
  { id: 'druid-sink', layer: 'layer3' },
];

export const operatorsOfLayer = (layer: string): string[] =>
  SEED_OPERATORS.filter((op) => op.layer === layer).map((op) => op.id);

/** Containers shut down every 30 minutes over 6 hours, as in the seed. */
const EVERY_HALF_HOUR = Array.from({ length: 11 }, (_, i) => ({ atSec: 1800 * (i + 1), count: 1 }));

export function params(overrides: Partial<ExperimentParams> = {}): ExperimentParams {
  return {
    scenario: SEED_SCENARIO,
    variant: null,
    removed: [],
    fixes: [],
    defects: {},
    control: false,
    failContainers: EVERY_HALF_HOUR,
    pauseSink: [],
    payloadSpikes: [],
    hours: 6,
    parallelism: 8,
    seed: 1,
    configOverrides: {},
    ...overrides,
  };
}

/** The operators that ran: the control job's own two, or the seed job minus what was peeled. */
function operatorsThatRan(p: ExperimentParams): string[] {
  if (p.control) return ['control-source', 'control-sink'];
  return SEED_OPERATORS.filter((op) => !p.removed.includes(op.id) && !p.removed.includes(op.layer)).map(
    (op) => op.id,
  );
}

export type FactsInput = Partial<Omit<RunFacts, 'params'>> & { params?: Partial<ExperimentParams> };

/** A completed, restarted run with a flat verdict unless told otherwise; ids and times follow `seq`. */
export function facts(input: FactsInput = {}): RunFacts {
  const { params: paramOverrides, ...rest } = input;
  const p = params(paramOverrides);
  const seq = rest.seq ?? 1;
  return {
    id: `run-${seq}`,
    seq,
    experimentId: `exp-${rest.experimentSeq ?? seq}`,
    experimentSeq: seq,
    params: p,
    status: 'completed',
    startedAt: 1_000 * seq,
    verdict: 'flat',
    residentVerdict: 'flat',
    confidence: 0.95,
    retainedBytesPerRestart: 0,
    ooms: 0,
    restarts: 11,
    containersKilled: 0,
    operators: operatorsThatRan(p),
    shutdownsFired: 11,
    sinkPausesFired: 0,
    ...rest,
  };
}

const MAP = 128 * 2 ** 20;

/** A run that climbed the staircase: one map per restart, OOMs at the end. */
export const leaking = (input: FactsInput = {}): RunFacts =>
  facts({ verdict: 'leak', retainedBytesPerRestart: MAP, ooms: 40, confidence: 1, ...input });

/** The seed's runs in order: baseline, control, peel 2+3, restore 2, isolate 3, then fix / unfix / fix. */
export function seedStory(): RunFacts[] {
  return [
    leaking({ seq: 1 }),
    facts({ seq: 2, params: { control: true } }),
    facts({ seq: 3, params: { removed: ['layer2', 'layer3'] } }),
    facts({ seq: 4, params: { removed: ['layer3'] }, verdict: 'blip' }),
    leaking({ seq: 5, params: { removed: ['layer2'] } }),
    facts({ seq: 6, params: { fixes: [SEED_FIX] } }),
    leaking({ seq: 7 }),
    facts({ seq: 8, params: { fixes: [SEED_FIX] } }),
  ];
}
