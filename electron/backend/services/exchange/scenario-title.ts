// The system an investigation works on, as a report names it: "Ads reporting pipeline (offheap-map-leak)".
import { findScenario } from '../../../../shared/sim/scenarios/catalog';

export function findScenarioTitle(scenarioId: string | null): string | null {
  if (!scenarioId) return null;
  const scenario = findScenario(scenarioId);
  return scenario ? `${scenario.title} (${scenario.id})` : scenarioId;
}
