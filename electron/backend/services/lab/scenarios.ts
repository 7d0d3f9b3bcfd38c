// The built-in scenarios as the app shows them, and the operators of each scenario's full job.

import { PeelError } from '../../../../shared/contract/errors';
import type { ScenarioInfo } from '../../../../shared/contract/lab-entities';
import type { ScenarioOperator } from '../../../../shared/domain/lab/coverage';
import { findScenario, SCENARIOS } from '../../../../shared/sim/scenarios/catalog';
import type { ScenarioDefinition } from '../../../../shared/sim/scenarios/scenario-types';

/** `where` names the call and field for the message, e.g. "lab.setScenario: scenarioId". */
export function requireScenario(id: string, where = 'scenarioId'): ScenarioDefinition {
  const scenario = findScenario(id);
  if (!scenario) {
    throw new PeelError(
      'invalid-request',
      `${where}: there is no scenario '${id}' (known: ${SCENARIOS.map((s) => s.id).join(', ')}).`,
    );
  }
  return scenario;
}

/** The full job's operators, every defect switched on (peeling never adds operators, so this is the superset). */
export function scenarioOperators(scenario: ScenarioDefinition): (ScenarioOperator & { name: string })[] {
  const graph = scenario.build({ defects: new Set(scenario.defects.map((d) => d.id)), variant: null }).graph;
  return graph.operators.map((op) => ({ id: op.id, name: op.name, layer: op.layer }));
}

export function scenarioInfo(scenario: ScenarioDefinition): ScenarioInfo {
  const operators = scenarioOperators(scenario);
  return {
    id: scenario.id,
    title: scenario.title,
    description: scenario.description,
    hiddenCause: scenario.hiddenCause,
    fixDescription: scenario.fixDescription,
    layers: [...new Set(operators.map((op) => op.layer))],
    operators,
    fixes: scenario.fixes,
    defects: scenario.defects,
    variants: scenario.variants,
    defaultHours: scenario.defaultHours,
    defaultParallelism: scenario.defaultParallelism,
  };
}

export function listScenarioInfos(): ScenarioInfo[] {
  return SCENARIOS.map(scenarioInfo);
}
