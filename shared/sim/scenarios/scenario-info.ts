// What the app and `sim --list` show of each scenario: its story, operators with their layer and memory kinds,
// layers, fixes, defects, variants and default experiment, all plain JSON.
import { type MemoryKinds, memoryKindsOf } from '../topology/job-graph';
import { SCENARIOS } from './catalog';
import type { DefectInfo, FaultPlan, FixInfo, ScenarioDefinition, VariantInfo } from './scenario-types';

export interface ScenarioOperatorInfo {
  id: string;
  name: string;
  layer: string;
  description: string;
  kind: 'source' | 'transform' | 'sink';
  /** Omitted: every operator runs at the job's parallelism. */
  parallelism?: number;
  memory: MemoryKinds;
}

export interface ScenarioLayerInfo {
  id: string;
  operators: string[];
}

export interface ScenarioDefaults extends FaultPlan {
  hours: number;
  parallelism: number;
  seed: number;
}

export interface ScenarioInfo {
  id: string;
  title: string;
  description: string;
  hiddenCause: string;
  fixDescription: string;
  operators: ScenarioOperatorInfo[];
  layers: ScenarioLayerInfo[];
  fixes: FixInfo[];
  defects: DefectInfo[];
  variants: VariantInfo[];
  defaults: ScenarioDefaults;
  /** The scenario's Flink configuration (before variants, fixes and overrides). */
  config: Record<string, string>;
}

export function scenarioInfo(scenario: ScenarioDefinition): ScenarioInfo {
  const built = scenario.build({ defects: new Set(scenario.defects.map((d) => d.id)), variant: null });
  const { graph } = built;
  const layers = [...new Set(graph.operators.map((op) => op.layer))].map((id) => ({
    id,
    operators: graph.operators.filter((op) => op.layer === id).map((op) => op.id),
  }));
  return {
    id: scenario.id,
    title: scenario.title,
    description: scenario.description,
    hiddenCause: scenario.hiddenCause,
    fixDescription: scenario.fixDescription,
    operators: graph.operators.map((op) => ({
      id: op.id,
      name: op.name,
      layer: op.layer,
      description: op.description,
      kind: op.kind,
      memory: memoryKindsOf(op, graph),
    })),
    layers,
    fixes: scenario.fixes,
    defects: scenario.defects,
    variants: scenario.variants,
    defaults: {
      hours: scenario.defaultHours,
      parallelism: scenario.defaultParallelism,
      seed: 1,
      ...scenario.defaultFaults(scenario.defaultHours, scenario.defaultParallelism),
    },
    config: built.config,
  };
}

export function listScenarios(): ScenarioInfo[] {
  return SCENARIOS.map(scenarioInfo);
}
