// Simulated runs carried in a bundle as what reproduces them (bundle version 2): the parameters and seed the chain
// recorded, the simulator version, and the series and detail hashes of `run.completed`, instead of ~2 MB of series,
// plan and events per 6 h run. Exporting picks the runs a reader can re-derive; importing re-runs them in the worker
// pool (off the request path) and hands back their content with the hashes computed where it was made, so the
// bundle check holds it against the chain exactly like carried content: a run that re-derives to anything else is
// refused by name.
import { PeelError } from '../../../../shared/contract/errors';
import type {
  BundleChainEvent,
  BundleRunDerivation,
  PeelBundle,
} from '../../../../shared/contract/peel-bundle';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import type { ExperimentParams } from '../../../../shared/sim/engine/experiment-params';
import { findScenario } from '../../../../shared/sim/scenarios/catalog';
import { SIMULATOR_VERSION } from '../../../../shared/sim/simulator-version';
import { hydrateJsonOrNull } from '../../store/hydration';
import type { SeriesBlob } from '../../store/runs-store';
import type { PreparedRun } from '../../workers/prepare-run';
import type { SimulationRunner } from '../../workers/simulation-runner';
import { ImportCancelled } from './import-cancelled';

interface EventLike {
  seq: number;
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * The runs of an investigation's chain a bundle may carry as parameters and seed: completed simulations of a
 * built-in scenario stored lean, whose `run.completed` recorded its hashes and this Peel's simulator version (a run recorded by
 * another simulator, a drill's, a real run, or one from before simulator versions were recorded keeps its series).
 */
export function derivableRuns(events: Iterable<EventLike>): Map<string, BundleRunDerivation> {
  const fold = derivationFold();
  for (const event of events) fold.add(event);
  return fold.result();
}

/** derivableRuns one event at a time (oldest first), for a pass that reads the events in pages. */
export function derivationFold(): {
  add(event: EventLike): void;
  result(): Map<string, BundleRunDerivation>;
} {
  const started = new Map<string, ExperimentParams>();
  const derivable = new Map<string, BundleRunDerivation>();
  let drill = false;
  return {
    add(event) {
      const p = event.payload;
      if (event.kind === 'drill.started') drill = true;
      const runId = typeof p.runId === 'string' ? p.runId : null;
      if (!runId) return;
      if (event.kind === 'run.started' && p.params && typeof p.params === 'object') {
        started.set(runId, p.params as ExperimentParams);
      } else if (event.kind === 'run.completed') {
        const params = started.get(runId);
        if (
          params &&
          p.simulator === SIMULATOR_VERSION &&
          typeof p.seriesHash === 'string' &&
          typeof p.detailHash === 'string' &&
          typeof p.keptSeriesHash === 'string' &&
          findScenario(params.scenario) !== undefined
        ) {
          derivable.set(runId, {
            simulator: SIMULATOR_VERSION,
            params,
            seriesHash: p.seriesHash,
            detailHash: p.detailHash,
          });
        }
      } else if (event.kind === 'experiment.real-logged') {
        started.delete(runId);
      }
    },
    result: () => (drill ? new Map() : new Map(derivable)),
  };
}

/** A carried run's content as the importing Peel re-derived it, with the hashes taken where it was made. */
export interface DerivedRun {
  seriesHash: string;
  detailHash: string;
  analysis: unknown;
  plan: unknown;
  /**
   * The stored JSON of its analysis, plan and events (events packed) as the worker wrote them: stored as they are,
   * so the main thread never unpacks, parses, serialises and packs again a run's ~500 KB of events.
   */
  detailText: PreparedRun['detailText'];
  /** The series to store: a lean run's kept ones (the importer stores it lean too, see kept-series.ts). */
  series: SeriesBlob[];
  /** Every series key of the run, stored or not. */
  keys: string[];
}

const refuse = (where: string, message: string, details: Record<string, unknown> = {}): never => {
  throw new PeelError('invalid-request', `bundles.import: ${message} Nothing was imported.`, {
    where,
    ...details,
  });
};

function completedEventOf(chain: readonly BundleChainEvent[], runId: string): BundleChainEvent | undefined {
  return chain.find((event) => event.kind === 'run.completed' && event.payload.runId === runId);
}

function startedEventOf(chain: readonly BundleChainEvent[], runId: string): BundleChainEvent | undefined {
  return chain.find((event) => event.kind === 'run.started' && event.payload.runId === runId);
}

/**
 * What a carried run says must be what the chain recorded of it (the chain is verified, the record is not): the
 * simulator, the parameters and seed, both hashes. Checked before anything is simulated.
 */
export function checkDerivations(bundle: PeelBundle, source: string): void {
  for (const [i, run] of bundle.runs.entries()) {
    const derive = run.derive;
    if (!derive) continue;
    const where = `runs[${i}].derive`;
    const label = `run ${run.seq}`;
    if (bundle.version < 2) {
      refuse(
        where,
        `${source}: ${where}: a version ${bundle.version} bundle cannot carry a run by 'derive'.`,
      );
    }
    if (run.series.length > 0 || run.analysis !== null || run.plan !== null || run.events !== null) {
      refuse(
        where,
        `${source}: ${label} (runs[${i}]) is carried by 'derive' and must not also carry series, analysis, plan or events.`,
      );
    }
    if (run.status !== 'completed') {
      refuse(
        where,
        `${source}: ${label} (runs[${i}]) is carried by 'derive' but is ${run.status}, not completed.`,
      );
    }
    const started = startedEventOf(bundle.chain.events, run.id);
    const completed = completedEventOf(bundle.chain.events, run.id);
    if (!started || !completed) {
      refuse(
        where,
        `${source}: ${label} is carried by 'derive', but its chain holds no completed run to derive.`,
      );
    }
    const differs = (field: string, recorded: unknown, eventSeq: number) =>
      refuse(
        `${where}.${field}`,
        `${source}'s records are not what its audit chain recorded: ${label}: the ${field} it is to be re-derived from (${canonicalJson(
          (derive as Record<string, unknown>)[field] ?? null,
        ).slice(
          0,
          80,
        )}) is not what event #${eventSeq} recorded (${canonicalJson(recorded ?? null).slice(0, 80)}). The bundle was changed after it was exported;`,
        { eventSeq },
      );
    if (canonicalJson(derive.params) !== canonicalJson(started!.payload.params ?? null)) {
      differs('params', started!.payload.params, started!.seq);
    }
    if (derive.seriesHash !== completed!.payload.seriesHash) {
      differs('seriesHash', completed!.payload.seriesHash, completed!.seq);
    }
    if (derive.detailHash !== completed!.payload.detailHash) {
      differs('detailHash', completed!.payload.detailHash, completed!.seq);
    }
    if (derive.simulator !== completed!.payload.simulator) {
      differs('simulator', completed!.payload.simulator, completed!.seq);
    }
    if (derive.simulator !== SIMULATOR_VERSION) {
      refuse(
        `${where}.simulator`,
        `${source}: ${label} was simulated by simulator '${derive.simulator}' and is carried as its parameters and seed, but this Peel's simulator is '${SIMULATOR_VERSION}', which may give other series: it cannot re-derive them. Import it with a Peel of the same simulator, or have it exported with its series by one.`,
        { simulator: derive.simulator, supported: SIMULATOR_VERSION },
      );
    }
    if (!findScenario(derive.params.scenario)) {
      refuse(
        `${where}.params.scenario`,
        `${source}: ${label} is carried as parameters of the system '${derive.params.scenario}', which this Peel does not know.`,
      );
    }
  }
}

function derivedFrom(prepared: PreparedRun): DerivedRun {
  const text = prepared.detailText;
  return {
    seriesHash: prepared.seriesHash,
    detailHash: prepared.detailHash,
    analysis: hydrateJsonOrNull(text.analysis),
    plan: hydrateJsonOrNull(text.topology),
    detailText: text,
    series: prepared.series.map((series) => ({
      ...series,
      data: Buffer.from(series.data.buffer, series.data.byteOffset, series.data.byteLength),
    })),
    keys: prepared.lean?.keys ?? prepared.series.map((series) => series.key),
  };
}

export interface DeriveOptions {
  runner: SimulationRunner;
  onProgress?: (done: number, total: number) => void;
  /** Cancels every re-derivation still queued or running; the promise then rejects with ImportCancelled. */
  signal?: AbortSignal;
}

/**
 * Re-derives every carried run of a (checked) bundle in the runner's pool, all queued at once; resolves with each
 * run's content by run id, or rejects naming the first run whose simulation failed.
 */
export async function deriveBundleRuns(
  bundle: PeelBundle,
  source: string,
  options: DeriveOptions,
): Promise<Map<string, DerivedRun>> {
  const carried = bundle.runs.filter((run) => run.derive !== undefined);
  const derived = new Map<string, DerivedRun>();
  if (carried.length === 0) return derived;
  let done = 0;
  options.onProgress?.(0, carried.length);
  if (options.signal?.aborted) throw new ImportCancelled();
  const jobs = carried.map((run) => {
    // Only the prepared run comes back from the worker: the import stores that and nothing else of the run.
    const job = options.runner(run.derive!.params, () => {}, undefined, 'prepared');
    // Awaited in turn below; one left behind by a refusal is cancelled, and its rejection is expected.
    job.result.catch(() => {});
    return { run, job };
  });
  const cancelAll = () => {
    for (const { job } of jobs) job.cancel();
  };
  options.signal?.addEventListener('abort', cancelAll);
  try {
    for (const { run, job } of jobs) {
      let finished: Awaited<typeof job.result>;
      try {
        finished = await job.result;
      } catch (error) {
        if (options.signal?.aborted) throw new ImportCancelled();
        return refuse(
          'runs',
          `${source}: run ${run.seq} cannot be re-derived from its recorded parameters (${error instanceof Error ? error.message : String(error)}).`,
        );
      }
      if (!finished.prepared) {
        throw new Error('the simulation runner handed back a run without its storage prepared');
      }
      derived.set(run.id, derivedFrom(finished.prepared));
      options.onProgress?.(++done, carried.length);
    }
  } finally {
    options.signal?.removeEventListener('abort', cancelAll);
    // A refusal stops the rest: nothing of theirs would be used.
    cancelAll();
  }
  return derived;
}
