// Auto-peel: from one experiment, derive and run every single-layer and/or single-operator removal, then rank the
// removals by the memory each run still retains per restart (a removal that takes the leak away ranks first).
// Every derived experiment and run is on the record like any other; the sweep's table is one more audit event.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import type { ExperimentParams, SweepResult } from '../../../../shared/contract/lab-entities';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import { describeTargets } from '../../../../shared/domain/lab/experiment-diff';
import { planJob } from '../../../../shared/sim/engine/job-plan';
import type { ScenarioDefinition } from '../../../../shared/sim/scenarios/scenario-types';
import type { RunRecord } from '../../store/runs-store';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { scenarioOptionOf } from '../training/drill-of-investigation';
import { keptExperiments } from './evidence-folds';
import { checkedParams, createExperiment, requireExperiment } from './experiments';
import { launchRun, recordRunStart, requireQueueRoom } from './runs';

type SweepRow = SweepResult['rows'][number];

/** Runs in flight at once: the worker pool has one thread per core (at most two). */
const SWEEP_CONCURRENCY = 2;

interface SweepTarget {
  removed: string;
  kind: 'layer' | 'operator';
  params: ExperimentParams;
}

function sweepTargets(
  base: ExperimentParams,
  include: RequestOf<'sweeps.start'>['include'],
  options: { scenario?: ScenarioDefinition },
): SweepTarget[] {
  const plan = planJob(base, options);
  const operators = plan.operators.filter((op) => !op.generated);
  const candidates: Omit<SweepTarget, 'params'>[] = [
    ...(include !== 'operators'
      ? [...new Set(operators.map((op) => op.layer))].map((layer) => ({
          removed: layer,
          kind: 'layer' as const,
        }))
      : []),
    ...(include !== 'layers' ? operators.map((op) => ({ removed: op.id, kind: 'operator' as const })) : []),
  ];
  const targets: SweepTarget[] = [];
  for (const candidate of candidates) {
    try {
      // A cut the simulator cannot run (e.g. one that leaves no source) is skipped, not failed.
      const params = checkedParams(
        'sweeps.start',
        {
          ...base,
          removed: [...base.removed, candidate.removed],
        },
        options,
      );
      targets.push({ ...candidate, params });
    } catch {
      // not a runnable cut
    }
  }
  return targets;
}

/**
 * Parameters as one comparable text, made once per parameters object: experiments' records are kept between reads
 * (evidence-folds.ts) and never changed, so each removal of a sweep compares texts, not 1,000 experiments serialised again.
 */
const keyOfParams = new WeakMap<ExperimentParams, string>();
function paramsKey(params: ExperimentParams): string {
  let key = keyOfParams.get(params);
  if (key === undefined) {
    key = canonicalJson(params);
    keyOfParams.set(params, key);
  }
  return key;
}

/** The investigation's experiment with exactly these parameters, if there is one (the oldest). */
function sameExperiment(ctx: ServiceContext, investigationId: string, params: ExperimentParams) {
  const key = paramsKey(params);
  return keptExperiments(ctx.store, investigationId).find(
    (experiment) => paramsKey(experiment.params) === key,
  );
}

function latestCompletedRun(ctx: ServiceContext, investigationId: string, experimentId: string) {
  return ctx.store.runs
    .listForInvestigation(investigationId)
    .filter((run) => run.experimentId === experimentId && run.status === 'completed')
    .sort((a, b) => b.seq - a.seq)[0];
}

export function rankSweepRows(rows: readonly SweepRow[]): SweepRow[] {
  return [...rows].sort(
    (a, b) =>
      a.retainedBytesPerRestart - b.retainedBytesPerRestart ||
      a.ooms - b.ooms ||
      a.removed.localeCompare(b.removed),
  );
}

