// Turning a finished investigation of a built-in scenario into a drill: the scenario's solution (its defect, and
// the variant that shapes it) becomes the hidden cause; its pipeline's shape becomes the template; the memory
// configuration the investigation ran with and the fault schedule of its first failing experiment become the
// drill's memory and fault load. What only a drill has (rules, hints, budget, page) comes from the catalogue drill
// that tells the same story; the instructor edits the draft on the author screen before saving it.
import type { ExperimentParams } from '../sim/engine/experiment-params';
import type { JobGraph } from '../sim/topology/job-graph';
import { DEFECT_KIND_INFO, DEFECT_KINDS, type DefectKind } from './defect-kinds';
import { DRILLS } from './drill-catalog';
import type { DrillDefinition, FaultLoad, MemoryConfig, PipelineTemplate, Range } from './drill-types';

/** The variant of a built-in scenario that names a different defect kind than the scenario's own. */
const VARIANT_DEFECTS: Record<string, DefectKind> = {
  'unsafe-map': 'unsafe-map-not-freed',
  'static-map': 'map-kept-in-static',
};

/** The defect kind a built-in scenario (and variant) tells the story of, or null when no drill can hide it. */
export function defectOfScenario(scenarioId: string, variant: string | null): DefectKind | null {
  if (
    variant &&
    VARIANT_DEFECTS[variant] &&
    DEFECT_KIND_INFO[VARIANT_DEFECTS[variant]].scenarioFamily === scenarioId
  )
    return VARIANT_DEFECTS[variant];
  return DEFECT_KINDS.find((kind) => DEFECT_KIND_INFO[kind].scenarioFamily === scenarioId) ?? null;
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(value)));
const exactly = (value: number, min: number, max: number): Range => {
  const n = clamp(value, min, max);
  return [n, n];
};

/** The shape of a scenario's job as the drill template counts it (layers as the seed job has them). */
export function templateOfGraph(graph: JobGraph, defect: DefectKind): PipelineTemplate {
  const ops = graph.operators;
  const sources = ops.filter((op) => op.kind === 'source').length;
  const transformsOf = (layer: string) =>
    ops.filter((op) => op.kind === 'transform' && op.layer === layer).length;
  const site = DEFECT_KIND_INFO[defect].site;
  const maps = Math.max(site === 'map-operator' ? 1 : 0, ops.filter((op) => op.map !== undefined).length);
  const rpcs = Math.max(site === 'rpc-operator' ? 1 : 0, ops.filter((op) => op.rpc !== undefined).length);
  return {
    sources: exactly(sources, 1, 6),
    // Layer 2 holds the join when there is more than one source; layer 3 the aggregation before the outputs.
    enrichers: exactly(transformsOf('layer2') - (sources > 1 ? 1 : 0), 0, 6),
    outputs: exactly(transformsOf('layer3') - 1, 0, 6),
    mapOperators: exactly(maps, 0, 6),
    rpcOperators: exactly(rpcs, 0, 4),
  };
}

const MIB = 1024 * 1024;

function parseMiB(size: string | undefined): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)b?$/i.exec(size?.trim() ?? '');
  if (!match) return null;
  const unit = (match[2] ?? '').toLowerCase();
  const factor = { '': 1 / MIB, k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 }[unit] ?? 1;
  return Number(match[1]) * factor;
}

/** The memory configuration the investigation ran with (the scenario's keys with its overrides). */
export function memoryOfConfig(
  config: Record<string, string>,
  defect: DefectKind,
  base: MemoryConfig,
): MemoryConfig {
  const processSize = config['taskmanager.memory.process.size'] ?? base.processSize;
  const offHeap = config['taskmanager.memory.task.off-heap.size'] ?? base.taskOffHeap;
  const memory: MemoryConfig = {
    processSize,
    taskOffHeap: offHeap,
    disableExplicitGc: /-XX:\+DisableExplicitGC/.test(config['env.java.opts'] ?? ''),
  };
  if (defect === 'direct-memory-too-small') {
    // The investigation ran with the cut: the drill keeps the cut and restores the job's usual off-heap.
    const cut = parseMiB(offHeap);
    memory.taskOffHeap = base.taskOffHeap;
    memory.cutTaskOffHeapMiB = cut === null ? base.cutTaskOffHeapMiB : exactly(cut, 16, 4096);
  }
  return memory;
}

/** Gaps between successive starts, in minutes, as a [least, most] range; null with fewer than two. */
function gapsMinutes(starts: number[], min: number, max: number): Range | null {
  const sorted = [...starts].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((at, i) => (at - (sorted[i] as number)) / 60);
  if (gaps.length === 0) return null;
  return [clamp(Math.min(...gaps), min, max), clamp(Math.max(...gaps), min, max)];
}

