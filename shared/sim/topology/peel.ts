// Peeling the onion: removes operators or whole layers and rewires the job the way an engineer would, upstream
// straight to downstream, or into a discarding sink where nothing is left downstream, and says how in words.
import type { EdgeKind, EdgeSpec, JobGraph, OperatorSpec } from './job-graph';
import { removalTargetName } from './removal-names';

export const DISCARDING_SINK_ID = 'discarding-sink';

export interface PeeledJob {
  graph: JobGraph;
  /** One sentence per change, e.g. "removed layer 3 (currency-convert, ...): budget-aggregate now feeds a discarding sink". */
  rewiring: string[];
  /** Every operator id that is gone: the removed ones and those left without input. */
  removedOperators: string[];
}

export function discardingSink(): OperatorSpec {
  return {
    id: DISCARDING_SINK_ID,
    name: 'Discarding sink',
    layer: 'generated',
    description:
      'Added by peeling: accepts every record and drops it (a DiscardingSink), so nothing downstream is needed.',
    kind: 'sink',
    recordsPerSecond: 1_000_000,
    arrivalsPerSecond: 0,
    selectivity: 0,
    recordBytes: 256,
    heapBytesPerRecord: 16,
    openHeapBytes: 0,
    threadDirectBytes: 0,
    rocksDbState: false,
    transientDirectBytesPerRecord: 0,
  };
}

// Along a bypassed path the strongest redistribution wins: a key-by anywhere means the records are re-keyed.
function combine(a: EdgeKind, b: EdgeKind): EdgeKind {
  if (a === 'hash' || b === 'hash') return 'hash';
  if (a === 'rebalance' || b === 'rebalance') return 'rebalance';
  return 'forward';
}

/** `targets` are operator ids or layer ids of `graph`; unknown ones throw (callers validate first for messages). */
export function expandRemoved(graph: JobGraph, targets: readonly string[]): Set<string> {
  const removed = new Set<string>();
  for (const target of targets) {
    const inLayer = graph.operators.filter((op) => op.layer === target);
    if (inLayer.length > 0) for (const op of inLayer) removed.add(op.id);
    else if (graph.operators.some((op) => op.id === target)) removed.add(target);
    else throw new Error(`'${target}' is neither an operator nor a layer of this job`);
  }
  return removed;
}

export function peelJob(graph: JobGraph, targets: readonly string[]): PeeledJob {
  if (targets.length === 0) return { graph, rewiring: [], removedOperators: [] };
  const removed = expandRemoved(graph, targets);
  const outgoing = (id: string) => graph.edges.filter((e) => e.from === id);

  // Each kept operator's outputs, following edges through removed operators to the next kept ones.
  const edges = new Map<string, EdgeSpec>();
  const bypassed: string[] = [];
  for (const op of graph.operators) {
    if (removed.has(op.id)) continue;
    const stack: Array<{ id: string; kind: EdgeKind; via: boolean }> = outgoing(op.id).map((e) => ({
      id: e.to,
      kind: e.kind,
      via: false,
    }));
    const seen = new Set<string>();
    while (stack.length > 0) {
      const next = stack.pop() as { id: string; kind: EdgeKind; via: boolean };
      if (!removed.has(next.id)) {
        const key = `${op.id}>${next.id}`;
        const prior = edges.get(key);
        edges.set(key, {
          from: op.id,
          to: next.id,
          kind: prior ? combine(prior.kind, next.kind) : next.kind,
        });
        if (next.via) bypassed.push(`${op.id} now feeds ${next.id} directly (${next.kind})`);
        continue;
      }
      if (seen.has(next.id)) continue;
      seen.add(next.id);
      for (const e of outgoing(next.id))
        stack.push({ id: e.to, kind: combine(next.kind, e.kind), via: true });
    }
  }

  // An operator whose every input is gone receives nothing: it goes too (a source never needs input).
  const kept = graph.operators.filter((op) => !removed.has(op.id));
  const starved: string[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const op of kept) {
      if (op.kind === 'source' || starved.includes(op.id)) continue;
      const fed = [...edges.values()].some((e) => e.to === op.id && !starved.includes(e.from));
      if (!fed) {
        starved.push(op.id);
        changed = true;
      }
    }
  }
  const operators = kept.filter((op) => !starved.includes(op.id));
  if (!operators.some((op) => op.kind === 'source')) {
    throw new Error(`removing ${targets.join(', ')} leaves the job without a source`);
  }
  const finalEdges = [...edges.values()].filter((e) => !starved.includes(e.from) && !starved.includes(e.to));

  // Whatever used to send records on and now has no consumer feeds a discarding sink.
  const dangling = operators.filter((op) => op.kind !== 'sink' && !finalEdges.some((e) => e.from === op.id));
  if (dangling.length > 0) {
    operators.push(discardingSink());
    for (const op of dangling) finalEdges.push({ from: op.id, to: DISCARDING_SINK_ID, kind: 'forward' });
  }

  const rewiring = describeRewiring(graph, targets, starved, dangling, bypassed);
  return {
    graph: { operators, edges: finalEdges },
    rewiring,
    removedOperators: [...removed, ...starved],
  };
}

function describeRewiring(
  graph: JobGraph,
  targets: readonly string[],
  starved: string[],
  dangling: OperatorSpec[],
  bypassed: string[],
): string[] {
  const consequences = [
    ...[...new Set(bypassed)],
    ...dangling.map((op) => `${op.id} now feeds a discarding sink`),
    ...starved.map((id) => `${id} lost its only input and is removed too`),
  ];
  const names = targets.map((target) => {
    const members = graph.operators.filter((op) => op.layer === target).map((op) => op.id);
    return members.length > 0
      ? `${removalTargetName(target)} (${members.join(', ')})`
      : removalTargetName(target);
  });
  const head = `removed ${names.join(', ')}`;
  if (consequences.length === 0) return [`${head}: nothing else changes`];
  return [`${head}: ${consequences[0]}`, ...consequences.slice(1)];
}
