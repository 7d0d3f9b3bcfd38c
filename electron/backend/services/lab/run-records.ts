// Turns a finished simulation into what the store keeps (the outcome row, the facts the lab reasons
// with) and store records back into contract shapes (run summaries, run facts).
import type { RunSummary } from '../../../../shared/contract/lab-entities';
import type { RunFacts } from '../../../../shared/domain/lab/run-facts';
import type {
  RunAnalysis,
  SimulationRun,
  TaskManagerAnalysis,
} from '../../../../shared/sim/engine/run-types';
import type { ExperimentRecord } from '../../store/experiments-store';
import type { StoredAnalysis } from '../../store/hydration';
import type { ListedRun, RunOutcome } from '../../store/runs-store';

/**
 * The part of a run's analysis its record and audit events carry (the run's columns, `run.completed` and
 * `verdict.recorded`): what storing a run needs of it once its detail is already JSON text (prepare-run.ts).
 */
export type RecordedAnalysis = Pick<
  RunAnalysis,
  | 'verdict'
  | 'retainedBytesPerRestart'
  | 'confidence'
  | 'summary'
  | 'residentVerdict'
  | 'ooms'
  | 'restarts'
  | 'taskFailures'
  | 'containersKilled'
  | 'fullGcs'
  | 'peakDirectBytes'
  | 'peakRssBytes'
> & {
  perTaskManager: Array<Pick<TaskManagerAnalysis, 'taskManager' | 'verdict' | 'retainedBytesPerRestart'>>;
};

/** A run's analysis cut to what its record carries (a copy: it keeps nothing else of the run alive). */
export function recordedAnalysis(a: RunAnalysis): RecordedAnalysis {
  return {
    verdict: a.verdict,
    retainedBytesPerRestart: a.retainedBytesPerRestart,
    confidence: a.confidence,
    summary: a.summary,
    residentVerdict: a.residentVerdict,
    ooms: a.ooms,
    restarts: a.restarts,
    taskFailures: a.taskFailures,
    containersKilled: a.containersKilled,
    fullGcs: a.fullGcs,
    peakDirectBytes: a.peakDirectBytes,
    peakRssBytes: a.peakRssBytes,
    perTaskManager: a.perTaskManager.map((tm) => ({
      taskManager: tm.taskManager,
      verdict: tm.verdict,
      retainedBytesPerRestart: tm.retainedBytesPerRestart,
    })),
  };
}

/** A completed run's columns, from its analysis (the detail columns are given apart, as objects or as text). */
export function completedColumns(a: RecordedAnalysis, finishedAt: number): RunOutcome {
  return {
    status: 'completed',
    finishedAt,
    verdict: a.verdict,
    retainedBytesPerRestart: a.retainedBytesPerRestart,
    restarts: a.restarts,
    ooms: a.ooms,
    fullGcs: a.fullGcs,
    peakDirectBytes: a.peakDirectBytes,
    peakRssBytes: a.peakRssBytes,
    summary: a.summary,
  };
}

export function outcomeOf(run: SimulationRun, finishedAt: number): RunOutcome {
  const analysis: StoredAnalysis = {
    run: run.analysis,
    facts: {
      operators: run.plan.operators.filter((op) => !op.generated).map((op) => op.id),
      shutdownsFired: run.events.filter((event) => event.kind === 'container-shutdown').length,
      sinkPausesFired: run.events.filter((event) => event.kind === 'sink-paused').length,
      directLimitBytes: run.plan.directLimitBytes,
      containerLimitBytes: run.plan.containerLimitBytes,
      taskManagers: run.taskManagers.map((tm) => ({
        id: tm.id,
        directLimit: tm.directLimit,
        containerLimit: tm.containerLimit,
        containers: tm.containers,
        freshStartsSec: tm.freshStartsSec,
        restartsSec: tm.restartsSec,
      })),
    },
  };
  return {
    ...completedColumns(run.analysis, finishedAt),
    analysis,
    topology: run.plan,
    events: run.events,
  };
}

export function runSummary(record: ListedRun): RunSummary {
  const analysis = record.analysis;
  return {
    id: record.id,
    experimentId: record.experimentId,
    seq: record.seq,
    status: record.status,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    startedBy: record.startedBy,
    durationSec: record.durationSec,
    verdict: record.verdict,
    residentVerdict: analysis?.run.residentVerdict ?? null,
    confidence: analysis?.run.confidence ?? null,
    retainedBytesPerRestart: record.retainedBytesPerRestart,
    restarts: record.restarts,
    ooms: record.ooms,
    fullGcs: record.fullGcs,
    containersKilled: analysis?.run.containersKilled ?? null,
    peakDirectBytes: record.peakDirectBytes,
    peakRssBytes: record.peakRssBytes,
    directLimitBytes: analysis?.facts.directLimitBytes ?? null,
    summary: record.summary,
    error: record.error,
    ...(record.dataDiscarded ? { dataDiscarded: record.dataDiscarded } : {}),
    // What was done on the real system (a list gives 1, a whole analysis the facts): never simulated.
    origin: analysis?.real ? 'real' : 'simulated',
  };
}

export function runFacts(record: ListedRun, experiment: ExperimentRecord): RunFacts {
  const analysis = record.analysis;
  return {
    id: record.id,
    seq: record.seq,
    experimentId: record.experimentId,
    experimentSeq: experiment.seq,
    params: experiment.params,
    status: record.status,
    startedAt: record.startedAt,
    verdict: record.verdict,
    residentVerdict: analysis?.run.residentVerdict ?? null,
    confidence: analysis?.run.confidence ?? null,
    retainedBytesPerRestart: record.retainedBytesPerRestart,
    ooms: record.ooms ?? 0,
    restarts: record.restarts ?? 0,
    containersKilled: analysis?.run.containersKilled ?? 0,
    operators: analysis?.facts.operators ?? [],
    shutdownsFired: analysis?.facts.shutdownsFired ?? 0,
    sinkPausesFired: analysis?.facts.sinkPausesFired ?? 0,
  };
}
