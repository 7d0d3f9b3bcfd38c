// The shapes a run produces: its plan (topology and memory before anything runs), events, per-TaskManager and
// per-operator series at one-second resolution, and the composed analysis.
import type { StaircaseVerdict } from '../analysis/staircase';
import type { MemoryBreakdown } from '../memory/memory-breakdown';
import type { EdgeKind, MemoryKinds } from '../topology/job-graph';
import type { ExperimentParams } from './experiment-params';
import type { TaskManagerMetricName } from './metric-names';

export interface PlannedOperator {
  id: string;
  name: string;
  layer: string;
  parallelism: number;
  memory: MemoryKinds;
  kind: 'source' | 'transform' | 'sink';
  /** Failover region (0-based); a job wired by keyBy/rebalance/forward edges is one region. */
  region: number;
  /** Added by peeling (the discarding sink). */
  generated: boolean;
}

export interface PlannedTaskManager {
  /** `tm-1` .. `tm-N`: one per slot group; a replacement container keeps the TaskManager's id (see RunTaskManager). */
  id: string;
  /** YARN container of the first JVM: `container_e01_1700000000000_0001_01_000002`, ... */
  container: string;
  slots: number;
  /** Subtasks placed in its slots, as `operator-id#i` (i from 0). */
  subtasks: string[];
}

export interface JobPlan {
  scenario: string;
  variant: string | null;
  control: boolean;
  operators: PlannedOperator[];
  edges: Array<{ from: string; to: string; kind: EdgeKind }>;
  /** How peeling (or the control job) rewired the job, in words. */
  rewiring: string[];
  layers: string[];
  taskManagers: PlannedTaskManager[];
  slotsPerTaskManager: number;
  subtasks: number;
  memory: MemoryBreakdown;
  /** The YARN container size (the process size in whole MiB); resident memory above it gets the container killed. */
  containerLimitBytes: number;
  directLimitBytes: number;
  javaOpts: string;
  explicitGcDisabled: boolean;
  /** Defects of the scenario and whether each is active in this run. */
  defects: Array<{ id: string; active: boolean; description: string }>;
  failoverStrategy: 'region' | 'full';
  regions: number;
  restartStrategy: string;
  checkpoints: { intervalSec: number | null; timeoutSec: number; tolerableFailures: number };
  /** The effective Flink configuration (scenario, variant, fixes, then overrides), flat keys. */
  config: Record<string, string>;
  durationSec: number;
}

export type SimEventKind =
  | 'taskmanager-started'
  | 'container-shutdown'
  | 'container-killed'
  | 'task-failure'
  | 'restart'
  | 'oom'
  | 'full-gc'
  | 'checkpoint-completed'
  | 'checkpoint-expired'
  | 'sink-paused'
  | 'sink-resumed'
  | 'payload-spike'
  | 'job-failed';

export interface SimEvent {
  /** Simulated seconds from the start of the run. */
  t: number;
  kind: SimEventKind;
  taskManager?: string;
  /** The YARN container the event happened in. */
  container?: string;
  operator?: string;
  message: string;
}

export interface RunContainer {
  id: string;
  startSec: number;
  /** When it went away (shutdown or kill); null when still running at the end. */
  endSec: number | null;
  end: 'shutdown' | 'killed' | null;
}

export interface RunTaskManager {
  /**
   * `tm-1` .. `tm-N`. A container that is shut down or killed is replaced by a new one (the next YARN container
   * number) in the same place: the series continue under the same id, with a fresh start and a gap (NaN) while
   * no JVM runs there. `containers` lists them in order.
   */
  id: string;
  containers: RunContainer[];
  directLimit: number;
  containerLimit: number;
  /** One value per simulated second (index = second), NaN while no JVM runs. Byte series are Float64Array. */
  series: Record<TaskManagerMetricName, Float64Array | Float32Array>;
  /** Seconds at which a fresh JVM started here (the first one at 0). */
  freshStartsSec: number[];
  /** Seconds at which this TaskManager's tasks were redeployed in place (close() then open() in the same JVM). */
  restartsSec: number[];
}

export interface RunOperator {
  id: string;
  layer: string;
  /** Averages over the operator's subtasks, per second; NaN while the operator is not running. */
  backPressuredTimeMsPerSecond: Float32Array;
  busyTimeMsPerSecond: Float32Array;
  idleTimeMsPerSecond: Float32Array;
}

export interface TaskManagerAnalysis {
  taskManager: string;
  verdict: StaircaseVerdict;
  retainedBytesPerRestart: number;
  confidence: number;
  summary: string;
  restarts: number;
  freshStarts: number;
  peakDirectBytes: number;
  peakRssBytes: number;
  peakHeapBytes: number;
  ooms: number;
  /** The same analysis on resident memory (where an Unsafe leak shows). */
  residentVerdict: StaircaseVerdict;
  residentRetainedBytesPerRestart: number;
}

export interface OperatorBackPressure {
  operator: string;
  /** Mean of backPressuredTimeMsPerSecond over the seconds it ran. */
  meanBackPressuredMs: number;
  maxBackPressuredMs: number;
  /** Seconds with a back-pressure ratio above 0.5 (Flink's "high"). */
  secondsHigh: number;
}

export interface RunAnalysis {
  /** Direct memory across restarts: the strongest verdict among TaskManagers that are confident of theirs. */
  verdict: StaircaseVerdict;
  /** Median of the retained bytes per restart over the TaskManagers with that verdict; 0 when flat. */
  retainedBytesPerRestart: number;
  confidence: number;
  summary: string;
  /** Resident memory across restarts, combined the same way. */
  residentVerdict: StaircaseVerdict;
  residentRetainedBytesPerRestart: number;
  ooms: number;
  /** Job restarts (redeployments after a failover). */
  restarts: number;
  taskFailures: number;
  containersKilled: number;
  fullGcs: number;
  youngGcs: number;
  gcTimeMs: number;
  concurrentCycles: number;
  peakDirectBytes: number;
  peakRssBytes: number;
  peakHeapBytes: number;
  checkpointsCompleted: number;
  checkpointsExpired: number;
  jobFailed: boolean;
  /** Events not listed because the run logged more than the event cap (counts above stay exact). */
  eventsDropped: number;
  perTaskManager: TaskManagerAnalysis[];
  backPressure: OperatorBackPressure[];
}

export interface SimulationRun {
  params: ExperimentParams;
  scenario: { id: string; title: string };
  config: MemoryBreakdown;
  plan: JobPlan;
  durationSec: number;
  taskManagers: RunTaskManager[];
  operators: RunOperator[];
  events: SimEvent[];
  analysis: RunAnalysis;
}
