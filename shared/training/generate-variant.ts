// generateVariant(drill, seed): the drill made concrete. From one seeded generator, in a fixed order: the
// pipeline's shape, which operator (or the platform) carries which defect, the sizes, the configuration, the
// faults and the run seed. Same drill and seed, same variant; another seed, in general another answer.
import { Prng } from '../sim/random/prng';
import { seedPlatform, seedPlatformConfig } from '../sim/scenarios/seed-job';
import {
  DEFECT_KIND_INFO,
  type DefectKind,
  FIX_KIND_INFO,
  FIX_KINDS,
  type FixKind,
  fixChoiceId,
} from './defect-kinds';
import { applyToGraph, cloneGraph } from './defect-placement';
import type { DefectPlacement, DrillAnswer, DrillDefinition, DrillVariant, FixChoice } from './drill-types';
import { drawFaultRecipe } from './fault-recipe';
import { type DrawnPipeline, draw, drawPipeline, type MapStyle } from './pipeline';

const MIB = 1024 * 1024;

/** Drills draw seeds in [1, MAX_DRILL_SEED]: "surprise me" and a fresh start pick one at random. */
export const MAX_DRILL_SEED = 2 ** 31 - 1;

function mapStyleFor(defects: readonly DefectKind[], drill: DrillDefinition): MapStyle {
  if (defects.includes('unsafe-map-not-freed'))
    return { backing: 'unsafe', bytes: [128 * MIB, 192 * MIB], refreshSec: 3600 };
  if (defects.includes('onheap-map-swap'))
    return { backing: 'heap', bytes: [288 * MIB, 400 * MIB], refreshSec: 600 };
  // Back pressure fills every async queue at once: small maps leave the headroom a healthy job needs then.
  if (defects.includes('async-queue-kept-on-close'))
    return { backing: 'direct', bytes: [32 * MIB, 64 * MIB], refreshSec: 3600 };
  if (drill.memory.cutTaskOffHeapMiB)
    return { backing: 'direct', bytes: [16 * MIB, 32 * MIB], refreshSec: 3600 };
  return { backing: 'direct', bytes: [96 * MIB, 160 * MIB], refreshSec: 3600 };
}

/** Fix choices follow the topology alone: every map operator gets the map fixes, every RPC operator the RPC ones. */
export function fixChoicesFor(mapOperators: readonly string[], rpcOperators: readonly string[]): FixChoice[] {
  const choices: FixChoice[] = [];
  const add = (kind: FixKind, target: string) =>
    choices.push({ id: fixChoiceId(kind, target), kind, target, label: FIX_KIND_INFO[kind].label });
  for (const kind of FIX_KINDS) {
    const scope = FIX_KIND_INFO[kind].scope;
    if (scope === 'map-operator') for (const id of mapOperators) add(kind, id);
    else if (scope === 'rpc-operator') for (const id of rpcOperators) add(kind, id);
    else add(kind, scope);
  }
  return choices;
}

function targetOf(defect: DefectKind, operatorId: string | null, kind: FixKind): string {
  const scope = FIX_KIND_INFO[kind].scope;
  if (scope === 'job' || scope === 'platform') return scope;
  if (operatorId === null) throw new Error(`defect ${defect} needs an operator for fix ${kind}`);
  return operatorId;
}

function place(
  defect: DefectKind,
  pipeline: DrawnPipeline,
  taken: ReadonlySet<string>,
  rng: Prng,
): DefectPlacement | null {
  const info = DEFECT_KIND_INFO[defect];
  let operatorId: string | null = null;
  if (info.site !== 'platform') {
    // A leak that back pressure fills needs an operator every subtask of which is back-pressured: upstream of
    // the keyed aggregation (layer 2). Behind it the slowed sink holds back only some subtasks at a time, so the
    // queue fills on few TaskManagers and no restart shows a step on most of them.
    const reachable = (id: string) =>
      defect !== 'async-queue-kept-on-close' ||
      pipeline.graph.operators.find((op) => op.id === id)?.layer === 'layer2';
    const pool = (info.site === 'map-operator' ? pipeline.mapOperators : pipeline.rpcOperators).filter(
      (id) => !taken.has(id) && reachable(id),
    );
    if (pool.length === 0) return null;
    operatorId = pool[rng.nextInt(pool.length)] as string;
  }
  return {
    defect,
    site: info.site,
    operatorId,
    slotFixes: info.fixedBy.map((kind) => fixChoiceId(kind, targetOf(defect, operatorId, kind))),
  };
}

