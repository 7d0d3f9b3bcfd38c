// Experiments: choosing the scenario and its memory settings, creating experiments (a baseline or one derived from
// a parent with its exact diff), and the guard that makes "change one thing at a time" a conscious choice.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { notFound, PeelError } from '../../../../shared/contract/errors';
import type {
  Experiment,
  ExperimentParams,
  JobPlan,
  ParamChange,
} from '../../../../shared/contract/lab-entities';
import { diffExperimentParams, labelFromDiff } from '../../../../shared/domain/lab/experiment-diff';
import type { RuleId } from '../../../../shared/domain/rules';
import { normalizeExperimentParams } from '../../../../shared/sim/engine/experiment-params';
import { planJob, planNormalizedJob } from '../../../../shared/sim/engine/job-plan';
import type { ScenarioDefinition } from '../../../../shared/sim/scenarios/scenario-types';
import { commit, type RecordAudit } from '../commit';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { investigationScenario, scenarioOptionOf } from '../training/drill-of-investigation';
import { experimentView } from './lab-data';
import { labStateForScreen } from './lab-state';
import { withParamErrors } from './params-errors';
import { requireScenario } from './scenarios';

export function requireExperiment(ctx: ServiceContext, id: string) {
  const experiment = ctx.store.experiments.get(id);
  if (!experiment) throw notFound('experiment', id);
  return experiment;
}

/**
 * The services' one normalization of parameters: fills defaults and plans the run, so bad fields and bad Flink keys
 * are refused (naming the channel and field) before anything is stored.
 */
export function checkedParamsAndPlan(
  channel: string,
  input: unknown,
  /** A drill investigation's own scenario (scenarioOptionOf); the catalogue's when absent. */
  options: { scenario?: ScenarioDefinition } = {},
): { params: ExperimentParams; plan: JobPlan } {
  return withParamErrors(channel, () => {
    const params = normalizeExperimentParams(input, options.scenario);
    return { params, plan: planNormalizedJob(params, options) };
  });
}

export function checkedParams(
  channel: string,
  input: unknown,
  options: { scenario?: ScenarioDefinition } = {},
): ExperimentParams {
  return checkedParamsAndPlan(channel, input, options).params;
}

const RULE_OF_DIMENSION: Record<ParamChange['dimension'], RuleId> = {
  scenario: 'understand-the-system',
  topology: 'divide-and-conquer',
  control: 'divide-and-conquer',
  variant: 'check-the-plug',
  fixes: 'verify-the-fix',
  defects: 'verify-the-fix',
  failContainers: 'make-it-fail',
  pauseSink: 'make-it-fail',
  payloadSpikes: 'make-it-fail',
  hours: 'make-it-fail',
  parallelism: 'make-it-fail',
  seed: 'make-it-fail',
  config: 'check-the-plug',
};

function ruleFor(diff: readonly ParamChange[]): RuleId {
  if (diff.length === 0) return 'make-it-fail';
  if (diff.length > 1) return 'change-one-thing';
  return RULE_OF_DIMENSION[diff[0]!.dimension];
}

export function setScenario(
  ctx: ServiceContext,
  request: RequestOf<'lab.setScenario'>,
): ResponseOf<'lab.setScenario'> {
  const investigation = requireInvestigation(ctx, request.investigationId);
  const scenario = requireScenario(request.scenarioId, 'lab.setScenario: scenarioId');
  if (investigation.scenarioId === scenario.id) return labStateForScreen(ctx, investigation.id);
  if (ctx.store.experiments.listForInvestigation(investigation.id).length > 0) {
    throw new PeelError(
      'conflict',
      `lab.setScenario: this investigation already has experiments on ${investigation.scenarioId}; start a new investigation for ${scenario.id}.`,
    );
  }
  commit(ctx, (record, now) => {
    ctx.store.investigations.setScenario(investigation.id, scenario.id, now);
    record({
      investigationId: investigation.id,
      kind: 'investigation.scenario-chosen',
      ruleId: 'understand-the-system',
      payload: { scenarioId: scenario.id, title: scenario.title },
    });
  });
  return labStateForScreen(ctx, investigation.id);
}

