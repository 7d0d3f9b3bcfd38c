// How a peeled part of the job is named in words, everywhere (experiment labels, diffs, the rewiring, the next
// step, auto-peel, the experiment card): "layer 3", "layer 2, layer 3", "layer 2, currency-convert". One spelling,
// so an experiment is never "removed layer2, layer3" in one place and "removed layers 2 and 3" in another.

/** A removal target as written: `layer3` is "layer 3"; an operator keeps its id. */
export function removalTargetName(target: string): string {
  const layer = /^layer(\d+)$/.exec(target);
  return layer ? `layer ${layer[1]}` : target;
}

/** Removal targets as a lab book writes them: layers first in their order, then operators as given. */
export function describeTargets(targets: readonly string[]): string {
  const layerNumber = (t: string) => Number(/^layer(\d+)$/.exec(t)?.[1] ?? Number.NaN);
  const layers = targets.filter((t) => Number.isFinite(layerNumber(t)));
  const operators = targets.filter((t) => !Number.isFinite(layerNumber(t)));
  return [...layers.sort((a, b) => layerNumber(a) - layerNumber(b)), ...operators]
    .map(removalTargetName)
    .join(', ');
}
