// Reading runs back for the UI: the detail (plan, events, per-TaskManager verdicts), series downsampled to the
// chart's width keeping every peak, and the operators x time back-pressure matrix for the heat map.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { notFound, PeelError } from '../../../../shared/contract/errors';
import { operatorSeriesKey, taskManagerSeriesKey } from '../../../../shared/domain/lab/series-keys';
import type { StoredAnalysis } from '../../store/hydration';
import type { RunRecord, StoredSeries } from '../../store/runs-store';
import type { ServiceContext } from '../context';
import { realFactsOf } from '../imports/real-experiments';
import { requireExperiment } from './experiments';
import { experimentView } from './lab-data';
import { rederivedRun } from './rederive';
import { runSummary } from './run-records';
import { requireRun } from './runs';
import { base64Float32, seriesSlice } from './series-slice';

type CompletedRun = RunRecord & { analysis: StoredAnalysis; topology: NonNullable<RunRecord['topology']> };

/**
 * A completed run with its results; a completed run stored without them is a damaged database, said so. A run whose
 * data was discarded has its plan and events re-derived (rederive.ts).
 */
async function requireCompleted(ctx: ServiceContext, runId: string, channel: string): Promise<CompletedRun> {
  const run = requireRun(ctx, runId);
  if (run.status !== 'completed') {
    throw new PeelError(
      'conflict',
      `${channel}: run #${run.seq} is ${run.status}; only completed runs have results.`,
    );
  }
  const derivation = ctx.store.runs.derivation(run.id);
  if (derivation?.discarded && run.analysis) {
    const rederived = await rederivedRun(ctx, run, derivation, channel);
    return { ...run, analysis: run.analysis, topology: rederived.topology, events: rederived.events };
  }
  const { analysis, topology } = run;
  if (!analysis || !topology) {
    throw new PeelError(
      'storage',
      `${channel}: run #${run.seq} is completed but its results are not stored.`,
    );
  }
  return { ...run, analysis, topology };
}

/**
 * A completed run's record with its analysis, but not its plan or events (megabytes of JSON for a day-long run):
 * what reading its series needs. A completed run stored without its analysis is a damaged database, said so.
 */
function requireCompletedAnalysis(
  ctx: ServiceContext,
  runId: string,
  channel: string,
): RunRecord & { analysis: StoredAnalysis } {
  const run = ctx.store.runs.get(runId, false);
  if (!run) throw notFound('run', runId);
  if (run.status !== 'completed') {
    throw new PeelError(
      'conflict',
      `${channel}: run #${run.seq} is ${run.status}; only completed runs have results.`,
    );
  }
  const { analysis } = run;
  if (!analysis) {
    throw new PeelError(
      'storage',
      `${channel}: run #${run.seq} is completed but its results are not stored.`,
    );
  }
  return { ...run, analysis };
}

export async function getRun(
  ctx: ServiceContext,
  request: RequestOf<'runs.get'>,
): Promise<ResponseOf<'runs.get'>> {
  const run = await requireCompleted(ctx, request.runId, 'runs.get');
  const experiment = requireExperiment(ctx, run.experimentId);
  const analysis = run.analysis;
  const { runs: _runs, ...experimentOnly } = experimentView(experiment, []);
  return {
    run: runSummary(run),
    experiment: experimentOnly,
    plan: run.topology,
    events: run.events ?? [],
    eventsDropped: analysis.run.eventsDropped,
    taskManagers: analysis.facts.taskManagers.map((tm) => {
      const verdict = analysis.run.perTaskManager.find((entry) => entry.taskManager === tm.id);
      return {
        ...tm,
        verdict: verdict?.verdict ?? 'flat',
        summary: verdict?.summary ?? '',
        retainedBytesPerRestart: verdict?.retainedBytesPerRestart ?? 0,
      };
    }),
    operators: analysis.run.backPressure.map((entry) => ({
      id: entry.operator,
      layer: run.topology.operators.find((op) => op.id === entry.operator)?.layer ?? '',
      meanBackPressuredMs: entry.meanBackPressuredMs,
      maxBackPressuredMs: entry.maxBackPressuredMs,
      secondsHigh: entry.secondsHigh,
    })),
    // A lean run's keys: every series it has, on disk or re-derived when read.
    seriesKeys: [
      ...(ctx.store.runs.derivation(run.id)?.keys ?? ctx.store.runs.listSeriesKeys(run.id)),
    ].sort(),
    analysis: { ...analysis.run },
  };
}

