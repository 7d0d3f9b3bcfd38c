// A variant as a scenario the simulator runs (createSimulation(params, { scenario })). Everything it tells about
// itself is neutral: the id is 'drill' for every drill, the title and story say nothing, and its "defects" are one
// slot per fix choice ("the code as written"), all active until the trainee applies that fix, so the run's plan
// lists the same slots whichever operator is at fault. build() knows which slots matter.
import type { BuiltScenario, DefectInfo, ScenarioDefinition } from '../sim/scenarios/scenario-types';
import { DRILL_SCENARIO_ID } from './drill-scenario-id';
import type { DrillVariant } from './drill-types';
import { faultsFor } from './fault-recipe';
import { graphWithDefects } from './generate-variant';

/** The defect slot that fix choice `fixId` switches off. */
export const slotOf = (fixId: string) => `as-written:${fixId}`;

export { DRILL_SCENARIO_ID };

export function drillScenario(variant: DrillVariant): ScenarioDefinition {
  const defects: DefectInfo[] = variant.fixChoices.map((fix) => ({
    id: slotOf(fix.id),
    description: `The ${fix.target === 'job' ? 'configuration' : fix.target} as it is now, before "${fix.label}".`,
    fixedBy: fix.id,
  }));
  return {
    id: DRILL_SCENARIO_ID,
    title: 'Drill',
    description: 'A training drill: the cause is hidden.',
    hiddenCause: 'Hidden until the drill is solved.',
    fixDescription: 'Hidden until the drill is solved.',
    defects,
    fixes: variant.fixChoices.map((fix) => ({ id: fix.id, description: fix.label })),
    variants: [],
    defaultHours: variant.dashboardHours,
    defaultParallelism: variant.parallelism,
    defaultFaults: (hours, parallelism) => faultsFor(variant.faults, hours, parallelism),
    build: ({ defects: active }): BuiltScenario => {
      const fixed = new Set(variant.fixChoices.filter((fix) => !active.has(slotOf(fix.id))).map((f) => f.id));
      const off = (defect: string) =>
        variant.placements.some((p) => p.defect === defect && p.slotFixes.some((fix) => fixed.has(fix)));
      const config = { ...variant.config };
      if (off('direct-memory-too-small'))
        config['taskmanager.memory.task.off-heap.size'] = variant.healthyTaskOffHeap;
      const platform = off('platform-leak')
        ? { ...variant.platform, retainedDirectPerDeployBytes: 0 }
        : { ...variant.platform };
      return { graph: graphWithDefects(variant, fixed), config, platform };
    },
  };
}
