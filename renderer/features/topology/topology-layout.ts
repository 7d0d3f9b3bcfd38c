// Where the topology diagram draws things: one band per layer from left to right in job order, operators stacked
// inside (a layer of parallel chains gets one sub-column per step), peeled operators kept in place as ghosts, and
// edges routed between ports. Pure, so positions are tested without a DOM.
import { edgeKey, routeEdges } from './edge-routing';
import { layerLabel, orderLayers } from './layer-names';
import type {
  EdgeState,
  MemoryKinds,
  NodeState,
  PlanEdge,
  PlanOperator,
  ScenarioOperatorRef,
  TopologyBand,
  TopologyEdge,
  TopologyInput,
  TopologyLayout,
  TopologyNode,
} from './topology-types';

export type {
  EdgeState,
  MemoryKinds,
  NodeState,
  PlanEdge,
  PlanOperator,
  ScenarioOperatorRef,
  TopologyBand,
  TopologyEdge,
  TopologyInput,
  TopologyLayout,
  TopologyNode,
};

export const NODE_WIDTH = 220;
/** Narrow panels: names shorten with an ellipsis and badges fold into "+n", but text keeps its size. */
export const COMPACT_NODE_WIDTH = 164;
export const NODE_HEIGHT = 64;
const ROW_GAP = 22;
const SUB_COLUMN_GAP = 40;
const LAYER_GAP = 28;
const BAND_PADDING = 12;
const BAND_HEADER = 26;
const PADDING = 8;

interface Slot {
  subColumn: number;
  row: number;
}

type BareNode = Omit<TopologyNode, 'x' | 'y' | 'width' | 'height'>;

function collectNodes(input: TopologyInput): BareNode[] {
  const { plan } = input;
  const byId = new Map(plan.operators.map((op) => [op.id, op]));
  const fromPlan = (op: PlanOperator): BareNode => ({
    id: op.id,
    name: op.name,
    layer: op.layer,
    kind: op.kind,
    parallelism: op.parallelism,
    memory: op.memory,
    state: op.generated ? 'generated' : 'running',
    selectable: !op.generated && !plan.control,
  });
  const nodes: BareNode[] = [];
  const added = new Set<string>();
  // The control job replaces the whole job: its operators are not the scenario's, so nothing is "peeled".
  if (!plan.control) {
    for (const ref of input.scenarioOperators ?? []) {
      const op = byId.get(ref.id);
      added.add(ref.id);
      if (op) nodes.push(fromPlan(op));
      else {
        nodes.push({
          id: ref.id,
          name: ref.name,
          layer: ref.layer,
          kind: null,
          parallelism: null,
          memory: ref.memory ?? null,
          state: 'peeled',
          selectable: true,
        });
      }
    }
  }
  for (const op of plan.operators) if (!added.has(op.id)) nodes.push(fromPlan(op));
  return nodes;
}

function collectEdges(
  input: TopologyInput,
  nodeIds: Set<string>,
  peeled: Set<string>,
): Omit<TopologyEdge, 'path' | 'label'>[] {
  const { plan } = input;
  const generated = new Set(plan.operators.filter((op) => op.generated).map((op) => op.id));
  const original = input.scenarioEdges && !plan.control ? input.scenarioEdges : undefined;
  const originalKeys = new Set((original ?? []).map(edgeKey));
  const edges: Omit<TopologyEdge, 'path' | 'label'>[] = plan.edges.map((e) => ({
    from: e.from,
    to: e.to,
    kind: e.kind,
    state:
      generated.has(e.from) ||
      generated.has(e.to) ||
      (original !== undefined && !originalKeys.has(edgeKey(e)))
        ? 'rewired'
        : 'live',
  }));
  for (const e of original ?? []) {
    if (!(peeled.has(e.from) || peeled.has(e.to)) || !nodeIds.has(e.from) || !nodeIds.has(e.to)) continue;
    edges.push({ from: e.from, to: e.to, kind: e.kind, state: 'before-peeling' });
  }
  return edges;
}

/**
 * Longest path from a source, over every edge drawn. A ghost with no edges at all (no scenario edges were given)
 * goes one step after the operator before it in job order: right for chains, which is what peeling removes.
 */
function rankNodes(
  order: readonly { id: string; state: NodeState }[],
  edges: readonly { from: string; to: string }[],
) {
  const rank = new Map(order.map((n) => [n.id, 0]));
  const indegree = new Map(order.map((n) => [n.id, 0]));
  const touched = new Set<string>();
  for (const e of edges) {
    indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
    touched.add(e.from).add(e.to);
  }
  const ready = order.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  while (ready.length > 0) {
    const id = ready.shift() as string;
    for (const e of edges) {
      if (e.from !== id) continue;
      rank.set(e.to, Math.max(rank.get(e.to) ?? 0, (rank.get(id) ?? 0) + 1));
      const left = (indegree.get(e.to) ?? 0) - 1;
      indegree.set(e.to, left);
      if (left === 0) ready.push(e.to);
    }
  }
  order.forEach((n, i) => {
    const previous = order[i - 1];
    if (n.state === 'peeled' && !touched.has(n.id) && previous)
      rank.set(n.id, (rank.get(previous.id) ?? 0) + 1);
  });
  return rank;
}

