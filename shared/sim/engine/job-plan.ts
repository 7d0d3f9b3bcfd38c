// planJob: what a run will execute, without running it: operators after peeling, edges, how the job was
// rewired, TaskManagers with their slots and subtasks, the memory breakdown and limits. The app draws from it.

import type { ScenarioDefinition } from '../scenarios/scenario-types';
import { memoryKindsOf } from '../topology/job-graph';
import { containerId, initialContainerSequence } from './container-ids';
import { type ExperimentParams, normalizeExperimentParams } from './experiment-params';
import { type ResolvedExperiment, resolveExperiment } from './resolve-experiment';
import type { JobPlan } from './run-types';

export function planFromResolved(r: ResolvedExperiment): JobPlan {
  const { placement } = r;
  const taskManagers = Array.from({ length: placement.taskManagers }, (_, k) => ({
    id: `tm-${k + 1}`,
    container: containerId(initialContainerSequence(k)),
    slots: placement.slotsPerTaskManager,
    subtasks: [] as string[],
  }));
  r.operators.forEach((op, o) => {
    for (let i = 0; i < placement.parallelism; i++) {
      const tm = placement.taskManagerOf[(placement.offsets[o] as number) + i] as number;
      taskManagers[tm]?.subtasks.push(`${op.id}#${i}`);
    }
  });
  return {
    scenario: r.scenario.id,
    variant: r.params.variant,
    control: r.params.control,
    operators: r.operators.map((op, o) => ({
      id: op.id,
      name: op.name,
      layer: op.layer,
      parallelism: placement.parallelism,
      memory: memoryKindsOf(op, r.graph),
      kind: op.kind,
      region: r.regions[o] as number,
      generated: op.layer === 'generated',
    })),
    edges: r.graph.edges.map((e) => ({ ...e })),
    rewiring: r.rewiring,
    layers: [...new Set(r.operators.map((op) => op.layer))],
    taskManagers,
    slotsPerTaskManager: placement.slotsPerTaskManager,
    subtasks: placement.subtasks,
    memory: r.memory,
    containerLimitBytes: r.containerLimitBytes,
    directLimitBytes: r.memory.maxDirectMemory,
    javaOpts: r.javaOpts,
    explicitGcDisabled: r.explicitGcDisabled,
    defects: r.scenario.defects.map((d) => ({
      id: d.id,
      active: r.defects.has(d.id),
      description: d.description,
    })),
    failoverStrategy: r.failoverStrategy,
    regions: r.regionCount,
    restartStrategy: r.restartStrategy,
    checkpoints: {
      intervalSec: r.checkpoints.intervalSec,
      timeoutSec: r.checkpoints.timeoutSec,
      tolerableFailures: r.checkpoints.tolerableFailures,
    },
    config: Object.fromEntries([...r.config.entries()].sort(([a], [b]) => a.localeCompare(b))),
    durationSec: r.durationSec,
  };
}

/** Normalizes `params` (filling defaults, throwing ExperimentParamsError on bad fields) and plans the run. */
export function planJob(
  params: Partial<ExperimentParams> | ExperimentParams,
  options: { scenario?: ScenarioDefinition } = {},
): JobPlan {
  return planNormalizedJob(normalizeExperimentParams(params, options.scenario), options);
}

/** Plans parameters the caller has already normalized (normalizeExperimentParams), without normalizing again. */
export function planNormalizedJob(
  params: ExperimentParams,
  options: { scenario?: ScenarioDefinition } = {},
): JobPlan {
  return planFromResolved(resolveExperiment(params, options.scenario));
}