const span = (values: number[], min: number, max: number): Range => [
  clamp(Math.min(...values), min, max),
  clamp(Math.max(...values), min, max),
];

/** The fault schedule of an experiment as a drill's fault load (repeating at the intervals it had). */
export function faultsOfParams(params: ExperimentParams, base: FaultLoad): FaultLoad {
  const shutdowns = params.failContainers;
  const faults: FaultLoad = {
    shutdownEveryMinutes:
      gapsMinutes(
        shutdowns.map((f) => f.atSec),
        5,
        240,
      ) ?? (shutdowns[0] ? exactly(shutdowns[0].atSec / 60, 5, 240) : base.shutdownEveryMinutes),
    containersPerShutdown:
      shutdowns.length > 0
        ? span(
            shutdowns.map((f) => f.names?.length ?? f.count ?? 1),
            1,
            32,
          )
        : base.containersPerShutdown,
  };
  const pauses = params.pauseSink;
  if (pauses.length > 0)
    faults.sinkSlowdowns = {
      everyMinutes:
        gapsMinutes(
          pauses.map((p) => p.fromSec),
          10,
          600,
        ) ?? exactly((pauses[0] as { fromSec: number }).fromSec / 60, 10, 600),
      forMinutes: span(
        pauses.map((p) => (p.toSec - p.fromSec) / 60),
        1,
        120,
      ),
      speedLeft: [
        Math.min(0.99, Math.min(...pauses.map((p) => p.slowdown))),
        Math.min(0.99, Math.max(...pauses.map((p) => p.slowdown))),
      ],
    };
  else if (base.sinkSlowdowns) faults.sinkSlowdowns = base.sinkSlowdowns;
  const spikes = params.payloadSpikes;
  if (spikes.length > 0)
    faults.payloadSpikes = {
      everyMinutes:
        gapsMinutes(
          spikes.map((p) => p.fromSec),
          10,
          600,
        ) ?? exactly((spikes[0] as { fromSec: number }).fromSec / 60, 10, 600),
      forMinutes: span(
        spikes.map((p) => (p.toSec - p.fromSec) / 60),
        1,
        120,
      ),
      factor: span(
        spikes.map((p) => p.factor),
        2,
        20,
      ),
    };
  else if (base.payloadSpikes) faults.payloadSpikes = base.payloadSpikes;
  return faults;
}

export interface InvestigationForDrill {
  /** The investigation's title, for the drill's. */
  title: string;
  /** Its id, from which the drill's id is made. */
  investigationId: string;
  scenarioId: string;
  /** The scenario's job with every defect on (what the investigation investigated). */
  graph: JobGraph;
  /** The scenario's configuration with the investigation's overrides. */
  config: Record<string, string>;
  /** The experiment whose run showed the problem first (its faults, hours and parallelism). */
  params: ExperimentParams;
}

/** A kebab-case id part from an investigation's title, with a little of its id so two of one title differ. */
export function drillSlug(title: string, investigationId: string): string {
  const words = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  const tail = investigationId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 6);
  return [words || 'investigation', tail].filter(Boolean).join('-');
}

export class DrillFromInvestigationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DrillFromInvestigationError';
  }
}

/** A drill draft from an investigation of a built-in scenario; its answer is the scenario's solution. */
export function drillFromInvestigation(input: InvestigationForDrill): DrillDefinition {
  const defect = defectOfScenario(input.scenarioId, input.params.variant);
  if (!defect)
    throw new DrillFromInvestigationError(
      'scenarioId',
      `the scenario '${input.scenarioId}' has no defect a drill can hide`,
    );
  const base =
    DRILLS.find((drill) => drill.defects.length === 1 && drill.defects[0] === defect) ??
    DRILLS.find((drill) => drill.defects.includes(defect));
  if (!base)
    throw new DrillFromInvestigationError(
      'scenarioId',
      `no drill in the catalogue tells the story of '${defect}'`,
    );
  const slug = drillSlug(input.title, input.investigationId);
  return {
    ...base,
    id: `from-${slug}`,
    title: `From an investigation: ${input.title}`.slice(0, 120),
    template: templateOfGraph(input.graph, defect),
    defects: [defect],
    redHerrings: [],
    memory: memoryOfConfig(input.config, defect, base.memory),
    faults: faultsOfParams(input.params, base.faults),
    dashboardHours: input.params.hours,
    parallelism: clamp(input.params.parallelism, 1, 32),
  };
}
