// Every call between the UI and the backend, declared once. Electron's IPC wiring, the preload bridge, the browser
// host and the renderer's client are all derived from this object; adding a call is one entry here plus a service.
import { z } from 'zod';
import { channel } from './channel';
import {
  AppInfo,
  AuditEvent,
  ChecklistTick,
  EpochMs,
  Hypothesis,
  HypothesisStatus,
  Id,
  Investigation,
  InvestigationDetail,
  InvestigationSummary,
  Note,
  RuleIdSchema,
} from './entities';
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
  RunSummary,
  ScenarioInfo,
  SeriesSlice,
} from './lab-entities';
import { LIMITS } from './limits';

const text = (label: string, max: number) =>
  z.string().max(max, `${label} is too long: the limit is ${max.toLocaleString('en-US')} characters`);
const requiredText = (label: string, max: number) =>
  text(label, max).refine((value) => value.trim().length > 0, `${label} must not be empty`);

export const contract = {
  'app.info': channel(
    z.strictObject({}),
    AppInfo,
    'Which host is serving, where the data lives, who is acting.',
  ),

  'investigations.list': channel(
    z.strictObject({ query: text('search', LIMITS.searchLength).optional() }),
    z.array(InvestigationSummary),
    'Investigations, newest first, optionally filtered by a search over title and summary.',
  ),
  'investigations.create': channel(
    z.strictObject({
      title: requiredText('title', LIMITS.titleLength),
      summary: text('summary', LIMITS.summaryLength),
      startedAt: EpochMs,
    }),
    Investigation,
    'Start an investigation: title, incident summary and when the incident started.',
  ),
  'investigations.get': channel(
    z.strictObject({ id: Id }),
    InvestigationDetail,
    'One investigation with its checklist, notes and hypotheses.',
  ),

  'checklist.set': channel(
    z.strictObject({ investigationId: Id, itemId: Id, ticked: z.boolean() }),
    ChecklistTick,
    'Tick or untick a checklist item.',
  ),

  'notes.add': channel(
    z.strictObject({
      investigationId: Id,
      ruleId: RuleIdSchema.nullable(),
      body: requiredText('note', LIMITS.noteLength),
    }),
    Note,
    'Add a Markdown note to a rule, or to the investigation when ruleId is null.',
  ),
  'notes.correct': channel(
    z.strictObject({ noteId: Id, body: requiredText('note', LIMITS.noteLength) }),
    Note,
    'Correct a note: stores a new revision that points at the one it corrects; nothing is overwritten.',
  ),

  'hypotheses.add': channel(
    z.strictObject({
      investigationId: Id,
      statement: requiredText('hypothesis', LIMITS.hypothesisLength),
      ruleId: RuleIdSchema.nullable(),
      predicts: z.enum(['leak', 'no-leak']).nullable().optional(),
    }),
    Hypothesis,
    'Record a hypothesis (it starts open), optionally with the effect it predicts for the run that tests it.',
  ),
  'hypotheses.setStatus': channel(
    z.strictObject({
      hypothesisId: Id,
      status: HypothesisStatus,
      reason: text('reason', LIMITS.reasonLength),
    }),
    Hypothesis,
    'Mark a hypothesis supported, refuted, inconclusive or open again, with the reason.',
  ),

  'scenarios.list': channel(
    z.strictObject({}),
    z.array(ScenarioInfo),
    'The built-in scenarios: story, operators, fixes, variants.',
  ),

  'lab.state': channel(
    z.strictObject({ investigationId: Id }),
    LabState,
    'The lab of an investigation: experiments and runs, coverage, next step, warnings, fix proof, evidence.',
  ),
  'lab.setScenario': channel(
    z.strictObject({ investigationId: Id, scenarioId: z.string().min(1).max(120) }),
    LabState,
    'Pick the scenario the investigation works on.',
  ),
  'lab.setConfigOverrides': channel(
    z.strictObject({
      investigationId: Id,
      configOverrides: z.record(z.string().min(1).max(200), z.string().max(2000)),
    }),
    LabState,
    'Set the Flink keys new experiments start from (checked by deriving the memory breakdown first).',
  ),
  'lab.previewMemory': channel(
    z.strictObject({
      scenarioId: z.string().min(1).max(120),
      variant: z.string().max(120).nullable(),
      configOverrides: z.record(z.string().min(1).max(200), z.string().max(2000)),
    }),
    MemoryPreview,
    'The TaskManager memory breakdown a configuration gives, before anything runs; writes nothing.',
  ),
  'lab.planJob': channel(
    z.strictObject({ params: ExperimentParamsInput }),
    JobPlan,
    'The topology, slot placement and memory of an experiment, without running it.',
  ),
  'lab.preflight': channel(
    z.strictObject({ investigationId: Id, experimentId: Id }),
    Preflight,
    'Check the plug before running: config in effect, baseline, metric, failure schedule. Logged.',
  ),

  'experiments.diff': channel(
    z.strictObject({ parentId: Id.nullable(), params: ExperimentParamsInput }),
    z.object({ changes: z.array(ParamChange) }),
    'What an experiment would change from its parent, before creating it.',
  ),
  'experiments.create': channel(
    z.strictObject({
      investigationId: Id,
      parentId: Id.nullable(),
      params: ExperimentParamsInput,
      label: z.string().max(200).optional(),
      hypothesisId: Id.nullable().optional(),
      confirmMultiChange: z.boolean().optional(),
    }),
    Experiment,
    'Create an experiment, optionally derived from a parent; more than one change needs confirmMultiChange.',
  ),
  'fixes.apply': channel(
    z.strictObject({ experimentId: Id, fixId: z.string().min(1).max(120), apply: z.boolean() }),
    Experiment,
    'Derive the same experiment with a fix applied (or removed): the one change of the verification.',
  ),

  'runs.start': channel(
    z.strictObject({ experimentId: Id }),
    RunSummary,
    'Run an experiment in the background; progress and the result are pushed.',
  ),
  'runs.cancel': channel(z.strictObject({ runId: Id }), RunSummary, 'Cancel a running run.'),
  'runs.get': channel(z.strictObject({ runId: Id }), RunDetail, 'A run with its plan, events and analysis.'),
  'runs.series': channel(
    z.strictObject({
      runId: Id,
      keys: z.array(z.string().min(1).max(200)).min(1).max(64),
      fromSec: z.number().nonnegative().optional(),
      toSec: z.number().nonnegative().optional(),
      points: z.number().int().min(10).max(20_000),
    }),
    z.array(SeriesSlice),
    'Series of a run, downsampled to about `points` points keeping every peak.',
  ),
  'runs.heatmap': channel(
    z.strictObject({
      runId: Id,
      fromSec: z.number().nonnegative().optional(),
      toSec: z.number().nonnegative().optional(),
      columns: z.number().int().min(10).max(4000),
    }),
    Heatmap,
    'Back pressure of every operator over time, for the heat map.',
  ),

  'comparisons.open': channel(
    z.strictObject({
      investigationId: Id,
      runIds: z.array(Id).min(2).max(8),
      mode: z.enum(['overlay', 'multiples', 'difference']),
      metric: z.string().min(1).max(200),
    }),
    ComparisonResult,
    'Compare runs (recorded in the trail) and say in words what changed between them.',
  ),

  'sweeps.start': channel(
    z.strictObject({ experimentId: Id, include: z.enum(['layers', 'operators', 'both']) }),
    z.object({ sweepId: Id, total: z.number().int() }),
    'Auto-peel: run every single-layer and/or single-operator removal of an experiment; progress is pushed.',
  ),
  'sweeps.cancel': channel(
    z.strictObject({ sweepId: Id }),
    z.object({ cancelled: z.boolean() }),
    'Stop a sweep.',
  ),

  'investigations.resolve': channel(
    z.strictObject({ investigationId: Id, reason: requiredText('reason', LIMITS.reasonLength) }),
    LabState,
    'Mark the investigation resolved; refused, saying what is missing, without the A/B/A proof.',
  ),

  'audit.list': channel(
    z.strictObject({
      investigationId: Id,
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    z.array(AuditEvent),
    'The audit trail of one investigation, newest first, a page at a time.',
  ),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(contract, name);
}
