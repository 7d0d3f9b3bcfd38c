// Schemas of the lab's records: experiment parameters (as the simulator reads them), experiments with their diff,
// runs with their analysis, the job plan behind the topology diagram, series for the graphs, and the evidence-driven
// state of an investigation (coverage, next step, warnings, the A/B/A proof).
import { z } from 'zod';
import type {
  ExperimentParams as SimulatorParams,
  ExperimentParamsInput as SimulatorParamsInput,
} from '../sim/engine/experiment-params';
import { MAX_HOURS, MAX_PARALLELISM } from '../sim/engine/param-limits';
import type { JobPlan as SimulatorJobPlan } from '../sim/engine/run-types';
import { EpochMs, Id } from './entities';

const name = z.string().min(1).max(120);
const seconds = z.number().finite().nonnegative();

/**
 * Parameters as a caller may give them: anything left out takes the scenario's default. Declared against the
 * simulator's ExperimentParamsInput, which is the one definition of the parameters; the limits are the simulator's.
 */
export const ExperimentParamsInput = z.strictObject({
  scenario: name,
  variant: name.nullable().optional(),
  removed: z.array(name).max(64).optional(),
  fixes: z.array(name).max(32).optional(),
  defects: z.record(name, z.boolean()).optional(),
  control: z.boolean().optional(),
  failContainers: z
    .array(
      z.strictObject({
        atSec: seconds,
        count: z.number().int().positive().optional(),
        names: z.array(name).max(256).optional(),
      }),
    )
    .max(1000)
    .optional(),
  pauseSink: z
    .array(
      z.strictObject({ fromSec: seconds, toSec: seconds, slowdown: z.number().min(0).max(1).optional() }),
    )
    .max(200)
    .optional(),
  payloadSpikes: z
    .array(z.strictObject({ fromSec: seconds, toSec: seconds, factor: z.number().positive().max(100) }))
    .max(200)
    .optional(),
  hours: z.number().positive().max(MAX_HOURS).optional(),
  parallelism: z.number().int().positive().max(MAX_PARALLELISM).optional(),
  seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  configOverrides: z.record(z.string().min(1).max(200), z.string().max(2000)).optional(),
}) satisfies z.ZodType<SimulatorParamsInput>;
export type ExperimentParamsInput = SimulatorParamsInput;

/**
 * Parameters after normalisation: every default written out, so the same object always gives the same run. The
 * simulator's ExperimentParams, as a schema: `satisfies` fails to compile when a parameter is missing here. Strict:
 * a bundle carrying a parameter this version does not know is refused, never silently stripped.
 */
export const ExperimentParams = z.strictObject({
  scenario: z.string(),
  variant: z.string().nullable(),
  removed: z.array(z.string()),
  fixes: z.array(z.string()),
  defects: z.record(z.string(), z.boolean()),
  control: z.boolean(),
  failContainers: z.array(
    z.strictObject({
      atSec: z.number(),
      count: z.number().optional(),
      names: z.array(z.string()).optional(),
    }),
  ),
  pauseSink: z.array(z.strictObject({ fromSec: z.number(), toSec: z.number(), slowdown: z.number() })),
  payloadSpikes: z.array(z.strictObject({ fromSec: z.number(), toSec: z.number(), factor: z.number() })),
  hours: z.number(),
  parallelism: z.number(),
  seed: z.number(),
  configOverrides: z.record(z.string(), z.string()),
}) satisfies z.ZodType<SimulatorParams>;
export type ExperimentParams = SimulatorParams;

/** True when two object types have exactly the same keys (a check `satisfies` cannot make for optional keys). */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never]
  ? true
  : false;
// A parameter added to the simulator but not to the input schema (or the other way round) fails to compile here.
const inputKeysMatch: SameKeys<z.infer<typeof ExperimentParamsInput>, SimulatorParams> = true;
const paramKeysMatch: SameKeys<z.infer<typeof ExperimentParams>, SimulatorParams> = true;
void inputKeysMatch;
void paramKeysMatch;

