// The instructor's drills: checked and previewed (is every variant solvable by peeling?), saved to the trail as a
// `drill.authored` event holding the drill file (the latest save of an id is the drill), listed beside the
// catalogue, loaded back from a file for editing, delivered as a file (download or the desktop save dialog), and
// made from a finished investigation (its scenario's solution the hidden answer).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import { normalizeExperimentParams } from '../../../../shared/sim/engine/experiment-params';
import { findScenario } from '../../../../shared/sim/scenarios/catalog';
import {
  checkDrillSolvable,
  DRILL_SCENARIO_ID,
  DRILLS,
  DrillAuthoredPayload,
  type DrillDefinition,
  DrillDefinitionSchema,
  DrillFileError,
  drillListing,
  findDrill,
  parseDrillFile,
  reopenDrill,
  writeDrillFile,
} from '../../../../shared/training';
import {
  DrillFromInvestigationError,
  drillFromInvestigation,
} from '../../../../shared/training/drill-from-investigation';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import type { ExchangeHost } from '../exchange/exchange-host';
import { requireInvestigation } from '../lookups';
import { drillStartOf } from './drill-of-investigation';

/** Seeds the preview checks: enough to catch a template that only sometimes works, few enough to wait for. */
export const PREVIEW_SEEDS = [1, 2, 3];

export interface StoredDrill {
  drill: DrillDefinition;
  pinnedSeed: number | null;
  file: string;
  savedAt: number;
  fromInvestigationId: string | null;
}

export const drillFileName = (drillId: string) => `${drillId}.peel-drill.json`;

/** The instructors' drills, the latest save of each id, in the order first saved. */
export function authoredDrills(ctx: ServiceContext): Map<string, StoredDrill> {
  const drills = new Map<string, StoredDrill>();
  for (const event of ctx.store.training.authoredDrillEvents()) {
    const payload = DrillAuthoredPayload.parse(event.payload);
    // Written by this Peel after the same checks: a file that no longer reads would be a damaged database.
    const loaded = parseDrillFile(payload.file, `saved drill '${payload.drillId}' (event #${event.seq})`);
    drills.set(payload.drillId, {
      ...loaded,
      file: payload.file,
      savedAt: event.at,
      fromInvestigationId: payload.fromInvestigationId,
    });
  }
  return drills;
}

/** A drill by id: the catalogue's, else an instructor's. */
export function findAnyDrill(
  ctx: ServiceContext,
  drillId: string,
): { drill: DrillDefinition; pinnedSeed: number | null } | undefined {
  const shipped = findDrill(drillId);
  if (shipped) return { drill: shipped, pinnedSeed: null };
  const stored = authoredDrills(ctx).get(drillId);
  return stored ? { drill: stored.drill, pinnedSeed: stored.pinnedSeed } : undefined;
}

export function listDrills(ctx: ServiceContext): ResponseOf<'drills.list'> {
  return [
    ...DRILLS.map((drill) => ({ ...drillListing(drill), authored: false })),
    ...[...authoredDrills(ctx).values()].map(({ drill, fromInvestigationId }) => ({
      ...drillListing(drill),
      authored: true,
      fromInvestigation: fromInvestigationId !== null,
    })),
  ];
}

/** The definition as the schema and the checks of meaning take it, or a refusal naming the field. */
function checkedDefinition(channel: string, value: unknown): DrillDefinition {
  const shaped = DrillDefinitionSchema.safeParse(value);
  if (!shaped.success) {
    const issue = shaped.error.issues[0];
    const where = ['drill', ...(issue?.path ?? []).map(String)].join('.');
    throw new PeelError('invalid-request', `${channel}: ${where}: ${issue?.message ?? 'invalid'}`, {
      field: where,
    });
  }
  const drill = shaped.data as DrillDefinition;
  // Loading the written file back runs the checks of meaning a trainee's start will face.
  readFile(channel, writeDrillFile(drill), `drill '${drill.id}'`);
  return drill;
}