export function startSweep(
  ctx: ServiceContext,
  request: RequestOf<'sweeps.start'>,
): ResponseOf<'sweeps.start'> {
  const base = requireExperiment(ctx, request.experimentId);
  const params = base.params;
  if (params.control)
    throw new PeelError('conflict', 'sweeps.start: the control job has no operators of yours to peel.');
  const targets = sweepTargets(params, request.include, scenarioOptionOf(ctx, base.investigationId));
  if (targets.length === 0)
    throw new PeelError('conflict', 'sweeps.start: nothing left to peel in this experiment.');
  requireQueueRoom(ctx, 'sweeps.start');
  const sweepId = ctx.newId();
  let cancelled = false;
  const runningNow = new Set<string>();
  const started = performance.now();
  let done = 0;
  const pending = [...targets];
  // Peel closing its database (quitting) ends the sweep where it is: there is nowhere left to record the rest, and
  // the runs in flight are failed, on the record, at the next start.
  const open = () => ctx.store.db.open;
  const rowOf = (
    target: SweepTarget,
    experimentId: string,
    run: Pick<RunRecord, 'id' | 'verdict' | 'retainedBytesPerRestart' | 'ooms' | 'summary'>,
  ): SweepRow => ({
    removed: target.removed,
    kind: target.kind,
    experimentId,
    runId: run.id,
    verdict: (run.verdict as SweepRow['verdict']) ?? null,
    retainedBytesPerRestart: run.retainedBytesPerRestart ?? 0,
    ooms: run.ooms ?? 0,
    summary: run.summary ?? '',
  });
  const runOne = async (target: SweepTarget): Promise<SweepRow | null> => {
    // A removal already run with exactly these parameters (by hand or by an earlier sweep) is reused, not repeated:
    // the same parameters and seed give the same run bit for bit.
    const existing = sameExperiment(ctx, base.investigationId, target.params);
    const reused = existing && latestCompletedRun(ctx, base.investigationId, existing.id);
    if (existing && reused) return rowOf(target, existing.id, reused);
    const experimentId =
      existing?.id ??
      createExperiment(ctx, {
        investigationId: base.investigationId,
        parentId: base.id,
        params: target.params,
        label: `auto-peel: removed ${describeTargets([target.removed])}`,
      }).id;
    const record = requireExperiment(ctx, experimentId);
    const runId = recordRunStart(ctx, record, { sweepId });
    runningNow.add(runId);
    await launchRun(ctx, runId, record);
    runningNow.delete(runId);
    if (!open()) return null;
    const run = ctx.store.runs.get(runId, false)!;
    if (run.status !== 'completed') return null;
    return rowOf(target, experimentId, run);
  };
  const finished = (async () => {
    const rows: SweepRow[] = [];
    // As many runs at once as the simulation workers can take; each lane takes the next removal when it is free.
    const lane = async () => {
      for (let target = pending.shift(); target && !cancelled && open(); target = pending.shift()) {
        ctx.emit({
          name: 'sweep.progress',
          payload: {
            sweepId,
            investigationId: base.investigationId,
            done,
            total: targets.length,
            current: target.removed,
          },
        });
        try {
          const row = await runOne(target);
          if (row) rows.push(row);
        } catch (error) {
          // One removal that cannot be set up must not stop the others; its run (if any) is on the record.
          ctx.emit({ name: 'lab.changed', payload: { investigationId: base.investigationId } });
          console.error(
            `sweep ${sweepId}: ${target.removed}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        done++;
      }
    };
    await Promise.all(Array.from({ length: SWEEP_CONCURRENCY }, lane));
    if (!open()) return;
    const result: SweepResult = {
      baseExperimentId: base.id,
      rows: rankSweepRows(rows),
      wallMs: performance.now() - started,
      cancelled,
    };
    commit(ctx, (record) =>
      record({
        investigationId: base.investigationId,
        kind: 'sweep.completed',
        ruleId: 'divide-and-conquer',
        payload: { sweepId, baseSeq: base.seq, include: request.include, ...result },
      }),
    );
    ctx.emit({ name: 'sweep.finished', payload: { sweepId, investigationId: base.investigationId, result } });
  })().finally(() => ctx.lab.sweeps.delete(sweepId));
  ctx.lab.sweeps.set(sweepId, {
    cancel: () => {
      cancelled = true;
      for (const runId of runningNow) ctx.lab.jobs.get(runId)?.job.cancel();
    },
    finished,
  });
  return { sweepId, total: targets.length };
}

export function cancelSweep(
  ctx: ServiceContext,
  request: RequestOf<'sweeps.cancel'>,
): ResponseOf<'sweeps.cancel'> {
  const sweep = ctx.lab.sweeps.get(request.sweepId);
  if (!sweep) return { cancelled: false };
  sweep.cancel();
  return { cancelled: true };
}
