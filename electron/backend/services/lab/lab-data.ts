// Loads everything the lab reasons about for one investigation: its experiments with their runs, the runs' facts,
// and its hypotheses. Reads only; the lab state, coverage and proof are computed from this.
import type { Experiment } from '../../../../shared/contract/lab-entities';
import type { RunFacts } from '../../../../shared/domain/lab/run-facts';
import type { ExperimentRecord } from '../../store/experiments-store';
import type { ListedRun } from '../../store/runs-store';
import type { ServiceContext } from '../context';
import { keptExperiments, runsWithFacts } from './evidence-folds';
import { runSummary } from './run-records';

export interface LabData {
  experiments: readonly ExperimentRecord[];
  runs: readonly ListedRun[];
  facts: RunFacts[];
}

/**
 * The experiments and runs are the kept ones (evidence-folds.ts, runs-store.ts) and each run's facts the ones its
 * evidence fold holds: a lab state read at 1,000 runs no longer parses every experiment and makes every run's facts
 * again, only to drop them when it has answered.
 */
export function loadLabData(ctx: ServiceContext, investigationId: string): LabData {
  const { runs, facts } = runsWithFacts(ctx.store, investigationId);
  return { experiments: keptExperiments(ctx.store, investigationId), runs, facts };
}

export function experimentView(record: ExperimentRecord, runs: readonly ListedRun[]): Experiment {
  return {
    id: record.id,
    investigationId: record.investigationId,
    seq: record.seq,
    parentId: record.parentId,
    label: record.label,
    params: record.params,
    diff: record.diff,
    multiChangeConfirmed: record.multiChangeConfirmed,
    hypothesisId: record.hypothesisId,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    runs: runs.filter((run) => run.experimentId === record.id).map(runSummary),
  };
}