export const ParamDimension = z.enum([
  'scenario',
  'topology',
  'control',
  'variant',
  'fixes',
  'defects',
  'failContainers',
  'pauseSink',
  'payloadSpikes',
  'hours',
  'parallelism',
  'seed',
  'config',
]);
export type ParamDimension = z.infer<typeof ParamDimension>;

/** One thing that differs from the parent experiment, in words ("removed layer 3", "sink pause 600-900 s"). */
export const ParamChange = z.object({ dimension: ParamDimension, description: z.string() });
export type ParamChange = z.infer<typeof ParamChange>;

export const Verdict = z.enum(['leak', 'sawtooth', 'blip', 'flat']);
export type Verdict = z.infer<typeof Verdict>;

export const RunStatus = z.enum(['running', 'completed', 'cancelled', 'failed']);

export const RunSummary = z.object({
  id: Id,
  experimentId: Id,
  seq: z.number().int(),
  status: RunStatus,
  startedAt: EpochMs,
  finishedAt: EpochMs.nullable(),
  startedBy: z.string(),
  durationSec: z.number(),
  verdict: Verdict.nullable(),
  residentVerdict: Verdict.nullable(),
  confidence: z.number().nullable(),
  retainedBytesPerRestart: z.number().nullable(),
  restarts: z.number().nullable(),
  ooms: z.number().nullable(),
  fullGcs: z.number().nullable(),
  /** Containers YARN killed for going over their memory (resident memory, not the JVM's limits). */
  containersKilled: z.number().nullable(),
  peakDirectBytes: z.number().nullable(),
  peakRssBytes: z.number().nullable(),
  directLimitBytes: z.number().nullable(),
  /** "leak: +128 MiB retained per restart, 11 restarts"; the failure message when failed. */
  summary: z.string().nullable(),
  error: z.string().nullable(),
  /** Present when the user discarded the run's data: its results stay, its series are re-derived when read. */
  dataDiscarded: z.object({ at: EpochMs, by: z.string() }).optional(),
  /** A real experiment's run: imported series of what was done on the real system, not a simulation. */
  origin: z.enum(['simulated', 'real']),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const Experiment = z.object({
  id: Id,
  investigationId: Id,
  seq: z.number().int(),
  parentId: Id.nullable(),
  label: z.string(),
  params: ExperimentParams,
  diff: z.array(ParamChange),
  multiChangeConfirmed: z.boolean(),
  hypothesisId: Id.nullable(),
  createdAt: EpochMs,
  createdBy: z.string(),
  runs: z.array(RunSummary),
});
export type Experiment = z.infer<typeof Experiment>;

const MemoryKinds = z.object({
  heap: z.boolean(),
  direct: z.boolean(),
  network: z.boolean(),
  native: z.boolean(),
  mapped: z.boolean(),
});

export const MemoryComponentSource = z.object({
  how: z.string(),
  settings: z.array(z.object({ key: z.string(), value: z.string(), isDefault: z.boolean() })),
  capped: z.enum(['min', 'max']).optional(),
});

export const MemoryBreakdown = z.object({
  frameworkHeap: z.number(),
  taskHeap: z.number(),
  managed: z.number(),
  frameworkOffHeap: z.number(),
  taskOffHeap: z.number(),
  network: z.number(),
  jvmMetaspace: z.number(),
  jvmOverhead: z.number(),
  totalFlinkMemory: z.number(),
  totalProcessMemory: z.number(),
  jvmHeap: z.number(),
  maxDirectMemory: z.number(),
  networkBuffers: z.number(),
  segmentSize: z.number(),
  jvmArgs: z.string(),
  mode: z.enum(['fine-grained', 'total-flink', 'total-process']),
  sources: z.record(z.string(), MemoryComponentSource),
  notes: z.array(z.string()),
});
export type MemoryBreakdown = z.infer<typeof MemoryBreakdown>;

export const JobPlan = z.object({
  scenario: z.string(),
  variant: z.string().nullable(),
  control: z.boolean(),
  operators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      layer: z.string(),
      parallelism: z.number(),
      memory: MemoryKinds,
      kind: z.enum(['source', 'transform', 'sink']),
      region: z.number(),
      generated: z.boolean(),
    }),
  ),
  edges: z.array(
    z.object({ from: z.string(), to: z.string(), kind: z.enum(['forward', 'hash', 'rebalance']) }),
  ),
  rewiring: z.array(z.string()),
  layers: z.array(z.string()),
  taskManagers: z.array(
    z.object({ id: z.string(), container: z.string(), slots: z.number(), subtasks: z.array(z.string()) }),
  ),
  slotsPerTaskManager: z.number(),
  subtasks: z.number(),
  memory: MemoryBreakdown,
  containerLimitBytes: z.number(),
  directLimitBytes: z.number(),
  javaOpts: z.string(),
  explicitGcDisabled: z.boolean(),
  defects: z.array(z.object({ id: z.string(), active: z.boolean(), description: z.string() })),
  failoverStrategy: z.enum(['region', 'full']),
  regions: z.number(),
  restartStrategy: z.string(),
  checkpoints: z.object({
    intervalSec: z.number().nullable(),
    timeoutSec: z.number(),
    tolerableFailures: z.number(),
  }),
  config: z.record(z.string(), z.string()),
  durationSec: z.number(),
}) satisfies z.ZodType<SimulatorJobPlan>;
/** The simulator's JobPlan; the schema above is declared against it. */
export type JobPlan = SimulatorJobPlan;

