// Replay: a simulated run proven, not only believed. Each completed run's chain events hold the parameters and seed
// it ran with (`run.started`) and what it produced (`run.completed`: series and detail hashes; `verdict.recorded`:
// the verdict). Replaying re-runs the simulator on those recorded parameters and checks that it produces the same
// series, the same detail and the same verdict, naming any run that does not. Reads the chain only; writes nothing.
import type { ReplayResult } from '../../../../shared/contract/trail-entities';
import type { ExperimentParams } from '../../../../shared/sim/engine/experiment-params';
import type { SimulationRun } from '../../../../shared/sim/engine/run-types';
import { isKeptSeriesKey } from '../../store/kept-series';
import type { PeelStore } from '../../store/store';
import { SimulationCancelled, type SimulationRunner } from '../../workers/simulation-runner';
import { detailHash, seriesHash, simulationSeries } from '../lab/run-content';
import { outcomeOf } from '../lab/run-records';
import type { SeriesHashShown } from './state-check';

/** A run as its chain recorded it: what to re-run and what it must give. */
export interface ReplayTarget {
  runId: string;
  /** The run's id in this database (an imported run's differs from the id its chain uses). */
  localRunId: string;
  runSeq: number;
  investigationId: string;
  investigationTitle: string;
  params: ExperimentParams;
  /** Event numbers of what is checked, for the message. */
  completedSeq: number;
  seriesHash: string | null;
  detailHash: string | null;
  verdict: { value: unknown; seq: number } | null;
}

interface EventLike {
  seq: number;
  kind: string;
  payload: Record<string, unknown>;
}

/** The replayable runs of one investigation's events (runs without recorded parameters are left out). */
export function replayTargetsOf(
  events: Iterable<EventLike>,
  investigation: { id: string; title: string },
  localId: (id: string) => string = (id) => id,
): ReplayTarget[] {
  const started = new Map<string, { seq: number; params: ExperimentParams }>();
  const targets = new Map<string, ReplayTarget>();
  for (const event of events) {
    const p = event.payload;
    const runId = typeof p.runId === 'string' ? p.runId : null;
    if (!runId) continue;
    if (event.kind === 'run.started' && p.params && typeof p.params === 'object') {
      started.set(runId, { seq: Number(p.seq), params: p.params as ExperimentParams });
    } else if (event.kind === 'run.completed') {
      const start = started.get(runId);
      if (!start) continue;
      targets.set(runId, {
        runId,
        localRunId: localId(runId),
        runSeq: start.seq,
        investigationId: investigation.id,
        investigationTitle: investigation.title,
        params: start.params,
        completedSeq: event.seq,
        seriesHash: typeof p.seriesHash === 'string' ? p.seriesHash : null,
        detailHash: typeof p.detailHash === 'string' ? p.detailHash : null,
        verdict: null,
      });
    } else if (event.kind === 'verdict.recorded') {
      const target = targets.get(runId);
      if (target) target.verdict = { value: p.verdict, seq: event.seq };
    }
  }
  return [...targets.values()];
}

/** Every replayable run in the database, or of one investigation; its own runs first, then imported ones. */
export function replayTargets(store: PeelStore, investigationId?: string): ReplayTarget[] {
  const investigations = investigationId
    ? [store.investigations.get(investigationId)].filter((i) => i !== undefined)
    : store.investigations.list();
  return investigations.flatMap((investigation) => {
    const imported = store.imports.get(investigation.id);
    const events: EventLike[] = imported
      ? store.imports
          .links(investigation.id)
          .filter((link) => link.event !== null)
          .map((link) => JSON.parse(link.event!) as EventLike)
      : [...store.bundles.eventRows(investigation.id)].map((row) => ({
          seq: row.seq,
          kind: row.kind,
          payload: JSON.parse(row.payload) as Record<string, unknown>,
        }));
    const idMap = imported ? new Map(Object.entries(imported.idMap)) : null;
    return replayTargetsOf(events, investigation, (id) => idMap?.get(id) ?? id);
  });
}