/** Sub-column and row of each operator of one layer. */
function slotLayer(
  members: readonly string[],
  rank: ReadonlyMap<string, number>,
  predecessors: ReadonlyMap<string, string[]>,
): Map<string, Slot> {
  const slots = new Map<string, Slot>();
  const rankOf = (id: string) => rank.get(id) ?? 0;
  const perRank = new Map<number, string[]>();
  for (const id of members) perRank.set(rankOf(id), [...(perRank.get(rankOf(id)) ?? []), id]);
  const chain = [...perRank.values()].every((ids) => ids.length === 1);
  if (chain) {
    // One operator per step: a vertical stack in job order, edges running down the column.
    [...members]
      .sort((a, b) => rankOf(a) - rankOf(b) || members.indexOf(a) - members.indexOf(b))
      .forEach((id, row) => {
        slots.set(id, { subColumn: 0, row });
      });
    return slots;
  }
  const ranks = [...perRank.keys()].sort((a, b) => a - b);
  ranks.forEach((r, subColumn) => {
    const ids = perRank.get(r) ?? [];
    const desired = (id: string) => {
      const rows = (predecessors.get(id) ?? [])
        .map((p) => slots.get(p)?.row)
        .filter((row) => row !== undefined);
      return rows.length > 0
        ? rows.reduce((sum, row) => sum + row, 0) / rows.length
        : Number.POSITIVE_INFINITY;
    };
    // Follow the predecessors' rows so parallel chains read straight across; the rest keep job order below.
    const sorted = [...ids].sort(
      (a, b) => desired(a) - desired(b) || members.indexOf(a) - members.indexOf(b),
    );
    let next = 0;
    for (const id of sorted) {
      const want = desired(id);
      const row = Number.isFinite(want) ? Math.max(next, Math.round(want)) : next;
      slots.set(id, { subColumn, row });
      next = row + 1;
    }
  });
  return slots;
}

export function layoutTopology(input: TopologyInput): TopologyLayout {
  const bare = collectNodes(input);
  const ids = new Set(bare.map((n) => n.id));
  const peeled = new Set(bare.filter((n) => n.state === 'peeled').map((n) => n.id));
  const edgeList = collectEdges(input, ids, peeled).filter((e) => ids.has(e.from) && ids.has(e.to));
  const rank = rankNodes(bare, edgeList);
  const predecessors = new Map<string, string[]>();
  for (const e of edgeList) predecessors.set(e.to, [...(predecessors.get(e.to) ?? []), e.from]);

  const layers = orderLayers(bare.map((n) => n.layer));
  const slots = new Map<string, Slot>();
  const shape = layers.map((layer) => {
    const members = bare.filter((n) => n.layer === layer).map((n) => n.id);
    const layerSlots = slotLayer(members, rank, predecessors);
    for (const [id, slot] of layerSlots) slots.set(id, slot);
    const values = [...layerSlots.values()];
    return {
      layer,
      members,
      subColumns: Math.max(...values.map((s) => s.subColumn)) + 1,
      rows: Math.max(...values.map((s) => s.row)) + 1,
    };
  });

  const nodeWidth = input.nodeWidth ?? NODE_WIDTH;
  const pitch = NODE_HEIGHT + ROW_GAP;
  const maxRows = Math.max(1, ...shape.map((s) => s.rows));
  const contentHeight = maxRows * pitch - ROW_GAP;
  const bandHeight = BAND_HEADER + contentHeight + 2 * BAND_PADDING;
  const byId = new Map(bare.map((n) => [n.id, n]));
  const nodes = new Map<string, TopologyNode>();
  const bands: TopologyBand[] = [];
  let x = PADDING;
  for (const s of shape) {
    const width = 2 * BAND_PADDING + s.subColumns * nodeWidth + (s.subColumns - 1) * SUB_COLUMN_GAP;
    const firstRow = PADDING + BAND_HEADER + BAND_PADDING;
    let top = firstRow + ((maxRows - s.rows) * pitch) / 2;
    const only = s.members.length === 1 ? s.members[0] : undefined;
    const placedInputs = only ? (predecessors.get(only) ?? []).flatMap((p) => nodes.get(p) ?? []) : [];
    if (placedInputs.length > 0) {
      // A lone operator (the discarding sink, a one-operator layer) sits level with what feeds it: straight edges.
      const centre = placedInputs.reduce((sum, n) => sum + n.y, 0) / placedInputs.length;
      top = Math.min(Math.max(centre, firstRow), firstRow + (maxRows - 1) * pitch);
    }
    for (const id of s.members) {
      const slot = slots.get(id) as Slot;
      nodes.set(id, {
        ...(byId.get(id) as BareNode),
        x: x + BAND_PADDING + slot.subColumn * (nodeWidth + SUB_COLUMN_GAP),
        y: top + slot.row * pitch,
        width: nodeWidth,
        height: NODE_HEIGHT,
      });
    }
    bands.push({
      layer: s.layer,
      label: layerLabel(s.layer),
      x,
      y: PADDING,
      width,
      height: bandHeight,
      operators: s.members.length,
      allPeeled: s.members.every((id) => peeled.has(id)),
    });
    x += width + LAYER_GAP;
  }
  return {
    width: x - LAYER_GAP + PADDING,
    height: bandHeight + 2 * PADDING,
    bands,
    nodes: bare.map((n) => nodes.get(n.id) as TopologyNode),
    edges: routeEdges(edgeList, nodes, SUB_COLUMN_GAP),
  };
}