function readFile(channel: string, text: string, fileName: string) {
  try {
    return parseDrillFile(text, fileName);
  } catch (error) {
    if (error instanceof DrillFileError)
      throw new PeelError('invalid-request', `${channel}: drillFile: ${error.message}`, {
        field: error.where,
        ...(error.line === undefined ? {} : { line: error.line, column: error.column }),
      });
    throw error;
  }
}

export function previewAuthoredDrill(request: RequestOf<'drills.preview'>): ResponseOf<'drills.preview'> {
  const drill = checkedDefinition('drills.preview', request.drill);
  let seeds: ReturnType<typeof checkDrillSolvable>;
  try {
    seeds = checkDrillSolvable(drill, PREVIEW_SEEDS);
  } catch (error) {
    // The generator refuses a template it cannot fill (no operator of the kind a defect needs, ...).
    throw new PeelError(
      'invalid-request',
      `drills.preview: drill: ${error instanceof Error ? error.message : String(error)}`,
      { field: 'drill' },
    );
  }
  return { solvable: seeds.every((seed) => seed.solvable), seeds };
}

/** Reads a drill file for the author screen to edit; refused with what and where when it does not read. */
export function readAuthoredFile(request: RequestOf<'drills.readFile'>): ResponseOf<'drills.readFile'> {
  const loaded = readFile('drills.readFile', request.drillFile, request.fileName ?? 'the drill file');
  return { drill: loaded.drill as unknown as Record<string, unknown>, pinned: loaded.pinnedSeed !== null };
}

function store(
  ctx: ServiceContext,
  drill: DrillDefinition,
  file: string,
  fromInvestigationId: string | null,
  channel: string,
): ResponseOf<'drills.save'> {
  if (findDrill(drill.id))
    throw new PeelError(
      'conflict',
      `${channel}: drill.id: '${drill.id}' is a drill Peel ships; give your drill an id of its own.`,
      { field: 'drill.id' },
    );
  const fileSha256 = createHash('sha256').update(file, 'utf8').digest('hex');
  commit(ctx, (record) => {
    record({
      investigationId: null,
      kind: 'drill.authored',
      ruleId: null,
      payload: { drillId: drill.id, title: drill.title, fileSha256, file, fromInvestigationId },
    });
  });
  return {
    listing: { ...drillListing(drill), authored: true, fromInvestigation: fromInvestigationId !== null },
    fileName: drillFileName(drill.id),
    text: file,
  };
}

/** Saves a drill (a definition from the author screen, or a drill file's text): listed from now on, audited. */
export function saveAuthoredDrill(
  ctx: ServiceContext,
  request: RequestOf<'drills.save'>,
): ResponseOf<'drills.save'> {
  if ((request.drill === undefined) === (request.drillFile === undefined))
    throw new PeelError('invalid-request', 'drills.save: drill: give a drill or a drill file, one of them.', {
      field: 'drill',
    });
  if (request.drillFile !== undefined) {
    const loaded = readFile('drills.save', request.drillFile, request.fileName ?? 'the drill file');
    // Written again by this Peel (same definition, same pin): the stored file is always the current version.
    return store(ctx, loaded.drill, writeDrillFile(loaded.drill, loaded.pinnedSeed), null, 'drills.save');
  }
  const drill = checkedDefinition('drills.save', request.drill);
  return store(ctx, drill, writeDrillFile(drill), null, 'drills.save');
}

