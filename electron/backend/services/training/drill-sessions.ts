// A trainee's drill: starting it (a new investigation whose first experiment is the page's dashboard, already run),
// the session the screen shows (view, clock, budget, hints, diagnoses), taking a hint and submitting a diagnosis.
// Hints and diagnoses are audit events and nothing else: every figure here is read back from the trail.
import { randomInt } from 'node:crypto';
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import type { AuditEvent } from '../../../../shared/contract/entities';
import { PeelError } from '../../../../shared/contract/errors';
import type { DrillSession, TraineeView } from '../../../../shared/contract/training-entities';
import {
  buildTraineeView,
  checkDiagnosis,
  computeScorecard,
  DiagnosisSubmittedPayload,
  DRILL_SCENARIO_ID,
  type DrillDefinition,
  DrillDefinitionSchema,
  DrillFileError,
  type DrillVariant,
  dashboardParams,
  drillScenario,
  HintTakenPayload,
  hintOffers,
  MAX_DRILL_SEED,
  parseDrillFile,
  reopenDrill,
  runDrill,
  runsFromTrail,
  startDrill,
  surprise,
  type TrailEvent,
  takeHint,
  writeDrillFile,
} from '../../../../shared/training';
import { prepareRun, storableRun } from '../../workers/prepare-run';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { createExperiment, requireExperiment } from '../lab/experiments';
import { recordRunStart, storeFinishedRun } from '../lab/runs';
import { scenarioInfo } from '../lab/scenarios';
import { requireInvestigation } from '../lookups';
import { createInvestigation } from '../notebook/investigations';
import { findAnyDrill } from './authored-drills';
import { drillStartOf, importedEvents } from './drill-of-investigation';

/**
 * The view of a started drill without its hints (those follow the trail): building it runs the dashboard's hours,
 * so it is kept per recorded start. Pure in the drill and seed, so a process restart rebuilds the same one.
 */
const views = new Map<string, Omit<TraineeView, 'hints'>>();

function viewOf(
  sealed: string,
  drill: DrillDefinition,
  variant: DrillVariant,
  run?: ReturnType<typeof runDrill>,
) {
  const known = views.get(sealed);
  if (known) return known;
  const { hints: _hints, ...view } = buildTraineeView(
    drill,
    variant,
    run ?? runDrill(variant, dashboardParams(variant)),
  );
  if (views.size >= 32) views.delete(views.keys().next().value!);
  views.set(sealed, view);
  return view;
}

const asTrail = (events: readonly AuditEvent[]): TrailEvent[] =>
  events.map((event) => ({ seq: event.seq, kind: event.kind, at: event.at, payload: event.payload }));

/** The drill's events: the local trail, or an imported drill's own chain. */
export function drillTrail(ctx: ServiceContext, investigationId: string): TrailEvent[] {
  const local = ctx.store.training.drillStart(investigationId);
  if (local) return asTrail(ctx.store.training.events(investigationId));
  if (ctx.store.imports.isImported(investigationId)) return asTrail(importedEvents(ctx, investigationId));
  return asTrail(ctx.store.training.events(investigationId));
}

