// The run list the lab shows, put together from what the server sent: each lab state carries a window (the newest
// experiments with their newest runs, and the ones it names), and older experiments or runs come a page at a time
// when the user asks. A new lab state must not drop what the user has loaded, nor leave a gap between the window
// and the pages; until the user loads a page, the list is the window alone (plus what is on screen), so it stays
// the size of the window however many runs the investigation holds.
import type {
  Experiment,
  LabState,
  PartialRuns,
  RunPage,
  RunSummary,
} from '../../shared/contract/lab-entities';

/** What the user has loaded beyond the lab state's window. */
export interface RunListLoaded {
  /** Every experiment from this seq up is loaded; null while only the window is. */
  downTo: number | null;
  /** After the pages loaded so far, where the next one starts (`runs.page` before); null when none are left. */
  olderBefore: number | null;
  /** Experiments whose older runs the user loaded, each with where its next page starts (null: all loaded). */
  expanded: Record<string, number | null>;
}

export const NOTHING_LOADED: RunListLoaded = { downTo: null, olderBefore: null, expanded: {} };

function unionRuns(older: readonly RunSummary[], newer: readonly RunSummary[]): RunSummary[] {
  const byId = new Map(older.map((run) => [run.id, run]));
  for (const run of newer) byId.set(run.id, run);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** Experiments by id, the newer copy's fields winning and both copies' runs kept; in seq order. */
function unionExperiments(older: readonly Experiment[], newer: readonly Experiment[]): Experiment[] {
  const byId = new Map(older.map((experiment) => [experiment.id, experiment]));
  for (const experiment of newer) {
    const before = byId.get(experiment.id);
    byId.set(
      experiment.id,
      before ? { ...experiment, runs: unionRuns(before.runs, experiment.runs) } : experiment,
    );
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The partial-runs entries once an experiment's older runs have been loaded down to `expanded`. */
function partialAfter(entries: readonly PartialRuns[], loaded: RunListLoaded): PartialRuns[] {
  return entries.flatMap((entry) => {
    if (!(entry.experimentId in loaded.expanded)) return [entry];
    const next = loaded.expanded[entry.experimentId];
    if (next === null || next === undefined) return [];
    return [{ ...entry, olderRunsBefore: Math.min(entry.olderRunsBefore, next) }];
  });
}

/**
 * The list to show once a lab state arrives: its window, plus what the user loaded (pages, expanded experiments),
 * the experiments `keep` names (the selected one, the compared runs'), taken from the list shown before, and the
 * runs read by id (`pinned`, each experiment with that run).
 */
export function landWindow(
  shown: LabState | null,
  window: LabState,
  loaded: RunListLoaded,
  keep: ReadonlySet<string>,
  pinned: readonly Experiment[] = [],
): LabState {
  const kept = (shown?.experiments ?? []).filter(
    (experiment) =>
      keep.has(experiment.id) ||
      experiment.id in loaded.expanded ||
      (loaded.downTo !== null && experiment.seq >= loaded.downTo),
  );
  const experiments = unionExperiments(unionExperiments(pinned, kept), window.experiments);
  const inWindow = new Set(window.runList.partial.map((entry) => entry.experimentId));
  const keptPartial = (shown?.runList.partial ?? []).filter(
    (entry) => !inWindow.has(entry.experimentId) && kept.some((e) => e.id === entry.experimentId),
  );
  return {
    ...window,
    experiments,
    runList: {
      ...window.runList,
      olderExperimentsBefore:
        loaded.downTo === null ? window.runList.olderExperimentsBefore : loaded.olderBefore,
      partial: partialAfter([...window.runList.partial, ...keptPartial], loaded),
    },
  };
}

/** A page of older experiments landed: the list gains them, and `loaded` says how far down it now goes. */
export function landExperimentPage(
  shown: LabState,
  page: RunPage,
  loaded: RunListLoaded,
): { lab: LabState; loaded: RunListLoaded } {
  const lowest = page.experiments[0]?.seq ?? null;
  const downTo =
    lowest === null
      ? (loaded.downTo ?? shown.runList.olderExperimentsBefore)
      : Math.min(lowest, loaded.downTo ?? lowest);
  const next: RunListLoaded = { ...loaded, downTo, olderBefore: page.nextBefore };
  const known = new Set(shown.runList.partial.map((entry) => entry.experimentId));
  return {
    loaded: next,
    lab: {
      ...shown,
      experiments: unionExperiments(shown.experiments, page.experiments),
      runList: {
        ...shown.runList,
        olderExperimentsBefore: page.nextBefore,
        partial: partialAfter(
          [...shown.runList.partial, ...page.partial.filter((entry) => !known.has(entry.experimentId))],
          next,
        ),
      },
    },
  };
}

/** A page of one experiment's older runs landed. */
export function landRunPage(
  shown: LabState,
  experimentId: string,
  page: RunPage,
  loaded: RunListLoaded,
): { lab: LabState; loaded: RunListLoaded } {
  const next: RunListLoaded = {
    ...loaded,
    expanded: { ...loaded.expanded, [experimentId]: page.nextBefore },
  };
  return {
    loaded: next,
    lab: {
      ...shown,
      experiments: unionExperiments(shown.experiments, page.experiments),
      runList: { ...shown.runList, partial: partialAfter(shown.runList.partial, next) },
    },
  };
}

/** A run read by id (one the list did not hold: named by the trail, the checklist) joins the list with its experiment. */
export function landRun(shown: LabState, experiment: Omit<Experiment, 'runs'>, run: RunSummary): LabState {
  return { ...shown, experiments: unionExperiments(shown.experiments, [{ ...experiment, runs: [run] }]) };
}
