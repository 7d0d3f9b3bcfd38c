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

export const SWEEP_LABEL_PREFIX = 'auto-peel:';

export type ExperimentListEntry =
  | { kind: 'experiment'; experiment: Experiment; depth: number }
  | { kind: 'sweep'; parent: Experiment; depth: number; experiments: Experiment[] };

/**
 * The tree with each experiment's auto-peel removals folded into one entry under it, where the first of them was:
 * a sweep adds a dozen experiments at once, which would bury the ones made by hand. A swept experiment someone
 * derived from stays in the tree, where its children can be seen.
 */
export function experimentListEntries(experiments: readonly Experiment[]): ExperimentListEntry[] {
  const hasChildren = new Set(experiments.map((e) => e.parentId).filter((id): id is string => id !== null));
  const byId = new Map(experiments.map((e) => [e.id, e]));
  const out: ExperimentListEntry[] = [];
  const groups = new Map<string, Extract<ExperimentListEntry, { kind: 'sweep' }>>();
  for (const { experiment, depth } of experimentTree(experiments)) {
    const parent = experiment.parentId ? byId.get(experiment.parentId) : undefined;
    const swept = experiment.label.startsWith(SWEEP_LABEL_PREFIX) && !hasChildren.has(experiment.id);
    if (!swept || !parent) {
      out.push({ kind: 'experiment', experiment, depth });
      continue;
    }
    let group = groups.get(parent.id);
    if (!group) {
      group = { kind: 'sweep', parent, depth, experiments: [] };
      groups.set(parent.id, group);
      out.push(group);
    }
    group.experiments.push(experiment);
  }
  return out;
}
