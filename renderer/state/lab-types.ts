// The lab slice's shape: the open investigation's scenario, experiments and runs, the selected run and its results,
// comparisons, sweeps and the memory editor's preview.
import type { RequestOf } from '../../shared/contract/channels';
import type {
  ComparisonResult,
  Experiment,
  ExperimentParamsInput,
  JobPlan,
  LabState,
  MemoryPreview,
  ParamChange,
  RunDetail,
  RunSummary,
  ScenarioInfo,
  SweepResult,
} from '../../shared/contract/lab-entities';
import type { DecodedHeatmap, DecodedSeries } from '../charts/decode-series';
import type { GraphMetricId } from '../charts/graph-metrics';

export type CompareMode = 'overlay' | 'multiples' | 'difference';

export interface PendingDerivation {
  parentId: string | null;
  params: ExperimentParamsInput;
  label?: string;
  hypothesisId?: string | null;
  changes: ParamChange[];
  /** Run it as soon as it is created. */
  runAfter: boolean;
}

/** A run's series for one metric and window, decoded, one per TaskManager. */
export interface RunSeriesView {
  metric: GraphMetricId;
  fromSec: number | null;
  toSec: number | null;
  series: { taskManager: string; data: DecodedSeries }[];
}

export interface SweepProgress {
  sweepId: string;
  done: number;
  total: number;
  current: string;
  result: SweepResult | null;
}

export interface LabSlice {
  scenarios: ScenarioInfo[];
  lab: LabState | null;
  labInvestigationId: string | null;
  /** Which view of the investigation is shown; 'trail' is the timeline (renderer/features/trail). */
  view: 'notebook' | 'lab' | 'trail';
  selectedExperimentId: string | null;
  selectedRunId: string | null;
  runDetails: Record<string, RunDetail>;
  runProgress: Record<string, number>;
  plans: Record<string, JobPlan>;
  metric: GraphMetricId;
  runSeries: Record<string, RunSeriesView>;
  seriesLoading: Record<string, boolean>;
  heatmaps: Record<string, DecodedHeatmap>;
  compareRunIds: string[];
  compareMode: CompareMode;
  comparison: ComparisonResult | null;
  sweep: SweepProgress | null;
  memoryPreview: MemoryPreview | null;
  /** A derivation waiting for the user to confirm it changes more than one thing. */
  pendingMultiChange: PendingDerivation | null;
  setView(view: 'notebook' | 'lab' | 'trail'): void;
  loadScenarios(): Promise<void>;
  loadLab(investigationId: string): Promise<void>;
  refreshLab(): Promise<void>;
  chooseScenario(scenarioId: string): Promise<void>;
  previewMemory(overrides: Record<string, string>): Promise<void>;
  applyConfig(overrides: Record<string, string>): Promise<boolean>;
  selectExperiment(experimentId: string | null): void;
  selectRun(runId: string | null): void;
  /** Switches to the lab with a run (and its experiment) selected, e.g. from checklist evidence. */
  openRunInLab(runId: string): void;
  loadPlan(experimentId: string): Promise<JobPlan | undefined>;
  /** The scenario's full job (nothing peeled), for drawing peeled operators where they were. */
  loadScenarioPlan(scenarioId: string): Promise<JobPlan | undefined>;
  loadRunDetail(runId: string): Promise<RunDetail | undefined>;
  createExperiment(
    derivation: Omit<PendingDerivation, 'changes'>,
    confirmMultiChange?: boolean,
  ): Promise<Experiment | undefined>;
  confirmPendingDerivation(): Promise<void>;
  cancelPendingDerivation(): void;
  startRun(experimentId: string): Promise<RunSummary | undefined>;
  cancelRun(runId: string): Promise<void>;
  runPreflight(experimentId: string): Promise<void>;
  applyFix(
    experimentId: string,
    fixId: string,
    apply: boolean,
    runAfter?: boolean,
  ): Promise<Experiment | undefined>;
  setMetric(metric: GraphMetricId): void;
  /** Fetches a run's series for the current metric over a window (the whole run when null), replacing the last. */
  loadRunSeries(runId: string, window?: { fromSec: number; toSec: number } | null): Promise<void>;
  loadHeatmap(runId: string): Promise<void>;
  toggleCompare(runId: string): void;
  setCompareMode(mode: CompareMode): void;
  openComparison(): Promise<void>;
  closeComparison(): void;
  startSweep(experimentId: string, include: RequestOf<'sweeps.start'>['include']): Promise<void>;
  cancelSweep(): Promise<void>;
  resolve(reason: string): Promise<boolean>;
  receiveRunProgress(runId: string, investigationId: string, fraction: number): void;
  receiveRunFinished(investigationId: string, run: RunSummary): void;
  receiveSweepProgress(payload: {
    sweepId: string;
    investigationId: string;
    done: number;
    total: number;
    current: string;
  }): void;
  receiveSweepFinished(payload: { sweepId: string; investigationId: string; result: SweepResult }): void;
  receiveLabChanged(investigationId: string): void;
}