/** The desktop app's save dialog for a saved drill's file (in a browser the renderer downloads the text). */
export async function saveDrillFileWithDialog(
  ctx: ServiceContext,
  host: ExchangeHost | undefined,
  request: RequestOf<'drills.saveFile'>,
): Promise<ResponseOf<'drills.saveFile'>> {
  if (!host)
    throw new PeelError(
      'invalid-request',
      'drills.saveFile: saving to a file you choose needs the desktop app; in a browser, Peel downloads the drill file.',
    );
  const stored = authoredDrills(ctx).get(request.drillId);
  if (!stored)
    throw new PeelError(
      'invalid-request',
      `drills.saveFile: drillId: there is no saved drill '${request.drillId}'.`,
      {
        field: 'drillId',
      },
    );
  const path = await host.chooseSavePath({ defaultName: drillFileName(request.drillId), format: 'json' });
  if (path === null) return { saved: false, path: null };
  writeFileSync(path, stored.file, 'utf8');
  return { saved: true, path };
}

/**
 * A drill made from an investigation, saved: a drill's replay (the same drill, its seed pinned, so every trainee
 * gets this very variant), or a built-in scenario's story with the investigation's shape, memory and faults.
 */
export function drillOfInvestigation(
  ctx: ServiceContext,
  request: RequestOf<'drills.fromInvestigation'>,
): ResponseOf<'drills.fromInvestigation'> {
  const channel = 'drills.fromInvestigation';
  const investigation = requireInvestigation(ctx, request.investigationId);
  // A replay is told apart from its drill by a little of the investigation's id.
  const slug = investigation.id
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 6);
  const start = drillStartOf(ctx, investigation.id);
  if (start) {
    const { drill, seed } = reopenDrill(start);
    const replay: DrillDefinition = {
      ...drill,
      id: `${drill.id}-replay-${slug}`,
      title: `${drill.title} (replay)`.slice(0, 120),
    };
    return store(ctx, replay, writeDrillFile(replay, seed), investigation.id, channel);
  }
  if (!investigation.scenarioId)
    throw new PeelError(
      'conflict',
      `${channel}: investigationId: the investigation has no scenario to make a drill of.`,
      {
        field: 'investigationId',
      },
    );
  const scenario = findScenario(investigation.scenarioId);
  if (!scenario || investigation.scenarioId === DRILL_SCENARIO_ID)
    throw new PeelError(
      'conflict',
      `${channel}: investigationId: '${investigation.scenarioId}' is not a built-in scenario; only a simulated investigation has a known culprit.`,
      { field: 'investigationId' },
    );
  const lab = ctx.store.investigations.lab(investigation.id);
  // The first experiment whose run completed: the investigation's own baseline (make it fail).
  const finished = new Set(
    ctx.store.runs
      .listForInvestigation(investigation.id)
      .filter((run) => run.status === 'completed')
      .map((run) => run.experimentId),
  );
  const baseline = ctx.store.experiments
    .listForInvestigation(investigation.id)
    .find(
      (experiment) =>
        !experiment.params.control &&
        experiment.params.removed.length === 0 &&
        experiment.params.fixes.length === 0 &&
        finished.has(experiment.id),
    );
  if (!baseline)
    throw new PeelError(
      'conflict',
      `${channel}: investigationId: no finished run of the full job yet; make it fail first, then make a drill of it.`,
      { field: 'investigationId' },
    );
  const params = normalizeExperimentParams(baseline.params, scenario);
  const built = scenario.build({
    defects: new Set(scenario.defects.map((defect) => defect.id)),
    variant: params.variant,
  });
  let drill: DrillDefinition;
  try {
    drill = drillFromInvestigation({
      title: investigation.title,
      investigationId: investigation.id,
      scenarioId: scenario.id,
      graph: built.graph,
      config: { ...built.config, ...(lab?.configOverrides ?? {}), ...params.configOverrides },
      params,
    });
  } catch (error) {
    if (error instanceof DrillFromInvestigationError)
      throw new PeelError('conflict', `${channel}: investigationId: ${error.message}`, {
        field: 'investigationId',
      });
    throw error;
  }
  drill = checkedDefinition(channel, drill);
  return store(ctx, drill, writeDrillFile(drill), investigation.id, channel);
}