/** What one replayed run gives, compared with what its chain recorded; null when they agree. */
export function compareReplay(target: ReplayTarget, run: SimulationRun): string | null {
  const label = `run ${target.runSeq} of “${target.investigationTitle}”`;
  if (target.verdict && run.analysis.verdict !== target.verdict.value) {
    return `${label}: replaying its recorded parameters gives the verdict '${run.analysis.verdict}', but event #${target.verdict.seq} recorded '${String(target.verdict.value)}'`;
  }
  if (target.seriesHash && seriesHash(simulationSeries(run)) !== target.seriesHash) {
    return `${label}: replaying its recorded parameters gives other series than event #${target.completedSeq} recorded (its series hash differs)`;
  }
  if (target.detailHash && detailHash(outcomeOf(run, 0)) !== target.detailHash) {
    return `${label}: replaying its recorded parameters gives another analysis, plan or events than event #${target.completedSeq} recorded`;
  }
  return null;
}

/** The series the database shows for the run, against those the replay gave. */
function compareStored(target: ReplayTarget, run: SimulationRun, options: ReplayOptions): string | null {
  const stored = options.storedSeriesHashOf?.(target);
  if (!stored) return null;
  const label = `run ${target.runSeq} of “${target.investigationTitle}”`;
  if ('error' in stored) return `${label}: ${stored.error}`;
  // A discarded run holds nothing to compare; a lean run only its kept series.
  if (stored.part === 'none') return null;
  const replayed = simulationSeries(run).filter(
    (entry) => stored.part !== 'kept' || isKeptSeriesKey(entry.key),
  );
  return stored.hash === seriesHash(replayed)
    ? null
    : `${label}: its stored series are not what replaying its recorded parameters gives`;
}

export interface ReplayOptions {
  runner: SimulationRunner;
  /** The hash of the series a database holds for the run (null when it holds none): replay checks them too. */
  storedSeriesHashOf?: (target: ReplayTarget) => SeriesHashShown | null;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, current: string) => void;
  clock?: () => number;
}

/** Re-runs every target in turn; stops at the first disagreement, or when cancelled. */
export async function replayRuns(
  targets: readonly ReplayTarget[],
  options: ReplayOptions,
): Promise<ReplayResult> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const unbound = targets
    .filter((t) => t.seriesHash === null)
    .map((t) => `run ${t.runSeq} of “${t.investigationTitle}”`);
  let replayed = 0;
  const finish = (extra: Partial<ReplayResult>): ReplayResult => ({
    ok: extra.firstMismatch === undefined || extra.firstMismatch === null,
    cancelled: false,
    total: targets.length,
    replayed,
    notBound: unbound,
    firstMismatch: null,
    wallMs: clock() - started,
    ...extra,
  });
  for (const target of targets) {
    if (options.signal?.aborted) return finish({ cancelled: true, ok: false });
    const current = `run ${target.runSeq} of “${target.investigationTitle}”`;
    options.onProgress?.(replayed, targets.length, current);
    const job = options.runner(target.params, () => {});
    const abort = () => job.cancel();
    options.signal?.addEventListener('abort', abort, { once: true });
    let run: SimulationRun;
    try {
      run = await job.result;
    } catch (error) {
      if (error instanceof SimulationCancelled) return finish({ cancelled: true, ok: false });
      const message = error instanceof Error ? error.message : String(error);
      return finish({
        ok: false,
        firstMismatch: {
          runId: target.runId,
          runSeq: target.runSeq,
          investigationId: target.investigationId,
          message: `${current}: its recorded parameters cannot be replayed (${message})`,
        },
      });
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
    replayed++;
    const mismatch = compareReplay(target, run) ?? compareStored(target, run, options);
    if (mismatch) {
      return finish({
        ok: false,
        firstMismatch: {
          runId: target.runId,
          runSeq: target.runSeq,
          investigationId: target.investigationId,
          message: mismatch,
        },
      });
    }
  }
  options.onProgress?.(replayed, targets.length, 'done');
  return finish({});
}