export const SimEvent = z.object({
  t: z.number(),
  kind: z.string(),
  taskManager: z.string().optional(),
  container: z.string().optional(),
  operator: z.string().optional(),
  message: z.string(),
});
export type SimEvent = z.infer<typeof SimEvent>;

export const RunTaskManagerInfo = z.object({
  id: z.string(),
  directLimit: z.number(),
  containerLimit: z.number(),
  containers: z.array(
    z.object({
      id: z.string(),
      startSec: z.number(),
      endSec: z.number().nullable(),
      end: z.enum(['shutdown', 'killed']).nullable(),
    }),
  ),
  freshStartsSec: z.array(z.number()),
  restartsSec: z.array(z.number()),
  verdict: Verdict,
  summary: z.string(),
  retainedBytesPerRestart: z.number(),
});

export const RunDetail = z.object({
  run: RunSummary,
  experiment: Experiment.omit({ runs: true }),
  plan: JobPlan,
  events: z.array(SimEvent),
  eventsDropped: z.number(),
  taskManagers: z.array(RunTaskManagerInfo),
  operators: z.array(
    z.object({
      id: z.string(),
      layer: z.string(),
      meanBackPressuredMs: z.number(),
      maxBackPressuredMs: z.number(),
      secondsHigh: z.number(),
    }),
  ),
  seriesKeys: z.array(z.string()),
  analysis: z.record(z.string(), z.unknown()),
});
export type RunDetail = z.infer<typeof RunDetail>;