export function generateVariant(drill: DrillDefinition, seed: number): DrillVariant {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new Error(`drill seed must be a non-negative integer, got ${seed}`);
  if (drill.defects.length === 0) throw new Error(`drill ${drill.id} allows no defect`);
  const rng = new Prng(seed);
  const defect = drill.defects[rng.nextInt(drill.defects.length)] as DefectKind;
  const herring =
    drill.redHerrings.length > 0
      ? (drill.redHerrings[rng.nextInt(drill.redHerrings.length)] as DefectKind)
      : null;
  const active = herring ? [defect, herring] : [defect];
  const need = (site: string) => active.filter((d) => DEFECT_KIND_INFO[d].site === site).length;
  const placeRng = rng.fork(2);
  // A drawn pipeline may offer no operator the defect can sit in (see place()): draw again, deterministically.
  let drawn: { pipeline: DrawnPipeline; main: DefectPlacement; redHerring: DefectPlacement | null } | null =
    null;
  for (let attempt = 0; drawn === null; attempt++) {
    const pipeline = drawPipeline(
      rng.fork(1 + 16 * attempt),
      drill.template,
      mapStyleFor(active, drill),
      // Back pressure fills the queues of clients that allocate per call; pooled clients would hide the drill.
      { pooled: !active.some((d) => d === 'async-queue-kept-on-close' || d === 'direct-memory-too-small') },
      need('map-operator'),
      need('rpc-operator'),
    );
    const main = place(defect, pipeline, new Set(), placeRng);
    const redHerring = herring ? place(herring, pipeline, new Set([main?.operatorId ?? '']), placeRng) : null;
    if (main && (herring === null || redHerring)) drawn = { pipeline, main, redHerring };
    else if (attempt >= 32)
      throw new Error(`drill ${drill.id}: its template leaves no operator for ${defect}`);
  }
  const { pipeline, main, redHerring } = drawn;

  const config = seedPlatformConfig();
  config['taskmanager.memory.process.size'] = drill.memory.processSize;
  config['taskmanager.memory.task.off-heap.size'] = drill.memory.taskOffHeap;
  config['env.java.opts'] = drill.memory.disableExplicitGc ? '-XX:+DisableExplicitGC' : '';
  if (defect === 'direct-memory-too-small') {
    const cut = drill.memory.cutTaskOffHeapMiB ?? [64, 96];
    config['taskmanager.memory.task.off-heap.size'] = `${draw(placeRng, [cut[0] / 8, cut[1] / 8]) * 8}m`;
  }
  const platform = seedPlatform();
  if (defect === 'platform-leak') platform.retainedDirectPerDeployBytes = draw(placeRng, [2, 4]) * 16 * MIB;

  const faults = drawFaultRecipe(rng.fork(3), drill.faults, drill.parallelism);
  const runSeed = 1 + rng.fork(4).nextInt(1_000_000);
  const operator = pipeline.graph.operators.find((op) => op.id === main.operatorId);
  const answer: DrillAnswer = {
    culprit: operator
      ? { kind: 'operator', operatorId: operator.id, name: operator.name, layer: operator.layer }
      : { kind: 'platform' },
    defect,
    scenarioFamily: DEFECT_KIND_INFO[defect].scenarioFamily,
    fix: main.slotFixes[0] as string,
    acceptedFixes: main.slotFixes,
    acceptedCulprits: [
      operator ? operator.id : 'platform',
      ...(defect === 'direct-memory-too-small' ? ['configuration'] : []),
    ],
    triggers: DEFECT_KIND_INFO[defect].needsBackPressure
      ? pipeline.graph.operators.filter((op) => op.kind === 'sink').map((op) => op.id)
      : [],
  };
  return {
    drillId: drill.id,
    seed,
    healthyGraph: pipeline.graph,
    config,
    platform,
    placements: redHerring ? [main, redHerring] : [main],
    healthyTaskOffHeap: drill.memory.taskOffHeap,
    fixChoices: fixChoicesFor(pipeline.mapOperators, pipeline.rpcOperators),
    faults,
    parallelism: drill.parallelism,
    dashboardHours: drill.dashboardHours,
    runSeed,
    answer,
    redHerring,
  };
}

/** The variant's job with the placements whose fixes are not applied: what actually runs. */
export function graphWithDefects(variant: DrillVariant, fixed: ReadonlySet<string>) {
  const graph = cloneGraph(variant.healthyGraph);
  for (const placement of variant.placements) {
    if (placement.slotFixes.some((fix) => fixed.has(fix))) continue;
    applyToGraph(graph, placement);
  }
  return graph;
}
