// Running experiments: a run is recorded as started, simulated off the request (in a worker), and when it ends its
// series, outcome, verdict, the hypothesis it tests and the checklist evidence it brings are stored in one
// transaction with their audit events. Cancel stops it at once; a run Peel was killed during is marked failed.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { notFound, PeelError } from '../../../../shared/contract/errors';
import type { RunSummary } from '../../../../shared/contract/lab-entities';
import { SIMULATOR_VERSION } from '../../../../shared/sim/simulator-version';
import type { ExperimentRecord } from '../../store/experiments-store';
import { releaseSeries, type StorableRun } from '../../workers/prepare-run';
import { RunQueueFull } from '../../workers/run-queue';
import { SimulationCancelled, type SimulationJob } from '../../workers/simulation-runner';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { scenarioSourceOf } from '../training/drill-of-investigation';
import { countEndedRun } from './capacity';
import { decideHypothesisFromRun } from './decide-hypothesis';
import { tickFromEvidence } from './evidence-ticks';
import { requireExperiment } from './experiments';
import { runPreview } from './run-preview';
import { completedColumns, runSummary } from './run-records';
import { writeSeriesAhead } from './series-ahead';
import { verdictRecorded } from './verdict-recorded';

const PROGRESS_INTERVAL_MS = 100;

/** The run `id`; `withDetail` false leaves out its plan and events (a 24 h run's are megabytes to inflate and parse). */
export function requireRun(ctx: ServiceContext, id: string, withDetail = true) {
  const run = ctx.store.runs.get(id, withDetail);
  if (!run) throw notFound('run', id);
  return run;
}

/**
 * Stores a finished simulation with its audit events; returns false if the run was no longer running. The
 * runners hand the run over as storing it needs it: series encoded and hashed, detail as JSON text, the analysis
 * its record carries (prepare-run.ts, done off the main thread). `seriesWritten`: the series are already in the
 * store (series-ahead.ts), so this transaction holds only the run's record and its events.
 */
export function storeFinishedRun(
  ctx: ServiceContext,
  runId: string,
  experiment: ExperimentRecord,
  run: StorableRun,
  seriesWritten = false,
): boolean {
  const { prepared } = run;
  const stored = commit(ctx, (record, now) => {
    if (!ctx.store.runs.finish(runId, completedColumns(run.analysis, now), prepared.detailText)) {
      if (seriesWritten) ctx.store.runs.deleteSeries(runId);
      return false;
    }
    if (!seriesWritten) {
      for (const series of prepared.series) {
        const data = Buffer.from(series.data.buffer, series.data.byteOffset, series.data.byteLength);
        ctx.store.runs.putSeriesBlob(runId, { ...series, data });
      }
    }
    if (prepared.lean) {
      ctx.store.runs.putDerivation({
        runId,
        simulator: SIMULATOR_VERSION,
        params: experiment.params,
        seriesHash: prepared.seriesHash,
        detailHash: prepared.detailHash,
        keys: prepared.lean.keys,
      });
    }
    const seq = ctx.store.runs.get(runId, false)!.seq;
    const a = run.analysis;
    record({
      investigationId: experiment.investigationId,
      kind: 'run.completed',
      ruleId: 'make-it-fail',
      payload: {
        runId,
        seq,
        experimentId: experiment.id,
        experimentSeq: experiment.seq,
        seed: run.seed,
        durationSec: run.durationSec,
        restarts: a.restarts,
        ooms: a.ooms,
        fullGcs: a.fullGcs,
        taskFailures: a.taskFailures,
        containersKilled: a.containersKilled,
        peakDirectBytes: a.peakDirectBytes,
        peakRssBytes: a.peakRssBytes,
        summary: a.summary,
        // What the chain vouches for beyond these numbers: the stored series and the run's detail.
        seriesHash: prepared.seriesHash,
        detailHash: prepared.detailHash,
        // Which simulator produced them: a bundle carries the run as parameters and seed only to a Peel with the same.
        simulator: SIMULATOR_VERSION,
        // A lean run keeps only some series on disk (the rest are re-derived): the hash of those it keeps.
        ...(prepared.lean ? { keptSeriesHash: prepared.lean.keptSeriesHash } : {}),
      },
    });
    record(verdictRecorded(experiment.investigationId, { runId, seq, experimentSeq: experiment.seq }, a));
    decideHypothesisFromRun(ctx, experiment, runId, record, now);
    tickFromEvidence(ctx, experiment.investigationId, record, now);
    return true;
  });
  if (stored) countEndedRun(ctx, experiment.investigationId, runId);
  return stored;
}

