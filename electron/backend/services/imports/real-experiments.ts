// "Log real experiments": what was done on the real system, recorded as an experiment of the same lineage as the
// simulated ones (its change from its parent under the same one-change guard) whose run is the imported series.
// The run is stored like a simulated one (series under the simulator's keys on a grid from t=0, the same
// staircase analysis per TaskManager) so charts, overlays, comparisons, coverage, hypotheses and the A/B/A proof
// read it unchanged; what makes it real (the description, when it was done, the imports it was made of) is kept in
// its stored detail, which `run.completed` binds by hash, and is recorded by `experiment.real-logged`.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import type { ExperimentParams } from '../../../../shared/contract/lab-entities';
import type { RealRunInfo } from '../../../../shared/contract/real-entities';
import { realRunContent } from '../../../../shared/imports/real-run';
import { planJob } from '../../../../shared/sim/engine/job-plan';
import type { StoredAnalysis } from '../../store/hydration';
import { encodeSeries } from '../../store/series-codec';
import type { ServiceContext } from '../context';
import { forgetDiskUse } from '../lab/capacity';
import { decideHypothesisFromRun } from '../lab/decide-hypothesis';
import { tickFromEvidence } from '../lab/evidence-ticks';
import { createExperiment, requireExperiment } from '../lab/experiments';
import { detailHash, seriesHash } from '../lab/run-content';
import { completedColumns, runSummary } from '../lab/run-records';
import { verdictRecorded } from '../lab/verdict-recorded';
import { requireInvestigation } from '../lookups';
import { asPeelError } from './import-records';

/** What a real run's stored analysis adds to a simulated one's. */
/** A series as the store keeps it: encoded, with its extremes for the chart's axes. */
function seriesBlobOf(s: { key: string; startSec: number; stepSec: number; values: ArrayLike<number> }) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    key: s.key,
    startSec: s.startSec,
    stepSec: s.stepSec,
    length: s.values.length,
    min: Number.isFinite(min) ? min : null,
    max: Number.isFinite(max) ? max : null,
    data: encodeSeries(s.values),
  };
}

export interface RealRunFacts {
  description: string;
  doneAt: number;
  originSec: number;
  restartsFrom: string;
  restartsSec: number[];
  sources: { importId: string; source: string; contentSha256: string }[];
}

export type RealStoredAnalysis = StoredAnalysis & { real: RealRunFacts };

/** The real facts of a run's stored analysis, or null for a simulated run. */
export function realFactsOf(analysis: unknown): RealRunFacts | null {
  if (!analysis || typeof analysis !== 'object') return null;
  const real = (analysis as { real?: unknown }).real;
  return real && typeof real === 'object' ? (real as RealRunFacts) : null;
}