/** A series from disk (through the decoded-series cache), or re-derived when a lean run does not keep it. */
async function loadSeries(
  ctx: ServiceContext,
  run: { id: string; seq: number },
  key: string,
  channel: string,
): Promise<StoredSeries | undefined> {
  const stored = await ctx.lab.seriesCache.getAsync(run.id, key, () =>
    ctx.store.runs.getSeriesAsync(run.id, key),
  );
  if (stored) return stored;
  const derivation = ctx.store.runs.derivation(run.id);
  if (!derivation?.keys.includes(key)) return undefined;
  return (await rederivedRun(ctx, run, derivation, channel)).series.get(key);
}

export async function readSeries(
  ctx: ServiceContext,
  request: RequestOf<'runs.series'>,
): Promise<ResponseOf<'runs.series'>> {
  if ((request.keys === undefined) === (request.taskManagerMetric === undefined)) {
    throw new PeelError(
      'invalid-request',
      'runs.series: give either `keys` or `taskManagerMetric` (one metric of every TaskManager), not both or neither.',
    );
  }
  const run = requireCompletedAnalysis(ctx, request.runId, 'runs.series');
  const metric = request.taskManagerMetric;
  const keys =
    request.keys ?? run.analysis.facts.taskManagers.map((tm) => taskManagerSeriesKey(tm.id, metric!));
  // A real run holds only what was imported: a metric that was not is a state to show, not an error.
  const real = realFactsOf(run.analysis) !== null;
  const loaded = await Promise.all(keys.map((key) => loadSeries(ctx, run, key, 'runs.series')));
  return keys.map((key, i) => {
    const series = loaded[i];
    if (!series && real) return notImportedSlice(key);
    if (!series) throw new PeelError('not-found', `runs.series: run #${run.seq} has no series '${key}'.`);
    return seriesSlice(key, series, request.points, request.fromSec, request.toSec);
  });
}

function notImportedSlice(key: string): ResponseOf<'runs.series'>[number] {
  return { key, timesSec: '', values: '', points: 0, exact: true, min: null, max: null, notImported: true };
}

export async function readHeatmap(
  ctx: ServiceContext,
  request: RequestOf<'runs.heatmap'>,
): Promise<ResponseOf<'runs.heatmap'>> {
  const run = await requireCompleted(ctx, request.runId, 'runs.heatmap');
  const plan = run.topology;
  const operators = plan.operators.map((op) => ({ id: op.id, layer: op.layer }));
  const fromSec = request.fromSec ?? 0;
  const toSec = Math.min(request.toSec ?? plan.durationSec, plan.durationSec);
  const span = Math.max(1, toSec - fromSec);
  const columns = Math.max(1, Math.min(request.columns, Math.ceil(span)));
  const stepSec = span / columns;
  const matrix = new Float32Array(operators.length * columns).fill(Number.NaN);
  const loaded = await Promise.all(
    operators.map((op) =>
      loadSeries(ctx, run, operatorSeriesKey(op.id, 'backPressuredTimeMsPerSecond'), 'runs.heatmap'),
    ),
  );
  operators.forEach((_op, row) => {
    const series = loaded[row];
    if (!series) return;
    for (let c = 0; c < columns; c++) {
      const from = Math.floor(fromSec + c * stepSec);
      const to = Math.min(series.values.length, Math.max(from + 1, Math.floor(fromSec + (c + 1) * stepSec)));
      let max = Number.NaN;
      for (let i = from; i < to; i++) {
        const v = series.values[i]!;
        if (!Number.isNaN(v) && !(v <= max)) max = v;
      }
      matrix[row * columns + c] = max;
    }
  });
  return { operators, startSec: fromSec, stepSec, columns, values: base64Float32(matrix) };
}