export function previewMemory(
  request: RequestOf<'lab.previewMemory'>,
  /** A drill's own scenario (scenarioOptionOf); the catalogue's when absent. */
  options: { scenario?: ScenarioDefinition } = {},
): ResponseOf<'lab.previewMemory'> {
  if (!options.scenario) requireScenario(request.scenarioId, 'lab.previewMemory: scenarioId');
  try {
    const plan = planJob(
      {
        scenario: request.scenarioId,
        variant: request.variant,
        configOverrides: request.configOverrides,
      },
      options,
    );
    return {
      ok: true,
      memory: plan.memory,
      containerLimitBytes: plan.containerLimitBytes,
      config: plan.config,
    };
  } catch (error) {
    // Flink's errors carry the keys; a parameter error names its field (configOverrides.<key>).
    const field = (error as { field?: string }).field;
    const keys =
      (error as { keys?: string[] }).keys ??
      (field?.startsWith('configOverrides.') ? [field.slice('configOverrides.'.length)] : []);
    return { ok: false, message: error instanceof Error ? error.message : String(error), keys };
  }
}

export function setConfigOverrides(
  ctx: ServiceContext,
  request: RequestOf<'lab.setConfigOverrides'>,
): ResponseOf<'lab.setConfigOverrides'> {
  const investigation = requireInvestigation(ctx, request.investigationId);
  if (!investigation.scenarioId) {
    throw new PeelError(
      'conflict',
      'lab.setConfigOverrides: pick the scenario first; its configuration is the base.',
    );
  }
  const before = ctx.store.investigations.lab(investigation.id)!.configOverrides;
  const preview = previewMemory(
    {
      scenarioId: investigation.scenarioId,
      variant: null,
      configOverrides: request.configOverrides,
    },
    scenarioOptionOf(ctx, investigation.id),
  );
  if (!preview.ok) {
    throw new PeelError('invalid-request', `lab.setConfigOverrides: ${preview.message}`, {
      keys: preview.keys,
    });
  }
  commit(ctx, (record, now) => {
    ctx.store.investigations.setConfigOverrides(investigation.id, request.configOverrides, now);
    record({
      investigationId: investigation.id,
      kind: 'investigation.config-edited',
      ruleId: 'check-the-plug',
      payload: {
        before,
        after: request.configOverrides,
        maxDirectMemory: preview.memory.maxDirectMemory,
        jvmArgs: preview.memory.jvmArgs,
      },
    });
  });
  return labStateForScreen(ctx, investigation.id);
}

export function diffPreview(
  ctx: ServiceContext,
  request: RequestOf<'experiments.diff'>,
): ResponseOf<'experiments.diff'> {
  const parent = request.parentId ? requireExperiment(ctx, request.parentId) : null;
  const investigationId = parent?.investigationId ?? request.investigationId;
  const params = checkedParams(
    'experiments.diff',
    request.params,
    investigationId ? scenarioOptionOf(ctx, investigationId) : {},
  );
  return { changes: diffExperimentParams(parent?.params ?? null, params) };
}