export function logRealExperiment(
  ctx: ServiceContext,
  request: RequestOf<'experiments.logReal'>,
): ResponseOf<'experiments.logReal'> {
  const investigation = requireInvestigation(ctx, request.investigationId);
  const records = request.importIds.map((id) => {
    const found = ctx.store.metricImports.get(id);
    if (!found || found.investigationId !== investigation.id) {
      throw new PeelError(
        'not-found',
        `experiments.logReal: importIds: there is no import '${id}' in this investigation.`,
        {
          id,
        },
      );
    }
    return found;
  });
  // Read and analysed before anything is written: a failure here leaves no experiment behind.
  let content: ReturnType<typeof realRunContent>;
  try {
    content = realRunContent(
      records.map((r) => ({
        format: r.format as never,
        source: r.source,
        series: ctx.store.metricImports.series(r.id),
        timeFormat: 'epoch-s',
        warnings: [],
      })),
    );
  } catch (error) {
    throw asPeelError(error, 'experiments.logReal');
  }
  const sources = records.map((r) => ({ importId: r.id, source: r.source, contentSha256: r.contentSha256 }));
  let result: { runId: string; real: RealRunInfo } | null = null;
  const experiment = createExperiment(
    ctx,
    {
      investigationId: request.investigationId,
      parentId: request.parentId,
      params: request.params,
      label: request.label?.trim() || `real: ${request.description.trim().slice(0, 80)}`,
      ...(request.hypothesisId !== undefined ? { hypothesisId: request.hypothesisId } : {}),
      ...(request.confirmMultiChange !== undefined ? { confirmMultiChange: request.confirmMultiChange } : {}),
    },
    (record, created) => {
      const params = created.params as ExperimentParams;
      const plan = planJob(params);
      const runId = ctx.newId();
      // The transaction's time, as the experiment recorded it.
      const now = created.createdAt;
      const seq = ctx.store.runs.insert({
        id: runId,
        experimentId: created.id,
        investigationId: investigation.id,
        startedAt: now,
        startedBy: ctx.user,
        durationSec: content.durationSec,
      });
      record({
        investigationId: investigation.id,
        kind: 'run.started',
        ruleId: 'make-it-fail',
        payload: {
          runId,
          seq,
          experimentId: created.id,
          experimentSeq: created.seq,
          seed: params.seed,
          params,
          real: true,
        },
      });
      const real: RealRunFacts = {
        description: request.description.trim(),
        doneAt: request.doneAt,
        originSec: content.originSec,
        restartsFrom: content.restartsFrom,
        restartsSec: content.restartsSec,
        sources,
      };
      const a = content.analysis;
      const analysis: RealStoredAnalysis = {
        run: a,
        facts: {
          operators: plan.operators.filter((op) => !op.generated).map((op) => op.id),
          shutdownsFired: 0,
          sinkPausesFired: 0,
          directLimitBytes: plan.directLimitBytes,
          containerLimitBytes: plan.containerLimitBytes,
          // The TaskManagers the imports name, with the experiment's limits (what its config gives) and the
          // restarts the analysis placed; no containers or fresh starts: Peel cannot see them in metrics.
          taskManagers: Object.entries(content.taskManagerRestartsSec).map(([id, restartsSec]) => ({
            id,
            directLimit: plan.directLimitBytes,
            containerLimit: plan.containerLimitBytes,
            containers: [],
            freshStartsSec: [],
            restartsSec,
          })),
        },
        real,
      };
      const outcome = {
        ...completedColumns(a, now),
        analysis,
        topology: plan,
        events: [],
      };
      ctx.store.runs.finish(runId, outcome);
      for (const s of content.series) ctx.store.runs.putSeriesBlob(runId, seriesBlobOf(s));
      record({
        investigationId: investigation.id,
        kind: 'run.completed',
        ruleId: 'make-it-fail',
        payload: {
          runId,
          seq,
          experimentId: created.id,
          experimentSeq: created.seq,
          seed: params.seed,
          durationSec: content.durationSec,
          restarts: a.restarts,
          ooms: a.ooms,
          fullGcs: a.fullGcs,
          taskFailures: a.taskFailures,
          containersKilled: a.containersKilled,
          peakDirectBytes: a.peakDirectBytes,
          peakRssBytes: a.peakRssBytes,
          summary: a.summary,
          real: true,
          seriesHash: seriesHash(content.series),
          detailHash: detailHash(outcome),
        },
      });
      record(verdictRecorded(investigation.id, { runId, seq, experimentSeq: created.seq }, a));
      record({
        investigationId: investigation.id,
        kind: 'experiment.real-logged',
        ruleId: 'make-it-fail',
        payload: { experimentId: created.id, experimentSeq: created.seq, runId, runSeq: seq, ...real },
      });
      decideHypothesisFromRun(ctx, requireExperiment(ctx, created.id), runId, record, now);
      tickFromEvidence(ctx, investigation.id, record, now);
      result = { runId, real: { runId, experimentId: created.id, ...real } };
    },
  );
  const done = result as { runId: string; real: RealRunInfo } | null;
  if (!done) throw new PeelError('internal', 'experiments.logReal: the run was not recorded.');
  forgetDiskUse(ctx, investigation.id);
  ctx.emit({ name: 'lab.changed', payload: { investigationId: investigation.id } });
  return { experiment, run: runSummary(ctx.store.runs.get(done.runId, false)!), real: done.real };
}

export function listRealRuns(ctx: ServiceContext, request: RequestOf<'real.runs'>): ResponseOf<'real.runs'> {
  requireInvestigation(ctx, request.investigationId);
  const out: RealRunInfo[] = [];
  for (const listed of ctx.store.runs.listForInvestigation(request.investigationId)) {
    // Run lists carry only the analysis fields a list shows; the real facts are in the whole analysis.
    const run = ctx.store.runs.get(listed.id, false);
    if (!run) continue;
    const real = realFactsOf(run.analysis);
    if (real) out.push({ runId: run.id, experimentId: run.experimentId, ...real });
  }
  return out;
}