function storeEndedRun(
  ctx: ServiceContext,
  runId: string,
  experiment: ExperimentRecord,
  error: unknown,
): void {
  const cancelled = error instanceof SimulationCancelled;
  const message = error instanceof Error ? error.message : String(error);
  const ended = commit(ctx, (record, now) => {
    if (
      !ctx.store.runs.finish(runId, {
        status: cancelled ? 'cancelled' : 'failed',
        finishedAt: now,
        error: message,
      })
    )
      return false;
    // A run that did not complete keeps no series, even those written ahead of its record (series-ahead.ts).
    ctx.store.runs.deleteSeries(runId);
    record({
      investigationId: experiment.investigationId,
      kind: cancelled ? 'run.cancelled' : 'run.failed',
      ruleId: 'make-it-fail',
      payload: {
        runId,
        seq: ctx.store.runs.get(runId, false)!.seq,
        experimentId: experiment.id,
        reason: message,
      },
    });
    return true;
  });
  if (ended) countEndedRun(ctx, experiment.investigationId, runId);
}

/**
 * Says a run ended, after its outcome is committed. A completed run's news carries its direct-memory graph
 * (run-preview.ts) read back from the store, so what the UI draws at once is what the chain vouches for.
 */
function announceFinished(
  ctx: ServiceContext,
  runId: string,
  investigationId: string,
  taskManagers: readonly string[],
): void {
  const run = ctx.store.runs.get(runId, false);
  if (run) {
    const preview =
      run.status === 'completed' && taskManagers.length > 0
        ? runPreview(ctx, runId, taskManagers)
        : undefined;
    ctx.emit({
      name: 'run.finished',
      payload: { investigationId, run: runSummary(run), ...(preview ? { preview } : {}) },
    });
  }
  ctx.emit({ name: 'lab.changed', payload: { investigationId } });
}

/** Stores a finished run in steps (series-ahead.ts, then the run's record and events in one transaction). */
async function storeFinishedRunInSteps(
  ctx: ServiceContext,
  runId: string,
  experiment: ExperimentRecord,
  run: StorableRun,
): Promise<void> {
  if (!(await writeSeriesAhead(ctx, runId, run.prepared.series))) return;
  if (!ctx.store.db.open) return;
  storeFinishedRun(ctx, runId, experiment, run, true);
}

/**
 * Starts the simulation of a recorded run, or queues it while every worker is busy (the lab's run queue, which
 * tells the UI each waiting run's place in line); resolves once its outcome is stored. A run the queue has no
 * room for is failed on the record, with the queue's reason.
 */