export function createExperiment(
  ctx: ServiceContext,
  request: RequestOf<'experiments.create'>,
  /** More audit records written in the same transaction, once the experiment exists (e.g. the fix applied). */
  alsoRecord?: (record: RecordAudit, experiment: Experiment) => void,
): ResponseOf<'experiments.create'> {
  const investigation = requireInvestigation(ctx, request.investigationId);
  const parent = request.parentId ? requireExperiment(ctx, request.parentId) : null;
  if (parent && parent.investigationId !== investigation.id) {
    throw new PeelError(
      'invalid-request',
      'experiments.create: parentId: the parent belongs to another investigation.',
    );
  }
  const lab = ctx.store.investigations.lab(investigation.id)!;
  const input =
    parent === null && request.params.configOverrides === undefined
      ? { ...request.params, configOverrides: lab.configOverrides }
      : request.params;
  const params = checkedParams('experiments.create', input, scenarioOptionOf(ctx, investigation.id));
  if (investigation.scenarioId && investigation.scenarioId !== params.scenario) {
    throw new PeelError(
      'invalid-request',
      `experiments.create: params.scenario: this investigation works on ${investigation.scenarioId}, not ${params.scenario}.`,
    );
  }
  if (request.hypothesisId) {
    const hypothesis = ctx.store.hypotheses.get(request.hypothesisId);
    if (!hypothesis || hypothesis.investigationId !== investigation.id) {
      throw notFound('hypothesis', request.hypothesisId, { within: 'in this investigation' });
    }
  }
  const diff = diffExperimentParams(parent?.params ?? null, params);
  if (diff.length > 1 && !request.confirmMultiChange) {
    throw new PeelError(
      'conflict',
      `This experiment changes ${diff.length} things from #${parent!.seq}: ${diff.map((c) => c.description).join('; ')}. ` +
        'Change one thing at a time, or confirm to record it as a step that changed several.',
      { changes: diff },
    );
  }
  return commit(ctx, (record, now): Experiment => {
    if (!investigation.scenarioId) {
      ctx.store.investigations.setScenario(investigation.id, params.scenario, now);
      record({
        investigationId: investigation.id,
        kind: 'investigation.scenario-chosen',
        ruleId: 'understand-the-system',
        payload: {
          scenarioId: params.scenario,
          title: investigationScenario(ctx, investigation.id, params.scenario).title,
        },
      });
    }
    const created = ctx.store.experiments.insert({
      id: ctx.newId(),
      investigationId: investigation.id,
      parentId: parent?.id ?? null,
      label: request.label?.trim() || labelFromDiff(diff),
      params,
      diff,
      multiChangeConfirmed: diff.length > 1,
      hypothesisId: request.hypothesisId ?? null,
      createdAt: now,
      createdBy: ctx.user,
    });
    ctx.store.investigations.touch(investigation.id, now);
    record({
      investigationId: investigation.id,
      kind: 'experiment.created',
      ruleId: ruleFor(diff),
      payload: {
        experimentId: created.id,
        seq: created.seq,
        parentId: created.parentId,
        parentSeq: parent?.seq ?? null,
        label: created.label,
        diff,
        multiChangeConfirmed: created.multiChangeConfirmed,
        hypothesisId: created.hypothesisId,
        params,
      },
    });
    const view = experimentView(created, []);
    alsoRecord?.(record, view);
    return view;
  });
}

export function applyFix(ctx: ServiceContext, request: RequestOf<'fixes.apply'>): ResponseOf<'fixes.apply'> {
  const base = requireExperiment(ctx, request.experimentId);
  const params = base.params;
  const scenario = investigationScenario(ctx, base.investigationId, params.scenario);
  if (!scenario.fixes.some((fix) => fix.id === request.fixId)) {
    throw new PeelError(
      'invalid-request',
      `fixes.apply: fixId: ${scenario.id} has no fix '${request.fixId}' (known: ${scenario.fixes.map((f) => f.id).join(', ')}).`,
    );
  }
  const fixes = request.apply
    ? [...new Set([...params.fixes, request.fixId])]
    : params.fixes.filter((fix) => fix !== request.fixId);
  return createExperiment(
    ctx,
    { investigationId: base.investigationId, parentId: base.id, params: { ...params, fixes } },
    (record, experiment) =>
      record({
        investigationId: base.investigationId,
        kind: 'fix.applied',
        ruleId: 'verify-the-fix',
        payload: {
          fixId: request.fixId,
          applied: request.apply,
          description: scenario.fixes.find((fix) => fix.id === request.fixId)?.description ?? '',
          fromExperimentId: base.id,
          fromSeq: base.seq,
          experimentId: experiment.id,
          seq: experiment.seq,
        },
      }),
  );
}
