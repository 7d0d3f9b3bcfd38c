// The bisect assistant: from the suspects left, propose the cut that halves them. Cuts follow the job's shape:
// whole layers first (peeling the onion from the sink side, as the seed's engineers did), single operators once
// a layer is isolated. A cut never removes every operator, and never removes what is already removed.

import { plural } from '../plural';
import type { ScenarioOperator } from './coverage';
import { describeTargets } from './experiment-diff';

export type { ScenarioOperator };

export interface BisectProposal {
  /** Targets to add to the base experiment's removals (layer ids or operator ids). */
  remove: string[];
  /** Suspects the cut takes out, and how many remain under suspicion in the job. */
  removedSuspects: string[];
  keptSuspects: string[];
  reason: string;
}

interface Candidate {
  targets: string[];
  operators: string[];
  layerAligned: boolean;
}

function layersInOrder(operators: readonly ScenarioOperator[]): string[] {
  return [...new Set(operators.map((op) => op.layer))];
}

function candidateCuts(
  operators: readonly ScenarioOperator[],
  alreadyRemoved: ReadonlySet<string>,
): Candidate[] {
  const present = operators.filter((op) => !alreadyRemoved.has(op.id) && !alreadyRemoved.has(op.layer));
  const layers = layersInOrder(present);
  const cuts: Candidate[] = [];
  // Trailing runs of layers (layer 3; layers 2 and 3; ...), keeping the sources.
  for (let start = 1; start < layers.length; start++) {
    const tail = layers.slice(start);
    cuts.push({
      targets: tail,
      operators: present.filter((op) => tail.includes(op.layer)).map((op) => op.id),
      layerAligned: true,
    });
  }
  for (const layer of layers) {
    cuts.push({
      targets: [layer],
      operators: present.filter((op) => op.layer === layer).map((op) => op.id),
      layerAligned: true,
    });
  }
  for (const op of present) cuts.push({ targets: [op.id], operators: [op.id], layerAligned: false });
  return cuts.filter((cut) => cut.operators.length < present.length);
}

export function proposeBisect(
  operators: readonly ScenarioOperator[],
  suspectIds: readonly string[],
  alreadyRemoved: readonly string[],
): BisectProposal | null {
  const removedSet = new Set(alreadyRemoved);
  const inJob = operators.filter((op) => !removedSet.has(op.id) && !removedSet.has(op.layer));
  const live = suspectIds.filter((id) => inJob.some((op) => op.id === id));
  if (live.length <= 1) return null;
  const half = live.length / 2;
  let best: { cut: Candidate; score: number } | null = null;
  for (const cut of candidateCuts(operators, removedSet)) {
    const hit = cut.operators.filter((id) => live.includes(id)).length;
    if (hit === 0 || hit === live.length) continue;
    // Closest to half the suspects; prefer whole layers, then fewer operators touched beyond the suspects.
    const score = Math.abs(hit - half) + (cut.layerAligned ? 0 : 0.25) + (cut.operators.length - hit) * 0.01;
    if (!best || score < best.score) best = { cut, score };
  }
  if (!best) return null;
  const removedSuspects = best.cut.operators.filter((id) => live.includes(id));
  const keptSuspects = live.filter((id) => !removedSuspects.includes(id));
  return {
    remove: best.cut.targets,
    removedSuspects,
    keptSuspects,
    reason: `${plural(live.length, 'suspect')} left; removing ${describeTargets(best.cut.targets)} takes out ${removedSuspects.length} and keeps ${keptSuspects.length}`,
  };
}
