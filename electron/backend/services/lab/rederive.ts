// The content of a lean run that is not on disk (see store/kept-series.ts), or of a run whose data was discarded:
// re-derived by re-running the simulator on its recorded parameters and seed in the worker pool, checked against the
// series and detail hashes the run stored (which verify holds against its `run.completed` event), and kept in a
// small cache so a chart's zoom and the next view of the same run do not simulate again. One simulation at a time
// per run: concurrent reads of one run share it.
import { PeelError } from '../../../../shared/contract/errors';
import type { JobPlan, SimEvent } from '../../../../shared/sim/engine/run-types';
import { SIMULATOR_VERSION } from '../../../../shared/sim/simulator-version';
import type { StoredAnalysis } from '../../store/hydration';
import type { RunDerivation, StoredSeries } from '../../store/runs-store';
import type { LabRuntime } from '../../workers/lab-runtime';
import type { ServiceContext } from '../context';
import { simulationSeries } from './run-content';
import { outcomeOf } from './run-records';

export interface RederivedRun {
  series: Map<string, StoredSeries>;
  analysis: StoredAnalysis;
  topology: JobPlan;
  events: SimEvent[];
}

/** How many re-derived runs stay in memory (a 6 h, parallelism 8 run is about 10 MB of float32 series). */
const CACHED_RUNS = 4;

const caches = new WeakMap<LabRuntime, Map<string, Promise<RederivedRun>>>();

function cacheOf(lab: LabRuntime): Map<string, Promise<RederivedRun>> {
  let cache = caches.get(lab);
  if (!cache) {
    cache = new Map();
    caches.set(lab, cache);
  }
  return cache;
}

function withMinMax(key: string, values: Float32Array): StoredSeries {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    key,
    startSec: 0,
    stepSec: 1,
    values,
    min: Number.isFinite(min) ? min : null,
    max: Number.isFinite(max) ? max : null,
  };
}

async function simulate(
  ctx: ServiceContext,
  run: { id: string; seq: number },
  derivation: RunDerivation,
  channel: string,
): Promise<RederivedRun> {
  if (derivation.simulator !== SIMULATOR_VERSION) {
    throw new PeelError(
      'conflict',
      `${channel}: run #${run.seq} keeps only part of its data on disk and was simulated by simulator '${derivation.simulator}'; this Peel's simulator is '${SIMULATOR_VERSION}' and cannot re-derive the rest.`,
      { runId: run.id },
    );
  }
  const finished = await ctx.lab.runner(derivation.params, () => {}).result;
  if (finished.prepared?.seriesHash !== derivation.seriesHash) {
    throw new PeelError(
      'storage',
      `${channel}: run #${run.seq}: re-running its recorded parameters gives other series than it recorded (series hash ${finished.prepared?.seriesHash.slice(0, 12)}… instead of ${derivation.seriesHash.slice(0, 12)}…); run npm run verify.`,
      { runId: run.id },
    );
  }
  const outcome = outcomeOf(finished, 0);
  const shownDetail = finished.prepared.detailHash;
  if (shownDetail !== derivation.detailHash) {
    throw new PeelError(
      'storage',
      `${channel}: run #${run.seq}: re-running its recorded parameters gives another analysis, plan or events than it recorded; run npm run verify.`,
      { runId: run.id },
    );
  }
  const series = new Map<string, StoredSeries>();
  for (const entry of simulationSeries(finished)) series.set(entry.key, withMinMax(entry.key, entry.values));
  // The stored JSON's reading (a NaN becomes null), as a run read from its row gives it.
  const detail = JSON.parse(
    JSON.stringify({ analysis: outcome.analysis, topology: outcome.topology, events: outcome.events }),
  ) as Omit<RederivedRun, 'series'>;
  return { series, ...detail };
}

/**
 * The run's whole content re-derived (series by key, analysis, plan, events), from the cache or simulated now.
 */
export function rederivedRun(
  ctx: ServiceContext,
  run: { id: string; seq: number },
  derivation: RunDerivation,
  channel: string,
): Promise<RederivedRun> {
  const cache = cacheOf(ctx.lab);
  const hit = cache.get(run.id);
  if (hit) {
    cache.delete(run.id);
    cache.set(run.id, hit);
    return hit;
  }
  const made = simulate(ctx, run, derivation, channel);
  cache.set(run.id, made);
  // A failure is not kept: the next read tries again.
  made.catch(() => cache.delete(run.id));
  while (cache.size > CACHED_RUNS) cache.delete(cache.keys().next().value!);
  return made;
}
