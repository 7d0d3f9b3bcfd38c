// What a built-in scenario is: the story told to the user (description, hidden cause, fix), its defects and the
// fixes that switch them off, named variants, default faults, and a builder that turns the active defects and
// variant into a job graph, a Flink configuration and the platform's own behaviour.
import type { JobGraph } from '../topology/job-graph';

export interface DefectInfo {
  id: string;
  description: string;
  /** The fix that switches this defect off. */
  fixedBy: string;
}

export interface FixInfo {
  id: string;
  description: string;
}

export interface VariantInfo {
  id: string;
  title: string;
  description: string;
}

/** Containers to shut down gracefully (`yarn container -signal <id> GRACEFUL_SHUTDOWN`). */
export interface FailContainersFault {
  atSec: number;
  /** How many, picked at random (seeded) among the TaskManagers alive then. */
  count?: number;
  /** Or exactly these TaskManagers (ids as in the run's taskManagers list). */
  names?: string[];
}

/** The sink slowed down (`slowdown` is the share of its speed left; 0 = paused, the seed's Thread.sleep). */
export interface PauseSinkFault {
  fromSec: number;
  toSec: number;
  slowdown: number;
}

/** RPC payloads `factor` times their usual size. */
export interface PayloadSpikeFault {
  fromSec: number;
  toSec: number;
  factor: number;
}

export interface FaultPlan {
  failContainers: FailContainersFault[];
  pauseSink: PauseSinkFault[];
  payloadSpikes: PayloadSpikeFault[];
}

/** Behaviour of the platform under the job: the same in the scenario's job and in its control job. */
export interface PlatformSpec {
  /** Direct memory Flink's own Netty stack takes when the TaskManager starts (arena chunks), and in how many buffers. */
  frameworkDirectBytes: number;
  frameworkDirectBuffers: number;
  /** A platform defect: direct memory kept reachable per task deployment (a Netty arena never released). */
  retainedDirectPerDeployBytes: number;
  /** Heap allocated per second by the TaskManager itself (heartbeats, metrics, RPC), job or no job. */
  idleHeapBytesPerSecond: number;
  /** Bytes promoted per young GC that later die in the old generation (medium-lived objects). */
  promotionPerYoungGcBytes: number;
}

export interface BuildContext {
  /** Defect ids that are active (not fixed). */
  defects: ReadonlySet<string>;
  variant: string | null;
}

export interface BuiltScenario {
  graph: JobGraph;
  /** The scenario's Flink configuration as flat keys (before the user's overrides). */
  config: Record<string, string>;
  platform: PlatformSpec;
}

export interface ScenarioDefinition {
  id: string;
  title: string;
  description: string;
  hiddenCause: string;
  fixDescription: string;
  defects: DefectInfo[];
  fixes: FixInfo[];
  variants: VariantInfo[];
  defaultHours: number;
  defaultParallelism: number;
  /**
   * The faults an experiment gets unless it says otherwise. `failContainers`, when given, is the shutdown schedule
   * the experiment chose: faults that follow the shutdowns (the seed's replay after each restart) follow it.
   */
  defaultFaults(
    hours: number,
    parallelism: number,
    failContainers?: readonly FailContainersFault[],
  ): FaultPlan;
  build(context: BuildContext): BuiltScenario;
}
