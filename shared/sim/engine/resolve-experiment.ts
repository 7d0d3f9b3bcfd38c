// Turns normalized ExperimentParams into everything a run needs before its first second: the scenario built
// with its active defects, the control job or the peeled graph, the effective Flink configuration and its
// memory breakdown, slot placement, failover regions, checkpoint and restart settings.
import {
  createFlinkConfig,
  type FlinkConfig,
  FlinkConfigError,
  getDuration,
  getInt,
  getString,
  withOverrides,
} from '../config/flink-config';
import { deriveTaskManagerMemory } from '../memory/flink-memory';
import type { MemoryBreakdown } from '../memory/memory-breakdown';
import { Prng } from '../random/prng';
import { findScenario } from '../scenarios/catalog';
import { controlJob } from '../scenarios/control-job';
import type { BuiltScenario, ScenarioDefinition } from '../scenarios/scenario-types';
import { type JobGraph, type OperatorSpec, topologicalOrder } from '../topology/job-graph';
import { peelJob } from '../topology/peel';
import { type Placement, placeSubtasks } from '../topology/placement';
import { failoverRegions } from '../topology/regions';
import {
  activeDefects,
  durationSecOf,
  type ExperimentParams,
  ExperimentParamsError,
} from './experiment-params';
import { restartStrategyFromConfig } from './restart-strategy';

const MIB = 1024 * 1024;

export interface CheckpointSettings {
  /** Null when checkpointing is off (`execution.checkpointing.interval` unset). */
  intervalSec: number | null;
  timeoutSec: number;
  tolerableFailures: number;
  minPauseSec: number;
}

export interface ResolvedExperiment {
  params: ExperimentParams;
  scenario: ScenarioDefinition;
  defects: Set<string>;
  built: BuiltScenario;
  /** The job that runs: the scenario's (peeled) or the control job, operators in topological order. */
  graph: JobGraph;
  operators: OperatorSpec[];
  rewiring: string[];
  config: FlinkConfig;
  memory: MemoryBreakdown;
  /** YARN container size: the process size in whole MiB, as Flink requests it. */
  containerLimitBytes: number;
  /** The TaskManager's JVM options (`env.java.opts.all` / `env.java.opts`, then `env.java.opts.taskmanager`). */
  javaOpts: string;
  explicitGcDisabled: boolean;
  placement: Placement;
  /** Failover region per operator (index in `operators`); `full` failover puts everything in region 0. */
  regions: Int32Array;
  regionCount: number;
  failoverStrategy: 'region' | 'full';
  checkpoints: CheckpointSettings;
  /** The restart strategy in one line (the engine builds its own instance, with the run's generator). */
  restartStrategy: string;
  durationSec: number;
}

function readJavaOpts(config: FlinkConfig): string {
  const all = getString(config, 'env.java.opts.all') ?? getString(config, 'env.java.opts') ?? '';
  const tm = getString(config, 'env.java.opts.taskmanager') ?? '';
  return `${all} ${tm}`.trim();
}

// HotSpot applies the last occurrence of a flag.
function explicitGcDisabledBy(javaOpts: string): boolean {
  const flags = javaOpts.split(/\s+/).filter((flag) => /^-XX:[+-]DisableExplicitGC$/.test(flag));
  return flags.length > 0 && flags[flags.length - 1] === '-XX:+DisableExplicitGC';
}

function readCheckpoints(config: FlinkConfig): CheckpointSettings {
  const interval = getDuration(config, 'execution.checkpointing.interval');
  return {
    intervalSec: interval === undefined ? null : Math.max(1, Math.round(interval / 1000)),
    timeoutSec: Math.max(
      1,
      Math.round(getDuration(config, 'execution.checkpointing.timeout', 600_000) / 1000),
    ),
    tolerableFailures: getInt(config, 'execution.checkpointing.tolerable-failed-checkpoints', 0),
    minPauseSec: Math.round(getDuration(config, 'execution.checkpointing.min-pause', 0) / 1000),
  };
}

