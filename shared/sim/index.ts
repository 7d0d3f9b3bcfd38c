// The simulator's public entry: scenarios, experiment parameters, planning and running. Pure: no I/O, no clock,
// no Math.random; the same params give the same run bit for bit.
export type { StaircaseVerdict } from './analysis/staircase';
export {
  DEFAULT_SEED,
  type ExperimentParams,
  ExperimentParamsError,
  MAX_HOURS,
  MAX_PARALLELISM,
  MAX_PARALLELISM_HOURS,
  normalizeExperimentParams,
} from './engine/experiment-params';
export { planJob } from './engine/job-plan';
export {
  G1_OLD_GENERATION,
  G1_YOUNG_GENERATION,
  METRIC,
  TASK_MANAGER_METRICS,
  type TaskManagerMetricName,
} from './engine/metric-names';
export type {
  JobPlan,
  OperatorBackPressure,
  PlannedOperator,
  PlannedTaskManager,
  RunAnalysis,
  RunContainer,
  RunOperator,
  RunTaskManager,
  SimEvent,
  SimEventKind,
  SimulationRun,
  TaskManagerAnalysis,
} from './engine/run-types';
export {
  createSimulation,
  runSimulation,
  type Simulation,
  type SimulationOptions,
} from './engine/simulation';
export type { MemoryBreakdown } from './memory/memory-breakdown';
export {
  listScenarios,
  type ScenarioDefaults,
  type ScenarioInfo,
  type ScenarioLayerInfo,
  type ScenarioOperatorInfo,
} from './scenarios/scenario-info';
export type {
  FailContainersFault,
  PauseSinkFault,
  PayloadSpikeFault,
  ScenarioDefinition,
} from './scenarios/scenario-types';
export type { EdgeKind, MemoryKinds } from './topology/job-graph';
