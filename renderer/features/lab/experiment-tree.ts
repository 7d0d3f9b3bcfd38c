// Orders experiments as a tree (children under their parent, in creation order) with their depth, for the list.
import type { Experiment } from '../../../shared/contract/lab-entities';

export function experimentTree(
  experiments: readonly Experiment[],
): { experiment: Experiment; depth: number }[] {
  const children = new Map<string | null, Experiment[]>();
  const ids = new Set(experiments.map((e) => e.id));
  for (const experiment of experiments) {
    const parent = experiment.parentId && ids.has(experiment.parentId) ? experiment.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), experiment]);
  }
  const out: { experiment: Experiment; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const experiment of (children.get(parent) ?? []).sort((a, b) => a.seq - b.seq)) {
      out.push({ experiment, depth });
      walk(experiment.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
