// Keeps each open investigation's evidence fold (shared/domain/lab/evidence-fold.ts) and a summary of its
// experiments up to date, so the checklist evidence a stored run may tick reads what changed since the last time,
// not every run and experiment again.
//
// The runs come from the runs store's kept list, whose entries are shared objects replaced whenever their row is
// written (and read again after a rolled-back transaction): an entry that is the same object as last time is the
// same run, so a pointer comparison down the list finds what changed, and only those runs are folded again. The
// experiments are checked against SQLite's count and newest id, and only newer ones are read.
import { EvidenceFold } from '../../../../shared/domain/lab/evidence-fold';
import type { RunFacts } from '../../../../shared/domain/lab/run-facts';
import type { ExperimentRecord } from '../../store/experiments-store';
import type { ListedRun } from '../../store/runs-store';
import type { PeelStore } from '../../store/store';
import { runFacts } from './run-records';

/** What the single-diff item reads of an investigation's experiments. */
export interface ExperimentSummary {
  experimentCount: number;
  experimentsWithMultipleChanges: number;
  lastExperimentId: string | null;
}

interface KeptExperiments extends ExperimentSummary {
  /** Every experiment of the investigation, in seq order (a new array whenever one is added: holders keep theirs). */
  list: readonly ExperimentRecord[];
  last: ExperimentRecord | null;
}

interface Kept {
  fold: EvidenceFold;
  /** The run list the fold was last brought up to date with, and the listed entry each folded run's facts are of. */
  list: readonly ListedRun[];
  foldedFrom: Map<string, ListedRun>;
  /** The experiments, by id, sharing the records of `experiments.list` (they are never changed once made). */
  experimentsById: Map<string, ExperimentRecord>;
  experiments: KeptExperiments | null;
}

/** As many investigations as the runs store keeps lists for: the ones the user works in. */
const KEPT = 8;
const keptByStore = new WeakMap<PeelStore, Map<string, Kept>>();

function keptFor(store: PeelStore, investigationId: string): Kept {
  let all = keptByStore.get(store);
  if (!all) {
    all = new Map();
    keptByStore.set(store, all);
  }
  let kept = all.get(investigationId);
  if (kept) all.delete(investigationId);
  else {
    kept = {
      fold: new EvidenceFold(),
      list: [],
      foldedFrom: new Map(),
      experimentsById: new Map(),
      experiments: null,
    };
    // The one used longest ago makes room (the map keeps the order of use).
    if (all.size >= KEPT) all.delete(all.keys().next().value!);
  }
  all.set(investigationId, kept);
  return kept;
}

function experimentOf(store: PeelStore, investigationId: string, kept: Kept, id: string): ExperimentRecord {
  let experiment = kept.experimentsById.get(id);
  if (!experiment) {
    syncExperiments(store, investigationId, kept);
    experiment = kept.experimentsById.get(id) ?? store.experiments.get(id);
    if (!experiment) throw new Error(`run list: experiment ${id} of a listed run is not in the database`);
    kept.experimentsById.set(id, experiment);
  }
  return experiment;
}

/** The investigation's evidence fold, brought up to date with its run list. */
export function runEvidenceFold(store: PeelStore, investigationId: string): EvidenceFold {
  const kept = keptFor(store, investigationId);
  const runs = store.runs.listForInvestigation(investigationId);
  const before = kept.list;
  let same = 0;
  const shared = Math.min(before.length, runs.length);
  while (same < shared && before[same] === runs[same]) same++;
  const put = (listed: ListedRun) => {
    kept.fold.add(runFacts(listed, experimentOf(store, investigationId, kept, listed.experimentId)));
    kept.foldedFrom.set(listed.id, listed);
  };
  if (same === before.length) {
    // The common case: runs added after the ones folded.
    for (let i = same; i < runs.length; i++) put(runs[i]!);
  } else {
    // Something before the end changed: fold again each entry that is not the object folded, and take out the
    // runs no longer listed.
    const listedIds = new Set<string>();
    for (let i = same; i < runs.length; i++) {
      const listed = runs[i]!;
      listedIds.add(listed.id);
      if (kept.foldedFrom.get(listed.id) === listed) continue;
      const folded = kept.fold.folded(listed.id);
      if (folded) kept.fold.remove(folded);
      put(listed);
    }
    for (let i = same; i < before.length; i++) {
      const gone = before[i]!;
      if (listedIds.has(gone.id)) continue;
      const folded = kept.fold.folded(gone.id);
      if (!folded) continue;
      kept.fold.remove(folded);
      kept.foldedFrom.delete(gone.id);
    }
  }
  kept.list = runs;
  return kept.fold;
}

/**
 * The investigation's runs in seq order (the runs store's kept list) with each run's facts, the same objects the
 * evidence fold holds: what the lab state derives from, without making every run's facts again on every read.
 */
export function runsWithFacts(
  store: PeelStore,
  investigationId: string,
): { runs: readonly ListedRun[]; facts: RunFacts[] } {
  const fold = runEvidenceFold(store, investigationId);
  const runs = keptFor(store, investigationId).list;
  return { runs, facts: runs.map((run) => fold.folded(run.id)!) };
}

const changesMoreThanOne = (experiment: ExperimentRecord) =>
  experiment.multiChangeConfirmed || experiment.diff.length > 1;

/**
 * Brings the kept experiments up to date, reading only experiments made since they were last read: checked against
 * SQLite's count and newest id, and read again whole if the newest one kept is gone (a rolled-back insert).
 */
function syncExperiments(store: PeelStore, investigationId: string, kept: Kept): KeptExperiments {
  const shape = store.experiments.shape(investigationId);
  const known = kept.experiments;
  if (known && known.experimentCount === shape.count && (known.last?.id ?? null) === shape.lastId)
    return known;
  if (known?.last && shape.count > known.experimentCount) {
    const [still, ...newer] = store.experiments.listFromSeq(investigationId, known.last.seq);
    if (still?.id === known.last.id && known.experimentCount + newer.length === shape.count) {
      for (const experiment of newer) kept.experimentsById.set(experiment.id, experiment);
      const last = newer.at(-1) ?? known.last;
      kept.experiments = {
        list: [...known.list, ...newer],
        experimentCount: shape.count,
        experimentsWithMultipleChanges:
          known.experimentsWithMultipleChanges + newer.filter(changesMoreThanOne).length,
        last,
        lastExperimentId: last.id,
      };
      return kept.experiments;
    }
  }
  const list = store.experiments.listForInvestigation(investigationId);
  kept.experimentsById.clear();
  for (const experiment of list) kept.experimentsById.set(experiment.id, experiment);
  const last = list.at(-1) ?? null;
  kept.experiments = {
    list,
    experimentCount: list.length,
    experimentsWithMultipleChanges: list.filter(changesMoreThanOne).length,
    last,
    lastExperimentId: last?.id ?? null,
  };
  return kept.experiments;
}

/** The investigation's experiment summary, reading only experiments made since it was last asked for. */
export function experimentSummary(store: PeelStore, investigationId: string): ExperimentSummary {
  const { experimentCount, experimentsWithMultipleChanges, lastExperimentId } = syncExperiments(
    store,
    investigationId,
    keptFor(store, investigationId),
  );
  return { experimentCount, experimentsWithMultipleChanges, lastExperimentId };
}

/** The investigation's experiments in seq order, kept between reads (shared records: callers must not change them). */
export function keptExperiments(store: PeelStore, investigationId: string): readonly ExperimentRecord[] {
  return syncExperiments(store, investigationId, keptFor(store, investigationId)).list;
}
