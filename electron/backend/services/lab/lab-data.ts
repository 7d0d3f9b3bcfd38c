// Loads everything the lab reasons about for one investigation: its experiments with their runs, the runs' facts,
// and its hypotheses. Reads only; the lab state, coverage and proof are computed from this.
import type { Experiment } from '../../../../shared/contract/lab-entities';
import type { RunFacts } from '../../../../shared/domain/lab/run-facts';
import type { ExperimentRecord } from '../../store/experiments-store';
import type { ListedRun } from '../../store/runs-store';
import type { ServiceContext } from '../context';
import { runFacts, runSummary } from './run-records';

export interface LabData {
  experiments: ExperimentRecord[];
  runs: ListedRun[];
  facts: RunFacts[];
}

/**
 * Each listed run's facts, made once: the stores keep a run's listed entry and an experiment's record between reads
 * and replace the entry when the run's row is written, so the same entry with the same experiment has the same facts.
 */
const factsOfListed = new WeakMap<ListedRun, { experiment: ExperimentRecord; facts: RunFacts }>();

function factsOf(run: ListedRun, experiment: ExperimentRecord): RunFacts {
  const made = factsOfListed.get(run);
  if (made?.experiment === experiment) return made.facts;
  const facts = runFacts(run, experiment);
  factsOfListed.set(run, { experiment, facts });
  return facts;
}

export function loadLabData(ctx: ServiceContext, investigationId: string): LabData {
  const experiments = ctx.store.experiments.listForInvestigation(investigationId);
  const byId = new Map(experiments.map((experiment) => [experiment.id, experiment]));
  const runs = ctx.store.runs.listForInvestigation(investigationId);
  const facts = runs.map((run) => factsOf(run, byId.get(run.experimentId)!));
  return { experiments, runs, facts };
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
