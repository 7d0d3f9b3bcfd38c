// What the lab shows about load: the run queue, the disk an investigation's runs take, and about what one more run
// of an experiment would add, estimated from its parameters before anything runs.

import type { DiskUse, RunQueueState, RunSizeEstimate } from '../../../../shared/contract/capacity-entities';
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { OPERATOR_METRICS } from '../../../../shared/domain/lab/series-keys';
import { planJob } from '../../../../shared/sim/engine/job-plan';
import { TASK_MANAGER_METRICS } from '../../../../shared/sim/engine/metric-names';
import { keptSeriesCount } from '../../store/kept-series';
import type { DiskUseRow } from '../../store/runs-store';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { scenarioOptionOf, scenarioSourceOf } from '../training/drill-of-investigation';
import { requireExperiment } from './experiments';

/**
 * Encoded bytes per stored sample when the investigation has no stored run to learn from: measured on the seed
 * job, 6 h at parallelism 8 (119 series, 2.57 M samples, 1,211 KB of blobs; issue 11's run-store bench).
 */
export const DEFAULT_BYTES_PER_SAMPLE = 0.48;
/** A run's analysis, plan and events when there is no stored run to learn from (the same bench: 38 KB). */
export const DEFAULT_DETAIL_BYTES = 38 * 1024;
/** A run estimated above this asks before it starts: about twenty times the seed job's 6 h run. */
export const CONFIRM_RUN_ABOVE_BYTES = 25 * 1024 * 1024;

/**
 * The investigation's disk figure: read once, then kept up to date as its runs end (`countEndedRun`), so a run's
 * end does not sum every run's blobs again (that read grew with the investigation: 48 ms at 800 runs).
 */
export function diskUseRow(ctx: ServiceContext, investigationId: string): DiskUseRow {
  const cached = ctx.lab.diskUse.get(investigationId);
  if (cached) return cached;
  const row = ctx.store.runs.diskUse(investigationId);
  ctx.lab.diskUse.set(investigationId, row);
  return row;
}

/** Adds a run that has just ended (its record committed) to its investigation's kept disk figure, if kept. */
export function countEndedRun(ctx: ServiceContext, investigationId: string, runId: string): void {
  const kept = ctx.lab.diskUse.get(investigationId);
  if (!kept) return;
  const run = ctx.store.runs.runDiskUse(runId);
  ctx.lab.diskUse.set(investigationId, {
    bytes: kept.bytes + run.bytes,
    runs: kept.runs + run.runs,
    seriesBytes: kept.seriesBytes + run.seriesBytes,
    detailBytes: kept.detailBytes + run.detailBytes,
    samples: kept.samples + run.samples,
  });
}

/** Forgets an investigation's kept disk figure, after a change that is not a run ending (a discard, an import). */
export function forgetDiskUse(ctx: ServiceContext, investigationId: string): void {
  ctx.lab.diskUse.delete(investigationId);
}

export function diskUse(ctx: ServiceContext, investigationId: string): DiskUse {
  const row = diskUseRow(ctx, investigationId);
  return { bytes: row.bytes, runs: row.runs };
}

export function runQueueState(ctx: ServiceContext): RunQueueState {
  const { waiting, running, slots, maxWaiting } = ctx.lab.queue.snapshot();
  return {
    waiting: waiting.map((entry, index) => ({ ...entry, position: index + 1 })),
    running,
    slots,
    maxWaiting,
  };
}

/**
 * About what a run of the experiment adds: one sample per series per simulated second, the series being each
 * TaskManager's memory metrics and each operator's back-pressure metrics of the planned job, at the bytes per
 * sample this investigation's stored runs actually took (or the measured default before its first run). A run of a
 * built-in scenario is lean: it keeps only the series kept-series.ts names on disk, so only those are counted.
 */
export function estimateRunSize(ctx: ServiceContext, experimentId: string): RunSizeEstimate {
  const experiment = requireExperiment(ctx, experimentId);
  const plan = planJob(experiment.params, scenarioOptionOf(ctx, experiment.investigationId));
  const lean = scenarioSourceOf(ctx, experiment.investigationId) === undefined;
  const seriesCount = lean
    ? keptSeriesCount(plan.taskManagers.length, plan.operators.length)
    : plan.taskManagers.length * TASK_MANAGER_METRICS.length +
      plan.operators.length * OPERATOR_METRICS.length;
  const samples = seriesCount * plan.durationSec;
  const stored = diskUseRow(ctx, experiment.investigationId);
  const learned = stored.samples > 0;
  const bytesPerSample = learned ? stored.seriesBytes / stored.samples : DEFAULT_BYTES_PER_SAMPLE;
  const detailBytes = learned && stored.runs > 0 ? stored.detailBytes / stored.runs : DEFAULT_DETAIL_BYTES;
  return {
    experimentId,
    bytes: Math.round(samples * bytesPerSample + detailBytes),
    seriesCount,
    samples,
    basis: learned
      ? `${bytesPerSample.toFixed(2)} bytes per sample, as this investigation's ${stored.runs} runs took`
      : `${DEFAULT_BYTES_PER_SAMPLE} bytes per sample, measured on the seed job`,
    confirmAboveBytes: CONFIRM_RUN_ABOVE_BYTES,
  };
}

export function labCapacity(
  ctx: ServiceContext,
  request: RequestOf<'lab.capacity'>,
): ResponseOf<'lab.capacity'> {
  requireInvestigation(ctx, request.investigationId);
  return {
    disk: diskUse(ctx, request.investigationId),
    queue: runQueueState(ctx),
    estimate: request.experimentId ? estimateRunSize(ctx, request.experimentId) : null,
  };
}