/** A downsampled series: base64 little-endian Float32 times (seconds from the run's start) and values. */
export const SeriesSlice = z.object({
  key: z.string(),
  timesSec: z.string(),
  values: z.string(),
  points: z.number().int(),
  exact: z.boolean(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  /**
   * True when a real experiment's run has no such series because it was not imported (heap asked of a run made of
   * direct memory only): the slice is empty and the UI says which metric to import.
   */
  notImported: z.boolean().optional(),
});
export type SeriesSlice = z.infer<typeof SeriesSlice>;

export const Heatmap = z.object({
  operators: z.array(z.object({ id: z.string(), layer: z.string() })),
  startSec: z.number(),
  stepSec: z.number(),
  columns: z.number().int(),
  /** base64 Float32, row-major: operators x columns; the highest back-pressured ms/s in each column, NaN if not running. */
  values: z.string(),
});
export type Heatmap = z.infer<typeof Heatmap>;

export const ScenarioInfo = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  hiddenCause: z.string(),
  fixDescription: z.string(),
  layers: z.array(z.string()),
  operators: z.array(z.object({ id: z.string(), name: z.string(), layer: z.string() })),
  fixes: z.array(z.object({ id: z.string(), description: z.string() })),
  defects: z.array(z.object({ id: z.string(), description: z.string(), fixedBy: z.string() })),
  variants: z.array(z.object({ id: z.string(), title: z.string(), description: z.string() })),
  defaultHours: z.number(),
  defaultParallelism: z.number(),
});
export type ScenarioInfo = z.infer<typeof ScenarioInfo>;

export const MemoryPreview = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    memory: MemoryBreakdown,
    containerLimitBytes: z.number(),
    config: z.record(z.string(), z.string()),
  }),
  z.object({ ok: z.literal(false), message: z.string(), keys: z.array(z.string()) }),
]);
export type MemoryPreview = z.infer<typeof MemoryPreview>;

export const CoverageStatus = z.enum(['untested', 'tested', 'peeled', 'cleared', 'implicated']);
export type CoverageStatus = z.infer<typeof CoverageStatus>;

export const OperatorCoverage = z.object({
  operator: z.string(),
  layer: z.string(),
  status: CoverageStatus,
  /** Why, with the runs that show it ("run #4 without it is flat"). */
  reason: z.string(),
  runIds: z.array(Id),
});
export type OperatorCoverage = z.infer<typeof OperatorCoverage>;

export const NextStep = z.object({
  ruleId: z.string(),
  title: z.string(),
  detail: z.string(),
  /** A derivation the UI can offer as one click: parameters changed from the experiment named. */
  derive: z
    .object({ fromExperimentId: Id.nullable(), changes: ExperimentParamsInput.partial(), label: z.string() })
    .nullable(),
  /**
   * The one click for a step that is not a derivation: run or preflight an experiment, apply or remove a fix on
   * one (a new experiment, run at once), open the resolution, export the hand-over, or derive by hand.
   */
  action: z
    .object({
      kind: z.enum(['run', 'preflight', 'apply-fix', 'remove-fix', 'resolve', 'export', 'open-derive']),
      experimentId: Id.nullable(),
      fixId: z.string().nullable(),
      label: z.string(),
    })
    .nullable()
    .optional(),
});
export type NextStep = z.infer<typeof NextStep>;
export type NextStepAction = NonNullable<NextStep['action']>;

export const MethodWarning = z.object({
  ruleId: z.string(),
  message: z.string(),
  refs: z.array(z.string()),
});
export type MethodWarning = z.infer<typeof MethodWarning>;

export const ProofStep = z.object({
  label: z.string(),
  expect: z.enum(['no-leak', 'leak']),
  runId: Id.nullable(),
  ok: z.boolean(),
});

export const FixProof = z.object({
  complete: z.boolean(),
  fixes: z.array(z.string()),
  steps: z.array(ProofStep),
  missing: z.string().nullable(),
});
export type FixProof = z.infer<typeof FixProof>;

/** The audit event that proves a piece of evidence: a run's completion, the preflight, or an experiment's creation. */
export const EvidenceSource = z.object({
  kind: z.enum(['run.completed', 'experiment.preflight', 'experiment.created']),
  /** The run or experiment the event is about; null for the latest preflight. */
  subjectId: Id.nullable(),
});
export type EvidenceSource = z.infer<typeof EvidenceSource>;

