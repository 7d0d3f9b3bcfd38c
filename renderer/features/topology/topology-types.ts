// The shapes the topology diagram is drawn from: nodes, edges and bands with their positions and states.
import type { JobPlan } from '../../../shared/contract/lab-entities';

export type PlanOperator = JobPlan['operators'][number];
export type PlanEdge = JobPlan['edges'][number];
export type MemoryKinds = PlanOperator['memory'];

/** An operator of the scenario's full job (ScenarioInfo's operators, or an unpeeled plan's, which add memory). */
export interface ScenarioOperatorRef {
  id: string;
  name: string;
  layer: string;
  memory?: MemoryKinds;
}

export interface TopologyInput {
  plan: Pick<JobPlan, 'operators' | 'edges' | 'control'>;
  /** The full job, so operators peeled in this experiment are still drawn (as ghosts) where they were. */
  scenarioOperators?: readonly ScenarioOperatorRef[];
  /** The full job's edges: place ghosts exactly, draw their old connections and tell rewired edges apart. */
  scenarioEdges?: readonly PlanEdge[];
  /** Width of an operator box; narrower (COMPACT_NODE_WIDTH) where the diagram has little room. */
  nodeWidth?: number;
}

/** `peeled`: in the scenario's job but removed in this experiment; `generated`: added by peeling. */
export type NodeState = 'running' | 'peeled' | 'generated';

export interface TopologyNode {
  id: string;
  name: string;
  layer: string;
  kind: PlanOperator['kind'] | null;
  parallelism: number | null;
  memory: MemoryKinds | null;
  state: NodeState;
  /** Scenario operators can be picked (to remove or put back); the generated sink and the control job cannot. */
  selectable: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `rewired`: an edge peeling created (a bypass, or into the discarding sink); `before-peeling`: one it removed. */
export type EdgeState = 'live' | 'rewired' | 'before-peeling';

export interface TopologyEdge {
  from: string;
  to: string;
  kind: PlanEdge['kind'];
  state: EdgeState;
  /** SVG path data, ending on the target's border (the arrowhead's tip). */
  path: string;
  /**
   * Where the partitioning label goes (hash and rebalance only; forward is the unlabelled default): centred on the
   * point, or starting there for edges running down a stack.
   */
  label: { x: number; y: number; anchor: 'middle' | 'start' } | null;
}

export interface TopologyBand {
  layer: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  operators: number;
  /** Every operator of the layer is peeled in this experiment. */
  allPeeled: boolean;
}

export interface TopologyLayout {
  width: number;
  height: number;
  bands: TopologyBand[];
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}
