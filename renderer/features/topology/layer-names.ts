// How layers are named and coloured on screen: `layer3` is "Layer 3", the control job and the peeling's generated
// operators get their own words; one colour tone per layer, shared by the diagram and the slot grid.

export function layerLabel(layer: string): string {
  const numbered = /^layer(\d+)$/.exec(layer);
  if (numbered) return `Layer ${numbered[1]}`;
  if (layer === 'control') return 'Control job';
  if (layer === 'generated') return 'Generated';
  return layer;
}

/** A CSS class suffix: numbered layers cycle through four hues; control and generated are neutral. */
export function layerTone(layer: string): string {
  const numbered = /^layer(\d+)$/.exec(layer);
  if (numbered) return `l${((Number(numbered[1]) - 1) % 4) + 1}`;
  if (layer === 'control' || layer === 'generated') return layer;
  return 'other';
}

/** Layers in the order given, with `generated` (what peeling adds at the end of the job) always last. */
export function orderLayers(layers: Iterable<string>): string[] {
  const unique = [...new Set(layers)];
  return [
    ...unique.filter((layer) => layer !== 'generated'),
    ...unique.filter((layer) => layer === 'generated'),
  ];
}