export const ChecklistEvidence = z.object({
  itemId: z.string(),
  description: z.string(),
  runIds: z.array(Id),
  /**
   * 'tick': the trail shows the item was done, so Peel may tick it. 'suggest': the evidence to judge is there, but
   * only a person can say they read or understood it; Peel points at it and leaves the box to them.
   */
  mode: z.enum(['tick', 'suggest']),
  source: EvidenceSource.nullable(),
  /** The audit event that proves it, when it is in the trail (filled by the backend); a tick needs one. */
  eventSeq: z.number().int().positive().nullable(),
});
export type ChecklistEvidence = z.infer<typeof ChecklistEvidence>;

export const PreflightCheck = z.object({
  id: z.string(),
  label: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});
export const Preflight = z.object({
  at: EpochMs,
  experimentId: Id.nullable(),
  checks: z.array(PreflightCheck),
});
export type Preflight = z.infer<typeof Preflight>;

/**
 * An experiment shown with only some of its runs: how many it has, and the cursor for its older ones (`runs.page`
 * with its id and `before` this run seq).
 */
export const PartialRuns = z.object({
  experimentId: Id,
  runsTotal: z.number().int().nonnegative(),
  olderRunsBefore: z.number().int().positive(),
});
export type PartialRuns = z.infer<typeof PartialRuns>;

/**
 * What of the run list a lab state or a page carries: the lab state sends the newest experiments with their newest
 * runs, plus every experiment and run its coverage, proof, next step and resolution name; older ones are read a page
 * at a time (`runs.page`), so its size does not grow with the investigation.
 */
export const RunListWindow = z.object({
  experimentsTotal: z.number().int().nonnegative(),
  runsTotal: z.number().int().nonnegative(),
  /** Experiments with a seq below this are not all sent: `runs.page` with `before` this seq; null when all are. */
  olderExperimentsBefore: z.number().int().positive().nullable(),
  partial: z.array(PartialRuns),
});
export type RunListWindow = z.infer<typeof RunListWindow>;

/** A page of the run list: experiments (each with only the page's runs), older first-to-newest in seq order. */
export const RunPage = z.object({
  experiments: z.array(Experiment),
  /** The experiments (or, for one experiment's page, runs) left: `before` for the next page; null at the end. */
  nextBefore: z.number().int().positive().nullable(),
  /** Experiments shown with some of their runs only (a list page shows each experiment's newest runs). */
  partial: z.array(PartialRuns),
  /** How many experiments (or that experiment's runs) there are in all. */
  total: z.number().int().nonnegative(),
});
export type RunPage = z.infer<typeof RunPage>;

export const LabState = z.object({
  scenarioId: z.string().nullable(),
  configOverrides: z.record(z.string(), z.string()),
  /** The window of the run list (see RunListWindow), not every experiment. */
  experiments: z.array(Experiment),
  runList: RunListWindow,
  coverage: z.array(OperatorCoverage),
  suspects: z.array(z.string()),
  nextStep: NextStep,
  warnings: z.array(MethodWarning),
  proof: FixProof,
  evidence: z.array(ChecklistEvidence),
  preflight: Preflight.nullable(),
  resolution: z
    .object({ at: EpochMs, by: z.string(), reason: z.string(), proofRunIds: z.array(Id) })
    .nullable(),
});
export type LabState = z.infer<typeof LabState>;

export const SweepRow = z.object({
  removed: z.string(),
  kind: z.enum(['layer', 'operator']),
  experimentId: Id,
  runId: Id,
  verdict: Verdict.nullable(),
  retainedBytesPerRestart: z.number(),
  ooms: z.number(),
  summary: z.string(),
});
export const SweepResult = z.object({
  baseExperimentId: Id,
  rows: z.array(SweepRow),
  wallMs: z.number(),
  cancelled: z.boolean(),
});
export type SweepResult = z.infer<typeof SweepResult>;

export const ComparisonResult = z.object({
  runIds: z.array(Id),
  statements: z.array(z.string()),
});
export type ComparisonResult = z.infer<typeof ComparisonResult>;
