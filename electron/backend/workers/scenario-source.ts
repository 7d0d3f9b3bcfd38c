// What a simulation needs besides its parameters to rebuild the job it runs: nothing for the built-in scenarios
// (the catalogue has them), the recorded `drill.started` payload for a drill (its sealed drill and seed). The
// worker gets this instead of a scenario object because a scenario carries functions, which cannot cross a thread.
import type { ScenarioDefinition } from '../../../shared/sim/scenarios/scenario-types';
import { drillScenario, reopenDrill } from '../../../shared/training';

export interface ScenarioSource {
  /** The payload of the investigation's `drill.started` event, as recorded. */
  drillStart: unknown;
}

const reopened = new Map<string, ScenarioDefinition>();

/** The drill's scenario, kept for the few drills a process sees (variants are pure: same seal, same scenario). */
export function scenarioFromSource(source: ScenarioSource | undefined): ScenarioDefinition | undefined {
  if (!source) return undefined;
  const key = JSON.stringify(source.drillStart);
  const known = reopened.get(key);
  if (known) return known;
  const scenario = drillScenario(reopenDrill(source.drillStart).variant);
  if (reopened.size >= 16) reopened.delete(reopened.keys().next().value!);
  reopened.set(key, scenario);
  return scenario;
}
