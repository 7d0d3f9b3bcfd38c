// What a drill is (the instructor's definition: no answer in it) and what a seed turns it into (a variant: the job
// the simulator runs, the faults, and the hidden answer). Plain JSON throughout, so a drill file can hold the
// definition and a worker can receive a variant.
import type { RuleId } from '../domain/rules';
import type { FaultPlan, PlatformSpec } from '../sim/scenarios/scenario-types';
import type { JobGraph } from '../sim/topology/job-graph';
import type { DefectKind, DefectSite, FixKind } from './defect-kinds';

export const DIFFICULTIES = ['starter', 'standard', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const HINT_IDS = [
  'make-it-fail.on-purpose',
  'make-it-fail.back-pressure',
  'look.right-metric',
  'look.retained-after-restart',
  'divide.control-job',
  'divide.halve-remaining',
  'divide.one-change',
  'verify.aba',
] as const;
export type HintId = (typeof HINT_IDS)[number];

/** An inclusive range drawn from per seed. */
export type Range = [number, number];

/** The pipeline's shape: how many of each kind of operator a variant may have. */
export interface PipelineTemplate {
  /** Kafka topics read (each with its deserializer), layer 1. */
  sources: Range;
  /** Operators of layer 2 besides the join (which exists when there is more than one source). */
  enrichers: Range;
  /** Operators of layer 3 between the aggregation and the sink. */
  outputs: Range;
  /** Operators holding a reference-data map (the culprit's kind and decoys); at least one when a defect needs it. */
  mapOperators: Range;
  /** Operators calling an external service over async RPC. */
  rpcOperators: Range;
}

export interface MemoryConfig {
  /** taskmanager.memory.process.size, e.g. "6g". */
  processSize: string;
  /** taskmanager.memory.task.off-heap.size as the job normally has it, e.g. "512m". */
  taskOffHeap: string;
  /** -XX:+DisableExplicitGC set (the seed's services) or not. */
  disableExplicitGc: boolean;
  /** For `direct-memory-too-small`: the cut task off-heap in MiB the variant draws from. */
  cutTaskOffHeapMiB?: Range;
}

/** The fault load of the drill's runs: when containers fail, when the sink slows, when payloads swell. */
export interface FaultLoad {
  /** Minutes between container shutdowns, and how many containers each time. */
  shutdownEveryMinutes: Range;
  containersPerShutdown: Range;
  /** Sink slowdowns: every N minutes for M minutes to a share of its speed; absent = none. */
  sinkSlowdowns?: { everyMinutes: Range; forMinutes: Range; speedLeft: Range };
  /** RPC payloads `factor` times their size every N minutes for M minutes; absent = none. */
  payloadSpikes?: { everyMinutes: Range; forMinutes: Range; factor: Range };
}

export interface DrillDefinition {
  /** Stable kebab-case id. */
  id: string;
  title: string;
  /** One paragraph for the drill list: the situation, not the cause. */
  summary: string;
  difficulty: Difficulty;
  estimatedMinutes: number;
  rules: RuleId[];
  /** The alert text; {job}, {firstSymptomAt} and {taskManagers} are filled from the variant's first run. */
  page: string;
  hints: HintId[];
  /** Simulated hours the trainee may spend on runs. */
  budgetHours: number;
  template: PipelineTemplate;
  /** One of these is drawn per seed: the real cause. */
  defects: DefectKind[];
  /** Optionally one of these as well, at another operator: a defect that is real but not what paged. */
  redHerrings: DefectKind[];
  memory: MemoryConfig;
  faults: FaultLoad;
  /** Length of the run shown as the dashboard of the first hours, and the job's parallelism. */
  dashboardHours: number;
  parallelism: number;
}

/** Where a variant's defect sits; `slotFixes` are the fix choices that switch it off. */
export interface DefectPlacement {
  defect: DefectKind;
  site: DefectSite;
  /** The operator carrying it, or null for the platform. */
  operatorId: string | null;
  slotFixes: string[];
}

export interface FixChoice {
  /** `<fix kind>@<operator id | job | platform>`. */
  id: string;
  kind: FixKind;
  target: string;
  label: string;
}

/** How a variant's faults repeat, so a run of any length gets the same schedule. */
export interface FaultRecipe {
  shutdownEverySec: number;
  firstShutdownSec: number;
  containersPerShutdown: number;
  sinkSlowdown: { everySec: number; firstSec: number; forSec: number; speedLeft: number } | null;
  payloadSpike: { everySec: number; firstSec: number; forSec: number; factor: number } | null;
}

export type Culprit =
  | { kind: 'operator'; operatorId: string; name: string; layer: string }
  | { kind: 'platform' };

/** The hidden answer. Never sent to the renderer during a drill. */
export interface DrillAnswer {
  culprit: Culprit;
  defect: DefectKind;
  /** The built-in scenario whose story this is. */
  scenarioFamily: string;
  /** The fix the answer names, and every fix choice that is also right. */
  fix: string;
  acceptedFixes: string[];
  /** Other culprit choices that count as right (direct memory too small: the job's configuration too). */
  acceptedCulprits: string[];
  /**
   * Innocent operators that bring the failure on (the sink whose slowdown makes the back pressure): removing
   * them hides the problem without the culprit being gone, so peeling them proves nothing either way.
   */
  triggers: string[];
}

export interface DrillVariant {
  drillId: string;
  seed: number;
  /** The job as written, every defect fixed: what the topology view is drawn from. */
  healthyGraph: JobGraph;
  /** Flink configuration and platform of the variant with its defects (the config the trainee sees). */
  config: Record<string, string>;
  platform: PlatformSpec;
  placements: DefectPlacement[];
  /** Task off-heap the configuration fix restores. */
  healthyTaskOffHeap: string;
  fixChoices: FixChoice[];
  faults: FaultRecipe;
  parallelism: number;
  dashboardHours: number;
  /** Seed of the simulator's random generator for the dashboard run. */
  runSeed: number;
  answer: DrillAnswer;
  /** The second, innocent defect (a red herring) when the drill has one. */
  redHerring: DefectPlacement | null;
}

export type { FaultPlan };