export function startDrillInvestigation(
  ctx: ServiceContext,
  request: RequestOf<'drills.start'>,
): ResponseOf<'drills.start'> {
  let drill: DrillDefinition;
  let seed: number;
  if (request.drillFile !== undefined) {
    if (request.drillId !== undefined || request.surprise)
      throw new PeelError(
        'invalid-request',
        'drills.start: drillFile: give a drill file, a drillId or surprise, not several.',
      );
    const loaded = readDrillFile(request.drillFile, request.fileName);
    drill = loaded.drill;
    seed = request.seed ?? loaded.pinnedSeed ?? 1 + randomInt(MAX_DRILL_SEED);
  } else if (request.surprise) {
    if (request.drillId !== undefined || request.seed !== undefined)
      throw new PeelError(
        'invalid-request',
        'drills.start: surprise: give either surprise or a drillId, not both.',
      );
    ({ drill, seed } = surprise(randomInt(2 ** 31)));
  } else if (request.drillId === undefined) {
    throw new PeelError('invalid-request', 'drills.start: drillId: choose a drill, or ask for a surprise.');
  } else {
    const found = findAnyDrill(ctx, request.drillId);
    if (!found)
      throw new PeelError(
        'invalid-request',
        `drills.start: drillId: there is no drill '${request.drillId}'.`,
      );
    drill = found.drill;
    seed = request.seed ?? found.pinnedSeed ?? 1 + randomInt(MAX_DRILL_SEED);
  }
  if (seed > MAX_DRILL_SEED)
    throw new PeelError('invalid-request', `drills.start: seed: at most ${MAX_DRILL_SEED}, got ${seed}.`);
  // Everything that can refuse is done before anything is written: the variant, its scenario, the page's run.
  const started = startDrill(drill, seed);
  const params = dashboardParams(started.variant);
  const simulated = runDrill(started.variant, params);
  viewOf(started.payload.sealed, drill, started.variant, simulated);
  // Prepared here, on the main thread, while the trainee waits on the click: deflating its 79 series was the
  // largest part of storing it, and the run-length deflate takes less than half the CPU (series-codec.ts).
  const dashboardRun = storableRun(simulated, prepareRun(simulated, { runLength: true }));
  const investigationId = commit(ctx, (record, now) => {
    const investigation = createInvestigation(ctx, {
      title: `Drill: ${drill.title}`,
      summary: drill.summary,
      startedAt: now,
    });
    record({
      investigationId: investigation.id,
      kind: 'drill.started',
      ruleId: 'understand-the-system',
      payload: started.payload,
    });
    ctx.store.investigations.setScenario(investigation.id, DRILL_SCENARIO_ID, now);
    record({
      investigationId: investigation.id,
      kind: 'investigation.scenario-chosen',
      ruleId: 'understand-the-system',
      payload: { scenarioId: DRILL_SCENARIO_ID, title: drillScenario(started.variant).title },
    });
    return investigation.id;
  });
  const experiment = createExperiment(ctx, {
    investigationId,
    parentId: null,
    params,
    label: 'The page: the first hours',
  });
  const record = requireExperiment(ctx, experiment.id);
  const runId = recordRunStart(ctx, record, { dashboard: true });
  storeFinishedRun(ctx, runId, record, dashboardRun);
  ctx.emit({ name: 'lab.changed', payload: { investigationId } });
  return requireSession(ctx, investigationId, 'drills.start');
}

export function drillSession(ctx: ServiceContext, investigationId: string): DrillSession | null {
  requireInvestigation(ctx, investigationId);
  const start = drillStartOf(ctx, investigationId);
  if (!start) return null;
  const { drill, variant } = reopenDrill(start);
  const trail = drillTrail(ctx, investigationId);
  const startEvent = trail.filter((event) => event.kind === 'drill.started').at(-1);
  const since = trail.filter((event) => event.seq >= (startEvent?.seq ?? 0));
  const runs = runsFromTrail(since, start.operators);
  const dashboard = runs.find((run) => run.dashboard);
  const hintsTaken = since
    .filter((event) => event.kind === 'hint.taken')
    .map((event) => ({ ...HintTakenPayload.parse(event.payload), seq: event.seq, at: event.at }));
  const diagnoses = since
    .filter((event) => event.kind === 'diagnosis.submitted')
    .map((event) => ({ ...DiagnosisSubmittedPayload.parse(event.payload), seq: event.seq, at: event.at }));
  // An imported drill's records got local ids; its trail keeps the trainee's.
  const idMap = ctx.store.imports.get(investigationId)?.idMap ?? {};
  const local = (id: string | undefined) => (id === undefined ? null : (idMap[id] ?? id));
  return {
    investigationId,
    view: {
      ...viewOf(start.sealed, drill, variant),
      hints: hintOffers(drill.hints, { trail: since, operators: start.operators }),
    },
    startedAt: startEvent?.at ?? 0,
    spentHours: runs.filter((run) => !run.dashboard).reduce((sum, run) => sum + run.facts.params.hours, 0),
    budgetHours: start.budgetHours,
    hintsTaken,
    diagnoses,
    diagnosed: diagnoses.some((d) => d.correct),
    solved: computeScorecard(since).solved,
    dashboardExperimentId: local(dashboard?.facts.experimentId),
    dashboardRunId: local(dashboard?.facts.id),
    scenario: scenarioInfo(drillScenario(variant)),
  };
}

