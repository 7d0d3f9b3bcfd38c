// What the checklist evidence asks of an investigation's runs (the first completed run passing a test, the peeled
// runs, a completed run by id), and the plain answer from the list of runs. The evidence reads runs only through
// these questions, so a stored run can ask them of a fold kept up to date instead (evidence-fold.ts), and the
// lab state asks them of the list, each search stopping at the first run that settles it.
import { completedRuns, isUnchangedCode, leakOutcome, type RunFacts } from './run-facts';

/** A run that ran the job as written, with every component, against the platform as configured. */
export const isBaseline = (run: RunFacts) =>
  !run.params.control && isUnchangedCode(run) && run.params.removed.length === 0;

/** Container shutdowns and sink pauses the run's schedule asks for within its duration. */
export function scheduled(run: RunFacts): { shutdowns: number; pauses: number } {
  const endSec = run.params.hours * 3600;
  const shutdowns = run.params.failContainers
    .filter((fault) => fault.atSec < endSec)
    .reduce((sum, fault) => sum + (fault.names?.length ?? fault.count ?? 1), 0);
  const pauses = run.params.pauseSink.filter((pause) => pause.fromSec < endSec).length;
  return { shutdowns, pauses };
}

/** Every scheduled container shutdown and sink pause fired (and at least one shutdown was scheduled). */
export function firedAsScheduled(run: RunFacts): boolean {
  const asked = scheduled(run);
  return asked.shutdowns > 0 && run.shutdownsFired >= asked.shutdowns && run.sinkPausesFired >= asked.pauses;
}

/** The tests whose first completed run (lowest seq) a checklist item names. */
export const FIRST_TESTS = {
  done: () => true,
  restarted: (run: RunFacts) => run.shutdownsFired > 0,
  paused: (run: RunFacts) => run.sinkPausesFired > 0,
  reproduced: (run: RunFacts) =>
    !run.params.control && isUnchangedCode(run) && (run.ooms > 0 || leakOutcome(run) === 'leak'),
  staircase: (run: RunFacts) => leakOutcome(run) === 'leak' && (run.retainedBytesPerRestart ?? 0) > 0,
  withOoms: (run: RunFacts) => run.ooms > 0,
  control: (run: RunFacts) => run.params.control,
  fired: firedAsScheduled,
  baseline: isBaseline,
} satisfies Record<string, (run: RunFacts) => boolean>;

export type FirstTest = keyof typeof FIRST_TESTS;
export const FIRST_TEST_NAMES = Object.keys(FIRST_TESTS) as FirstTest[];

export interface RunQuery {
  /** The first completed run (in run order) passing the test. */
  first(test: FirstTest): RunFacts | undefined;
  /** Completed runs with layers or operators removed (not the control job), in run order. */
  readonly peeled: readonly RunFacts[];
  /** The completed run with this id. */
  completedRun(id: string): RunFacts | undefined;
  /** The completed runs among these ids, in run order. */
  completedAmong(ids: ReadonlySet<string>): RunFacts[];
}

/** The answers read from the runs themselves. */
export class ListedRuns implements RunQuery {
  private readonly done: RunFacts[];
  private peeledRuns: RunFacts[] | null = null;
  constructor(runs: readonly RunFacts[]) {
    this.done = completedRuns(runs);
  }
  first(test: FirstTest): RunFacts | undefined {
    return this.done.find(FIRST_TESTS[test]);
  }
  get peeled(): readonly RunFacts[] {
    this.peeledRuns ??= this.done.filter(isPeeled);
    return this.peeledRuns;
  }
  completedRun(id: string): RunFacts | undefined {
    return this.done.find((run) => run.id === id);
  }
  completedAmong(ids: ReadonlySet<string>): RunFacts[] {
    return this.done.filter((run) => ids.has(run.id));
  }
}

/** A run with layers or operators removed that is not the control job. */
export const isPeeled = (run: RunFacts) => run.params.removed.length > 0 && !run.params.control;
