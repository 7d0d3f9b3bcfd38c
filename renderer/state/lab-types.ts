// The lab slice's shape: the open investigation's lab (scenario, experiments and runs), which experiment and run
// are selected, and the runs in progress.
import type { JobPlan, LabState, RunSummary, ScenarioInfo } from '../../shared/contract/lab-entities';

export interface LabSlice {
  scenarios: ScenarioInfo[];
  lab: LabState | null;
  labInvestigationId: string | null;
  selectedExperimentId: string | null;
  selectedRunId: string | null;
  /**
   * The run the user just started: its panel comes into view when it first shows and again when its result lands,
   * however the news arrives (the run can finish before the lab lists it). Cleared once its result is in view.
   */
  revealRunId: string | null;
  /** Fraction done of each run in progress, by run id. */
  runProgress: Record<string, number>;
  /** Job plans by experiment id, and each scenario's full plan under `scenario:<id>`. */
  plans: Record<string, JobPlan>;
  loadScenarios(): Promise<void>;
  loadLab(investigationId: string): Promise<void>;
  refreshLab(): Promise<void>;
  chooseScenario(scenarioId: string): Promise<void>;
  selectExperiment(experimentId: string | null): void;
  selectRun(runId: string | null): void;
  loadPlan(experimentId: string): Promise<JobPlan | undefined>;
  /** The scenario's full job (nothing peeled), for drawing peeled operators where they were. */
  loadScenarioPlan(scenarioId: string): Promise<JobPlan | undefined>;
  startRun(experimentId: string): Promise<RunSummary | undefined>;
  /** The started run's result is in view: nothing more to bring into view for it. */
  revealedRun(runId: string): void;
  cancelRun(runId: string): Promise<void>;
  /** Removes a completed run's data from disk (its results and audit events stay; it is re-derived when shown). */
  discardRunData(runId: string): Promise<void>;
  runPreflight(experimentId: string): Promise<void>;
  resolve(reason: string): Promise<boolean>;
  receiveRunProgress(runId: string, investigationId: string, fraction: number): void;
  receiveRunFinished(investigationId: string, run: RunSummary): void;
  receiveLabChanged(investigationId: string): void;
}