function readFailover(config: FlinkConfig): 'region' | 'full' {
  const value = (getString(config, 'jobmanager.execution.failover-strategy') ?? 'region')
    .trim()
    .toLowerCase();
  if (value !== 'region' && value !== 'full') {
    throw new FlinkConfigError(`Unknown failover strategy '${value}': expected region or full.`, {
      keys: ['jobmanager.execution.failover-strategy'],
    });
  }
  return value;
}

/** Config problems become parameter errors on `configOverrides`, naming the Flink key and Flink's text. */
/**
 * A Flink configuration error as a parameter error. Flink lists the keys of a failed sum in its own order (framework
 * heap first); the field named is the first of them the experiment overrides, since that is what the user changed.
 */
function asParamsError(error: unknown, overrides: Record<string, string>): never {
  if (error instanceof FlinkConfigError) {
    const keys = [
      ...error.keys.filter((k) => k in overrides),
      ...error.keys.filter((k) => !(k in overrides)),
    ];
    const key = keys[0];
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    throw new ExperimentParamsError(
      key ? `configOverrides.${key}` : 'configOverrides',
      `${error.message}${cause}`,
      keys,
    );
  }
  throw error;
}

/** `given`: a scenario from outside the catalog (see normalizeExperimentParams); params.scenario is its id. */
export function resolveExperiment(params: ExperimentParams, given?: ScenarioDefinition): ResolvedExperiment {
  const scenario = given?.id === params.scenario ? given : findScenario(params.scenario);
  if (!scenario) throw new ExperimentParamsError('scenario', `unknown scenario '${params.scenario}'`);
  const defects = activeDefects(params, scenario);
  const built = scenario.build({ defects, variant: params.variant });
  let graph = params.control ? controlJob() : built.graph;
  let rewiring: string[] = params.control
    ? [`control job: ${built.graph.operators.length} operators replaced by control-source -> control-sink`]
    : [];
  if (!params.control && params.removed.length > 0) {
    const peeled = peelJob(graph, params.removed);
    graph = peeled.graph;
    rewiring = peeled.rewiring;
  }
  try {
    const config = withOverrides(createFlinkConfig(built.config), params.configOverrides);
    const memory = deriveTaskManagerMemory(config);
    const slots = getInt(config, 'taskmanager.numberOfTaskSlots', 1);
    if (slots < 1) {
      throw new FlinkConfigError('taskmanager.numberOfTaskSlots must be at least 1.', {
        keys: ['taskmanager.numberOfTaskSlots'],
      });
    }
    const operators = topologicalOrder(graph);
    for (const op of operators) {
      const outputs = new Set(graph.edges.filter((e) => e.from === op.id).map((e) => e.to));
      if (outputs.size > 1)
        throw new Error(`operator ${op.id} feeds ${outputs.size} operators; the engine supports one`);
    }
    const failoverStrategy = readFailover(config);
    const regionOf = failoverRegions(graph);
    const regions = Int32Array.from(operators, (op) =>
      failoverStrategy === 'full' ? 0 : (regionOf.get(op.id) ?? 0),
    );
    const javaOpts = readJavaOpts(config);
    const placement = placeSubtasks(operators, params.parallelism, slots);
    for (const [i, fault] of params.failContainers.entries()) {
      for (const name of fault.names ?? []) {
        if (Number(name.slice(3)) > placement.taskManagers) {
          throw new ExperimentParamsError(
            `failContainers[${i}].names`,
            `unknown TaskManager '${name}': this run has tm-1 .. tm-${placement.taskManagers}`,
          );
        }
      }
    }
    return {
      params,
      scenario,
      defects,
      built,
      graph,
      operators,
      rewiring,
      config,
      memory,
      containerLimitBytes: Math.floor(memory.totalProcessMemory / MIB) * MIB,
      javaOpts,
      explicitGcDisabled: explicitGcDisabledBy(javaOpts),
      placement,
      regions,
      regionCount: Math.max(...regions) + 1,
      failoverStrategy,
      checkpoints: readCheckpoints(config),
      restartStrategy: restartStrategyFromConfig(config, new Prng(0)).description,
      durationSec: durationSecOf(params.hours),
    };
  } catch (error) {
    return asParamsError(error, params.configOverrides);
  }
}
