// Failover regions: the operators joined by pipelined exchanges restart together. Every edge of a streaming
// job is pipelined, so a region is a connected part of the graph; the seed's job is one region, a peeled job
// with separate source-to-sink pipelines has one per pipeline.
import type { JobGraph } from './job-graph';

/** Region index per operator id, numbered in the order operators appear. */
export function failoverRegions(graph: JobGraph): Map<string, number> {
  const parent = new Map(graph.operators.map((op) => [op.id, op.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  for (const edge of graph.edges) parent.set(find(edge.from), find(edge.to));
  const numbers = new Map<string, number>();
  const regions = new Map<string, number>();
  for (const op of graph.operators) {
    const root = find(op.id);
    if (!numbers.has(root)) numbers.set(root, numbers.size);
    regions.set(op.id, numbers.get(root) as number);
  }
  return regions;
}
