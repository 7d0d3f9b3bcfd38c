// Puts a defect into a variant's job: the operator's map or RPC client misbehaves, the configuration is cut, or
// the platform keeps what it should release. Works on copies; the healthy graph is never changed.
import type { JobGraph, OperatorSpec } from '../sim/topology/job-graph';
import type { DefectPlacement } from './drill-types';

export function cloneGraph(graph: JobGraph): JobGraph {
  return {
    operators: graph.operators.map((op) => ({
      ...op,
      ...(op.map ? { map: { ...op.map } } : {}),
      ...(op.rpc ? { rpc: { ...op.rpc } } : {}),
    })),
    edges: graph.edges.map((edge) => ({ ...edge })),
  };
}

function operatorOf(graph: JobGraph, placement: DefectPlacement): OperatorSpec {
  const op = graph.operators.find((candidate) => candidate.id === placement.operatorId);
  if (!op) throw new Error(`defect ${placement.defect}: no operator '${placement.operatorId}' in the job`);
  return op;
}

/** Changes `graph` in place so that the placement's operator carries its defect (config and platform: no-op). */
export function applyToGraph(graph: JobGraph, placement: DefectPlacement): void {
  switch (placement.defect) {
    case 'map-not-freed-in-close':
    case 'unsafe-map-not-freed': {
      const map = operatorOf(graph, placement).map;
      if (map) map.closeFrees = false;
      return;
    }
    case 'map-kept-in-static': {
      const map = operatorOf(graph, placement).map;
      if (map) Object.assign(map, { closeFrees: false, keptReachable: true });
      return;
    }
    case 'onheap-map-swap': {
      const map = operatorOf(graph, placement).map;
      if (map) map.refresh = 'swap';
      return;
    }
    case 'rpc-fresh-buffers': {
      const rpc = operatorOf(graph, placement).rpc;
      if (rpc) rpc.pooled = false;
      return;
    }
    case 'async-queue-kept-on-close': {
      const rpc = operatorOf(graph, placement).rpc;
      if (rpc) Object.assign(rpc, { pooled: false, keepsQueueOnClose: true });
      return;
    }
    case 'direct-memory-too-small':
    case 'platform-leak':
      return;
  }
}