function requireSession(ctx: ServiceContext, investigationId: string, where: string): DrillSession {
  const session = drillSession(ctx, investigationId);
  if (!session)
    throw new PeelError('invalid-request', `${where}: investigationId: this investigation is not a drill.`);
  return session;
}

export function takeDrillHint(
  ctx: ServiceContext,
  request: RequestOf<'drills.takeHint'>,
): ResponseOf<'drills.takeHint'> {
  const session = requireSession(ctx, request.investigationId, 'drills.takeHint');
  const start = drillStartOf(ctx, request.investigationId)!;
  const { drill } = reopenDrill(start);
  if (session.hintsTaken.some((hint) => hint.hintId === request.hintId))
    throw new PeelError(
      'conflict',
      `drills.takeHint: hintId: you already took '${request.hintId}'; it is in your trail.`,
    );
  const trail = drillTrail(ctx, request.investigationId);
  const payload = withDrillError('drills.takeHint: hintId', () =>
    takeHint(drill.hints, request.hintId, { trail, operators: start.operators }),
  );
  commit(ctx, (record) => {
    record({ investigationId: request.investigationId, kind: 'hint.taken', ruleId: payload.ruleId, payload });
  });
  return requireSession(ctx, request.investigationId, 'drills.takeHint');
}

export function submitDiagnosis(
  ctx: ServiceContext,
  request: RequestOf<'drills.diagnose'>,
): ResponseOf<'drills.diagnose'> {
  const before = requireSession(ctx, request.investigationId, 'drills.diagnose');
  if (before.diagnosed)
    throw new PeelError(
      'conflict',
      `drills.diagnose: investigationId: a right diagnosis is already in the trail (#${before.diagnoses.find((d) => d.correct)?.seq}); the drill's diagnosis is settled.`,
    );
  const start = drillStartOf(ctx, request.investigationId)!;
  const { variant } = reopenDrill(start);
  const input = {
    culprit: request.culprit,
    cause: request.cause,
    fix: request.fix,
    notes: request.notes ?? '',
  };
  const result = checkDiagnosis(variant, input);
  if (result.status === 'invalid')
    throw new PeelError('invalid-request', `drills.diagnose: ${result.message}`, { field: result.field });
  commit(ctx, (record) => {
    record({
      investigationId: request.investigationId,
      kind: 'diagnosis.submitted',
      ruleId: 'understand-the-system',
      payload: { ...input, correct: result.status === 'right' },
    });
  });
  return {
    status: result.status,
    message: result.message,
    session: requireSession(ctx, request.investigationId, 'drills.diagnose'),
  };
}

function readDrillFile(text: string, fileName?: string) {
  try {
    return parseDrillFile(text, fileName ?? 'the drill file');
  } catch (error) {
    if (error instanceof DrillFileError)
      throw new PeelError('invalid-request', `drills.start: drillFile: ${error.message}`, {
        field: error.where,
      });
    throw error;
  }
}

/** Checks an instructor's definition the way loading its file will, and writes the file. */
export function writeAuthoredDrill(
  ctx: ServiceContext,
  request: RequestOf<'drills.writeFile'>,
): ResponseOf<'drills.writeFile'> {
  const shaped = DrillDefinitionSchema.safeParse(request.drill);
  if (!shaped.success) {
    const issue = shaped.error.issues[0];
    const where = ['drill', ...(issue?.path ?? []).map(String)].join('.');
    throw new PeelError('invalid-request', `drills.writeFile: ${where}: ${issue?.message ?? 'invalid'}`, {
      field: where,
    });
  }
  const text = writeDrillFile(shaped.data as DrillDefinition);
  // Loading it back runs the checks of meaning (sizes, budget, schedule) the file will face when a trainee opens it.
  readDrillFile(text, `drill '${shaped.data.id}'`);
  void ctx;
  return { fileName: `${shaped.data.id}.peel-drill.json`, text };
}

function withDrillError<T>(where: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new PeelError(
      'invalid-request',
      `${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
