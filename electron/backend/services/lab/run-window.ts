// What of an investigation's run list goes over the wire. The lab reasons over every run (its kept lists), but the
// screen needs only the newest experiments with their newest runs, and the ones its coverage, proof, next step and
// resolution name: sending every run on every lab state made its answer (and the server's memory) grow with the
// investigation (1.8 MB at 1,000 runs). Older ones are read a page at a time (runs.page).

import { notFound } from '../../../../shared/contract/errors';
import type {
  Experiment,
  PartialRuns,
  RunListWindow,
  RunPage,
} from '../../../../shared/contract/lab-entities';
import type { ExperimentRecord } from '../../store/experiments-store';
import type { ListedRun } from '../../store/runs-store';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { keptExperiments } from './evidence-folds';
import { experimentView } from './lab-data';

/** How many of the newest experiments a lab state carries. */
export const RECENT_EXPERIMENTS = 30;
/** How many of an experiment's newest runs are shown with it (the rest a page away). */
export const RUNS_PER_EXPERIMENT = 8;
/** How many runs a coverage entry or a piece of evidence names on screen (the checklist offers four). */
export const IDS_PER_ENTRY = 8;

/** Each experiment's runs in seq order, in one pass over the runs. */
export function runsByExperiment(runs: readonly ListedRun[]): Map<string, ListedRun[]> {
  const byExperiment = new Map<string, ListedRun[]>();
  for (const run of runs) {
    const list = byExperiment.get(run.experimentId);
    if (list) list.push(run);
    else byExperiment.set(run.experimentId, [run]);
  }
  return byExperiment;
}

/**
 * An experiment's newest runs plus the ones named (and any still running): the view, and a cursor to the others
 * when some are left out.
 */
function withNewestRuns(
  record: ExperimentRecord,
  runs: readonly ListedRun[],
  keep: (run: ListedRun) => boolean,
): { view: Experiment; partial: PartialRuns | null } {
  const newestFrom = Math.max(0, runs.length - RUNS_PER_EXPERIMENT);
  const shown = runs.filter((run, i) => i >= newestFrom || keep(run));
  const partial =
    shown.length < runs.length
      ? { experimentId: record.id, runsTotal: runs.length, olderRunsBefore: runs[newestFrom]!.seq }
      : null;
  return { view: experimentView(record, shown), partial };
}

export interface WindowInput {
  /** Every experiment of the investigation, in seq order. */
  experiments: readonly ExperimentRecord[];
  /** Every run of the investigation, in seq order. */
  runs: readonly ListedRun[];
  /** Runs the lab state names (proof, coverage, evidence, resolution): sent whatever their age. */
  runIds: ReadonlySet<string>;
  /** Experiments the lab state names (next step, preflight): sent whatever their age. */
  experimentIds: ReadonlySet<string>;
}

/**
 * The run list a lab state sends: the newest RECENT_EXPERIMENTS experiments and their parents, plus the
 * experiments of every named, running or real run, each with its newest runs and its named, running or real ones.
 */
export function runListWindow(input: WindowInput): { experiments: Experiment[]; runList: RunListWindow } {
  const byExperiment = runsByExperiment(input.runs);
  // Running runs show their progress; real ones are few (logged by hand) and listed by the real-experiment panel.
  const keep = (run: ListedRun) =>
    run.status === 'running' || input.runIds.has(run.id) || Boolean(run.analysis?.real);
  const recent = input.experiments.slice(-RECENT_EXPERIMENTS);
  const shownIds = new Set(input.experimentIds);
  for (const record of recent) {
    shownIds.add(record.id);
    if (record.parentId) shownIds.add(record.parentId);
  }
  for (const run of input.runs) if (keep(run)) shownIds.add(run.experimentId);
  const experiments: Experiment[] = [];
  const partial: PartialRuns[] = [];
  for (const record of input.experiments) {
    if (!shownIds.has(record.id)) continue;
    const shown = withNewestRuns(record, byExperiment.get(record.id) ?? [], keep);
    experiments.push(shown.view);
    if (shown.partial) partial.push(shown.partial);
  }
  return {
    experiments,
    runList: {
      experimentsTotal: input.experiments.length,
      runsTotal: input.runs.length,
      olderExperimentsBefore: input.experiments.length > recent.length ? (recent[0]?.seq ?? null) : null,
      partial,
    },
  };
}

/** A list of run ids as a screen names them: the first IDS_PER_ENTRY (the sentence beside them says how many). */
export function namedOnScreen(runIds: readonly string[]): string[] {
  return runIds.length <= IDS_PER_ENTRY ? [...runIds] : runIds.slice(0, IDS_PER_ENTRY);
}

export interface RunPageRequest {
  investigationId: string;
  experimentId?: string | undefined;
  before?: number | undefined;
  limit: number;
}

/**
 * A page of the run list, read from the kept lists: without an experiment, the `limit` experiments before the
 * cursor (newest first, each with its newest runs); with one, that experiment's `limit` runs before the cursor.
 * Either way the page's experiments come in seq order.
 */
export function runPage(ctx: ServiceContext, request: RunPageRequest): RunPage {
  requireInvestigation(ctx, request.investigationId);
  const before = request.before ?? Number.POSITIVE_INFINITY;
  const runs = ctx.store.runs.listForInvestigation(request.investigationId);
  if (request.experimentId !== undefined) {
    const record = ctx.store.experiments.get(request.experimentId);
    if (!record || record.investigationId !== request.investigationId)
      throw notFound('experiment', request.experimentId, {
        channel: 'runs.page',
        within: 'in this investigation',
      });
    const own = runs.filter((run) => run.experimentId === record.id);
    const older = own.filter((run) => run.seq < before);
    const page = older.slice(-request.limit);
    return {
      experiments: [experimentView(record, page)],
      nextBefore: page.length < older.length ? page[0]!.seq : null,
      partial: [],
      total: own.length,
    };
  }
  const experiments = keptExperiments(ctx.store, request.investigationId);
  const older = experiments.filter((record) => record.seq < before);
  const page = older.slice(-request.limit);
  const onPage = new Set(page.map((record) => record.id));
  const byExperiment = runsByExperiment(runs.filter((run) => onPage.has(run.experimentId)));
  const views: Experiment[] = [];
  const partial: PartialRuns[] = [];
  for (const record of page) {
    const shown = withNewestRuns(record, byExperiment.get(record.id) ?? [], () => false);
    views.push(shown.view);
    if (shown.partial) partial.push(shown.partial);
  }
  return {
    experiments: views,
    nextBefore: page.length < older.length ? page[0]!.seq : null,
    partial,
    total: experiments.length,
  };
}
