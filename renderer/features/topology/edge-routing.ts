// How the topology diagram's edges run: between neighbouring columns as curves from port to port (edges sharing
// a side get separate ports, ordered so they don't cross), down a stack as straight lines, and round a ghost when
// a bypass skips it; plus where each partitioning label sits.
import type { TopologyEdge, TopologyNode } from './topology-types';

export const edgeKey = (e: { from: string; to: string }) => `${e.from}>${e.to}`;

const LABEL_OFFSET = 26;

function cubic(t: number, a: number, b: number, c: number, d: number): number {
  const u = 1 - t;
  return u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
}

/** `bypassRoom`: how far right of a stack a loop round a ghost may bulge (the gap before the next column). */
export function routeEdges(
  edges: readonly Omit<TopologyEdge, 'path' | 'label'>[],
  nodes: ReadonlyMap<string, TopologyNode>,
  bypassRoom: number,
): TopologyEdge[] {
  const all = [...nodes.values()];
  const vertical = (e: { from: string; to: string }) => {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    return !!a && !!b && a.layer === b.layer && a.x === b.x && b.y > a.y;
  };
  // A bypass down a stack (peeling the operator in between) would run through the ghost: loop round it instead.
  const skipsRows = (a: TopologyNode, b: TopologyNode) =>
    all.some((n) => n.x === a.x && n.y > a.y && n.y < b.y);
  // Ports: the edges leaving (entering) a side share it, ordered by where their other end is, so they don't cross.
  const ports = new Map<string, number>();
  const assign = (side: 'out' | 'in') => {
    const bySide = new Map<string, Omit<TopologyEdge, 'path' | 'label'>[]>();
    for (const e of edges) {
      if (vertical(e)) continue;
      const own = side === 'out' ? e.from : e.to;
      bySide.set(own, [...(bySide.get(own) ?? []), e]);
    }
    for (const [own, list] of bySide) {
      const node = nodes.get(own) as TopologyNode;
      const otherY = (e: { from: string; to: string }) => nodes.get(side === 'out' ? e.to : e.from)?.y ?? 0;
      [...list]
        .sort((a, b) => otherY(a) - otherY(b))
        .forEach((e, k) => {
          ports.set(`${side}:${edgeKey(e)}:${e.state}`, node.y + (node.height * (k + 1)) / (list.length + 1));
        });
    }
  };
  assign('out');
  assign('in');
  const routed: TopologyEdge[] = [];
  for (const e of edges) {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    if (!a || !b) continue;
    const labelled = e.kind !== 'forward';
    if (vertical(e) && skipsRows(a, b)) {
      const xr = a.x + a.width;
      const y1 = a.y + a.height / 2;
      const y2 = b.y + b.height / 2;
      const out = xr + Math.min(bypassRoom, 12 + (y2 - y1) / 8);
      routed.push({
        ...e,
        path: `M${xr} ${y1}C${out} ${y1} ${out} ${y2} ${xr} ${y2}`,
        label: labelled ? { x: out + 4, y: (y1 + y2) / 2, anchor: 'start' } : null,
      });
      continue;
    }
    if (vertical(e)) {
      const x = a.x + a.width / 2;
      const y1 = a.y + a.height;
      const y2 = b.y;
      routed.push({
        ...e,
        path: `M${x} ${y1}L${x} ${y2}`,
        label: labelled ? { x: x + 6, y: (y1 + y2) / 2, anchor: 'start' } : null,
      });
      continue;
    }
    const x1 = a.x + a.width;
    const y1 = ports.get(`out:${edgeKey(e)}:${e.state}`) ?? a.y + a.height / 2;
    const x2 = b.x;
    const y2 = ports.get(`in:${edgeKey(e)}:${e.state}`) ?? b.y + b.height / 2;
    const dx = Math.max(28, Math.abs(x2 - x1) / 2);
    // Between neighbouring columns the label sits midway; on a long edge it stays near the source, where edges
    // converging on one operator are still apart and no operator is underneath.
    const span = Math.abs(x2 - x1);
    const t = span > 80 ? LABEL_OFFSET / span : 0.5;
    routed.push({
      ...e,
      path: `M${x1} ${y1}C${x1 + dx} ${y1} ${x2 - dx} ${y2} ${x2} ${y2}`,
      label: labelled
        ? { x: cubic(t, x1, x1 + dx, x2 - dx, x2), y: cubic(t, y1, y1, y2, y2), anchor: 'middle' }
        : null,
    });
  }
  return routed;
}
