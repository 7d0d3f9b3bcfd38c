// Reading runs out of a lab state: every run in the order they were made, and the experiment a run belongs to.
import type { Experiment, LabState, RunSummary } from '../../shared/contract/lab-entities';

/** Every run of the lab, newest last. */
export function allRuns(lab: LabState | null): RunSummary[] {
  return (lab?.experiments ?? []).flatMap((experiment) => experiment.runs).sort((a, b) => a.seq - b.seq);
}

/** The experiment a run belongs to. */
export function experimentOf(lab: LabState | null, runId: string): Experiment | undefined {
  return lab?.experiments.find((experiment) => experiment.runs.some((run) => run.id === runId));
}