export function launchRun(ctx: ServiceContext, runId: string, experiment: ExperimentRecord): Promise<void> {
  let lastProgress = 0;
  const source = scenarioSourceOf(ctx, experiment.investigationId);
  const simulate = () =>
    ctx.lab.runner(
      experiment.params,
      (simSec, fraction) => {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_INTERVAL_MS && fraction < 1) return;
        lastProgress = now;
        ctx.emit({
          name: 'run.progress',
          payload: { runId, investigationId: experiment.investigationId, fraction, simSec },
        });
      },
      source,
      'prepared',
    );
  let job: SimulationJob<StorableRun>;
  try {
    job = ctx.lab.queue.submit({ runId, investigationId: experiment.investigationId }, simulate);
  } catch (error) {
    if (!(error instanceof RunQueueFull)) throw error;
    job = { result: Promise.reject(error), cancel() {} };
  }
  // Peel closing its database mid-run (quitting) leaves nothing to record the outcome in: the run stays 'running'
  // and failAbandonedRuns fails it, on the record, at the next start.
  const whileOpen = (work: () => void) => {
    if (ctx.store.db.open) work();
  };
  let taskManagers: string[] = [];
  const stored = job.result
    .then(
      (run) => {
        taskManagers = run.taskManagerIds;
        const stored = ctx.store.db.open ? storeFinishedRunInSteps(ctx, runId, experiment, run) : undefined;
        return Promise.resolve(stored).finally(() => releaseSeries(run.prepared));
      },
      (error: unknown) => whileOpen(() => storeEndedRun(ctx, runId, experiment, error)),
    )
    .catch((error: unknown) => whileOpen(() => storeEndedRun(ctx, runId, experiment, error)))
    .finally(() => {
      ctx.lab.jobs.delete(runId);
      whileOpen(() => announceFinished(ctx, runId, experiment.investigationId, taskManagers));
    });
  ctx.lab.jobs.set(runId, { job, stored });
  return stored;
}

/** Records a new run of an experiment (with the parameters and seed that reproduce it) without starting it. */
export function recordRunStart(
  ctx: ServiceContext,
  experiment: ExperimentRecord,
  extra: Record<string, unknown> = {},
): string {
  const params = experiment.params;
  const runId = ctx.newId();
  commit(ctx, (record, now) => {
    const seq = ctx.store.runs.insert({
      id: runId,
      experimentId: experiment.id,
      investigationId: experiment.investigationId,
      startedAt: now,
      startedBy: ctx.user,
      durationSec: Math.max(60, Math.round(params.hours * 3600)),
    });
    ctx.store.investigations.touch(experiment.investigationId, now);
    record({
      investigationId: experiment.investigationId,
      kind: 'run.started',
      ruleId: 'make-it-fail',
      payload: {
        runId,
        seq,
        experimentId: experiment.id,
        experimentSeq: experiment.seq,
        seed: params.seed,
        params,
        ...extra,
      },
    });
  });
  return runId;
}

/** Refuses, before anything is recorded, a run the queue has no room for. */
export function requireQueueRoom(ctx: ServiceContext, channel: string): void {
  if (ctx.lab.queue.hasRoom()) return;
  const { waiting, slots, maxWaiting } = ctx.lab.queue.snapshot();
  throw new PeelError('conflict', `${channel}: ${new RunQueueFull(waiting.length, slots).message}`, {
    waiting: waiting.length,
    maxWaiting,
    slots,
  });
}

export function startRun(ctx: ServiceContext, request: RequestOf<'runs.start'>): ResponseOf<'runs.start'> {
  const experiment = requireExperiment(ctx, request.experimentId);
  requireQueueRoom(ctx, 'runs.start');
  const runId = recordRunStart(ctx, experiment);
  void launchRun(ctx, runId, experiment);
  return runSummary(ctx.store.runs.get(runId, false)!);
}

export function cancelRun(ctx: ServiceContext, request: RequestOf<'runs.cancel'>): ResponseOf<'runs.cancel'> {
  const run = requireRun(ctx, request.runId);
  if (run.status !== 'running') return runSummary(run);
  const experiment = requireExperiment(ctx, run.experimentId);
  storeEndedRun(ctx, run.id, experiment, new SimulationCancelled());
  ctx.lab.jobs.get(run.id)?.job.cancel();
  return runSummary(ctx.store.runs.get(run.id, false)!);
}

/** At start-up: runs left 'running' by a Peel that stopped mid-run are failed, on the record. */
export function failAbandonedRuns(ctx: ServiceContext): RunSummary[] {
  return ctx.store.runs.listAbandoned().map((run) => {
    storeEndedRun(
      ctx,
      run.id,
      requireExperiment(ctx, run.experimentId),
      new Error('Peel stopped while this run was in progress; run it again.'),
    );
    return runSummary(ctx.store.runs.get(run.id, false)!);
  });
}
