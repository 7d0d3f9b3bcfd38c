// The lab's calls: scenarios, experiments and their runs, series for the graphs, comparisons, sweeps, the fix
// proof and resolution.
import { z } from 'zod';
import { LabCapacity } from './capacity-entities';
import { channel } from './channel';
import { Id } from './entities';
import {
  ComparisonResult,
  Experiment,
  ExperimentParamsInput,
  Heatmap,
  JobPlan,
  LabState,
  MemoryPreview,
  ParamChange,
  Preflight,
  RunDetail,
  RunPage,
  RunSummary,
  ScenarioInfo,
  SeriesSlice,
} from './lab-entities';
import { LIMITS } from './limits';
import { requiredText } from './text-schemas';

export const labChannels = {
  'sample.create': channel(
    () => z.strictObject({}),
    () => z.object({ investigationId: Id }),
    'Create the worked example (the seed story solved step by step); it fills in live as its runs finish.',
  ),
  'scenarios.list': channel(
    () => z.strictObject({}),
    () => z.array(ScenarioInfo),
    'The built-in scenarios: story, operators, fixes, variants.',
  ),

  'lab.capacity': channel(
    () => z.strictObject({ investigationId: Id, experimentId: Id.nullable().optional() }),
    () => LabCapacity,
    'The run queue, what the investigation keeps on disk and, given an experiment, about what one of its runs would add.',
  ),
  'lab.state': channel(
    () => z.strictObject({ investigationId: Id }),
    () => LabState,
    'The lab of an investigation: experiments and runs, coverage, next step, warnings, fix proof, evidence.',
  ),
  'lab.setScenario': channel(
    () => z.strictObject({ investigationId: Id, scenarioId: z.string().min(1).max(120) }),
    () => LabState,
    'Pick the scenario the investigation works on.',
  ),
  'lab.setConfigOverrides': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        configOverrides: z.record(z.string().min(1).max(200), z.string().max(2000)),
      }),
    () => LabState,
    'Set the Flink keys new experiments start from (checked by deriving the memory breakdown first).',
  ),
  'lab.previewMemory': channel(
    () =>
      z.strictObject({
        scenarioId: z.string().min(1).max(120),
        variant: z.string().max(120).nullable(),
        configOverrides: z.record(z.string().min(1).max(200), z.string().max(2000)),
        /** Whose scenario to preview on: needed for a drill, whose scenario is its own. */
        investigationId: Id.optional(),
      }),
    () => MemoryPreview,
    'The TaskManager memory breakdown a configuration gives, before anything runs; writes nothing.',
  ),
  'lab.planJob': channel(
    () =>
      z.strictObject({
        params: ExperimentParamsInput,
        /** Whose scenario to plan on: needed for a drill, whose scenario is its own. */
        investigationId: Id.optional(),
      }),
    () => JobPlan,
    'The topology, slot placement and memory of an experiment, without running it.',
  ),
  'lab.preflight': channel(
    () => z.strictObject({ investigationId: Id, experimentId: Id }),
    () => Preflight,
    'Check the plug before running: config in effect, baseline, metric, failure schedule. Logged.',
  ),

  'experiments.diff': channel(
    () =>
      z.strictObject({
        parentId: Id.nullable(),
        params: ExperimentParamsInput,
        investigationId: Id.optional(),
      }),
    () => z.object({ changes: z.array(ParamChange) }),
    'What an experiment would change from its parent, before creating it.',
  ),
  'experiments.create': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        parentId: Id.nullable(),
        params: ExperimentParamsInput,
        label: z.string().max(200).optional(),
        hypothesisId: Id.nullable().optional(),
        confirmMultiChange: z.boolean().optional(),
      }),
    () => Experiment,
    'Create an experiment, optionally derived from a parent; more than one change needs confirmMultiChange.',
  ),
  'fixes.apply': channel(
    () => z.strictObject({ experimentId: Id, fixId: z.string().min(1).max(120), apply: z.boolean() }),
    () => Experiment,
    'Derive the same experiment with a fix applied (or removed): the one change of the verification.',
  ),

  'runs.start': channel(
    () => z.strictObject({ experimentId: Id }),
    () => RunSummary,
    'Run an experiment in the background; progress and the result are pushed.',
  ),
  'runs.cancel': channel(
    () => z.strictObject({ runId: Id }),
    () => RunSummary,
    'Cancel a running or queued run.',
  ),
  'runs.discardData': channel(
    () => z.strictObject({ runId: Id }),
    () => RunSummary,
    "Remove a completed simulated run's series, plan and events from disk; its results and audit events stay, and its data is re-derived from its recorded parameters when read.",
  ),
  'runs.page': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        /** Only this experiment's runs; without it, experiments with their newest runs. */
        experimentId: Id.optional(),
        /** Seq cursor (exclusive): experiments, or that experiment's runs, older than this; the newest without it. */
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(LIMITS.runPageSize),
      }),
    () => RunPage,
    "A page of the run list, newest first: older experiments with their newest runs, or one experiment's older runs.",
  ),
  'runs.get': channel(
    () => z.strictObject({ runId: Id }),
    () => RunDetail,
    'A run with its plan, events and analysis.',
  ),
  'runs.series': channel(
    () =>
      z.strictObject({
        runId: Id,
        /** The series wanted by key; or `taskManagerMetric`, not both. */
        keys: z.array(z.string().min(1).max(200)).min(1).max(64).optional(),
        /** One metric of every TaskManager of the run, in the run's order (no need to read the run's detail first). */
        taskManagerMetric: z.string().min(1).max(200).optional(),
        fromSec: z.number().nonnegative().optional(),
        toSec: z.number().nonnegative().optional(),
        points: z.number().int().min(10).max(20_000),
      }),
    () => z.array(SeriesSlice),
    'Series of a run (by key, or one metric of every TaskManager), downsampled to about `points` points keeping every peak.',
  ),
  'runs.heatmap': channel(
    () =>
      z.strictObject({
        runId: Id,
        fromSec: z.number().nonnegative().optional(),
        toSec: z.number().nonnegative().optional(),
        columns: z.number().int().min(10).max(4000),
      }),
    () => Heatmap,
    'Back pressure of every operator over time, for the heat map.',
  ),

  'comparisons.open': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        runIds: z.array(Id).min(2).max(8),
        mode: z.enum(['overlay', 'multiples', 'difference']),
        metric: z.string().min(1).max(200),
      }),
    () => ComparisonResult,
    'Compare runs (recorded in the trail) and say in words what changed between them.',
  ),

  'sweeps.start': channel(
    () => z.strictObject({ experimentId: Id, include: z.enum(['layers', 'operators', 'both']) }),
    () => z.object({ sweepId: Id, total: z.number().int() }),
    'Auto-peel: run every single-layer and/or single-operator removal of an experiment; progress is pushed.',
  ),
  'sweeps.cancel': channel(
    () => z.strictObject({ sweepId: Id }),
    () => z.object({ cancelled: z.boolean() }),
    'Stop a sweep.',
  ),

  'investigations.resolve': channel(
    () => z.strictObject({ investigationId: Id, reason: requiredText('reason', LIMITS.reasonLength) }),
    () => LabState,
    'Mark the investigation resolved; refused, saying what is missing, without the A/B/A proof.',
  ),
} as const;
