// Running a variant: the parameters of its first run (the dashboard of the first hours) and a run of any
// experiment on it, through the simulator's own entry with the variant's neutral scenario.
import type { ExperimentParams } from '../sim/engine/experiment-params';
import { normalizeExperimentParams } from '../sim/engine/experiment-params';
import type { SimulationRun } from '../sim/engine/run-types';
import { runSimulation } from '../sim/engine/simulation';
import { DRILL_SCENARIO_ID, drillScenario } from './drill-scenario';
import type { DrillVariant } from './drill-types';

/** The experiment the drill opens with: the full job under the variant's faults, for the dashboard's hours. */
export function dashboardParams(variant: DrillVariant): ExperimentParams {
  return normalizeExperimentParams(
    {
      scenario: DRILL_SCENARIO_ID,
      hours: variant.dashboardHours,
      parallelism: variant.parallelism,
      seed: variant.runSeed,
    },
    drillScenario(variant),
  );
}

/** Normalizes a trainee's experiment on this variant (naming the bad field) without running it. */
export function drillParams(variant: DrillVariant, partial: Partial<ExperimentParams>): ExperimentParams {
  return normalizeExperimentParams({ ...partial, scenario: DRILL_SCENARIO_ID }, drillScenario(variant));
}

export function runDrill(variant: DrillVariant, params: Partial<ExperimentParams>): SimulationRun {
  return runSimulation({ ...params, scenario: DRILL_SCENARIO_ID }, { scenario: drillScenario(variant) });
}
