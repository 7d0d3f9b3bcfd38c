import { describe, expect, it } from 'vitest';
import { planJob } from '../../../shared/sim/engine/job-plan';
import {
  COMPACT_NODE_WIDTH,
  layoutTopology,
  type TopologyLayout,
  type TopologyNode,
} from './topology-layout';

const SCENARIO = 'offheap-map-leak';
const full = planJob({ scenario: SCENARIO });
const scenarioOperators = full.operators.map(({ id, name, layer }) => ({ id, name, layer }));
const scenarioEdges = full.edges;

const node = (layout: TopologyLayout, id: string): TopologyNode => {
  const found = layout.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
};
const edge = (layout: TopologyLayout, from: string, to: string) =>
  layout.edges.filter((e) => e.from === from && e.to === to);

function expectNoOverlap(layout: TopologyLayout) {
  for (const a of layout.nodes) {
    for (const b of layout.nodes) {
      if (a === b) continue;
      const apart =
        a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  }
}

function expectInside(layout: TopologyLayout) {
  for (const n of layout.nodes) {
    expect(n.x).toBeGreaterThanOrEqual(0);
    expect(n.y).toBeGreaterThanOrEqual(0);
    expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
    expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
  }
}

describe('layoutTopology on the full seed job', () => {
  const layout = layoutTopology({ plan: full, scenarioOperators, scenarioEdges });

  it('puts the layers left to right in job order, every operator inside its band', () => {
    expect(layout.bands.map((b) => b.label)).toEqual(['Layer 1', 'Layer 2', 'Layer 3']);
    for (let i = 1; i < layout.bands.length; i++) {
      const previous = layout.bands[i - 1]!;
      expect(layout.bands[i]!.x).toBeGreaterThan(previous.x + previous.width);
    }
    for (const n of layout.nodes) {
      const band = layout.bands.find((b) => b.layer === n.layer)!;
      expect(n.x).toBeGreaterThanOrEqual(band.x);
      expect(n.x + n.width).toBeLessThanOrEqual(band.x + band.width);
    }
    expectNoOverlap(layout);
    expectInside(layout);
  });

  it('lays the same job out narrower with compact boxes, still inside their bands and not overlapping', () => {
    const compact = layoutTopology({
      plan: full,
      scenarioOperators,
      scenarioEdges,
      nodeWidth: COMPACT_NODE_WIDTH,
    });
    expect(compact.width).toBeLessThan(layout.width * 0.85);
    expect(compact.nodes.every((n) => n.width === COMPACT_NODE_WIDTH)).toBe(true);
    expect(compact.nodes.map((n) => n.id)).toEqual(layout.nodes.map((n) => n.id));
    expectNoOverlap(compact);
    expectInside(compact);
  });

  it('lays Layer 1 out as parallel chains: each deserializer right of its Kafka source, on the same row', () => {
    for (const topic of ['impressions', 'clicks', 'conversions']) {
      const source = node(layout, `kafka-${topic}`);
      const deserializer = node(layout, `deserialize-${topic}`);
      expect(deserializer.x).toBeGreaterThan(source.x);
      expect(deserializer.y).toBe(source.y);
    }
    expect(node(layout, 'kafka-impressions').y).toBeLessThan(node(layout, 'kafka-clicks').y);
  });

  it('stacks a chain layer in one column in job order', () => {
    const ids = ['aggregate-spend', 'currency-convert', 'format-druid-rows', 'druid-sink'];
    const column = ids.map((id) => node(layout, id));
    expect(new Set(column.map((n) => n.x)).size).toBe(1);
    for (let i = 1; i < column.length; i++) expect(column[i]!.y).toBeGreaterThan(column[i - 1]!.y);
  });

  it('draws every plan edge, labels hash edges and leaves forward ones unlabelled', () => {
    expect(layout.edges).toHaveLength(full.edges.length);
    expect(layout.edges.every((e) => e.state === 'live')).toBe(true);
    expect(edge(layout, 'kvstore-enrich', 'aggregate-spend')[0]?.label).not.toBeNull();
    expect(edge(layout, 'currency-convert', 'format-druid-rows')[0]?.label).toBeNull();
  });

  it('gives the three inputs of the join separate ports, top source on top', () => {
    const ends = ['impressions', 'clicks', 'conversions'].map((topic) => {
      const path = edge(layout, `deserialize-${topic}`, 'join-engagements')[0]!.path;
      return Number(path.split(' ').at(-1));
    });
    expect(ends[0]).toBeLessThan(ends[1]!);
    expect(ends[1]).toBeLessThan(ends[2]!);
  });

  it('keeps the parallelism and memory of each operator', () => {
    const big = layoutTopology({ plan: planJob({ scenario: SCENARIO, parallelism: 32 }), scenarioOperators });
    expect(node(big, 'currency-convert').parallelism).toBe(32);
    expect(node(big, 'currency-convert').memory?.direct).toBe(true);
    expect(node(big, 'join-engagements').memory?.native).toBe(true);
  });
});

describe('layoutTopology after peeling', () => {
  it('keeps peeled Layer 3 as ghosts in its band and puts the discarding sink last, reached by a rewired edge', () => {
    const plan = planJob({ scenario: SCENARIO, removed: ['layer3'] });
    const layout = layoutTopology({ plan, scenarioOperators, scenarioEdges });
    expect(layout.bands.map((b) => b.layer)).toEqual(['layer1', 'layer2', 'layer3', 'generated']);
    expect(layout.bands.find((b) => b.layer === 'layer3')?.allPeeled).toBe(true);
    for (const id of ['aggregate-spend', 'currency-convert', 'format-druid-rows', 'druid-sink']) {
      expect(node(layout, id).state).toBe('peeled');
      expect(node(layout, id).selectable).toBe(true);
    }
    const sink = node(layout, 'discarding-sink');
    expect(sink.state).toBe('generated');
    expect(sink.selectable).toBe(false);
    expect(edge(layout, 'kvstore-enrich', 'discarding-sink')[0]?.state).toBe('rewired');
    expect(edge(layout, 'kvstore-enrich', 'aggregate-spend')[0]?.state).toBe('before-peeling');
    expectNoOverlap(layout);
  });

  it('without the scenario edges still stacks ghosts of a peeled chain in job order', () => {
    const plan = planJob({ scenario: SCENARIO, removed: ['layer2', 'layer3'] });
    const layout = layoutTopology({ plan, scenarioOperators });
    const ghosts = ['join-engagements', 'transform-engagements', 'kvstore-enrich'].map((id) =>
      node(layout, id),
    );
    expect(new Set(ghosts.map((n) => n.x)).size).toBe(1);
    expect(ghosts[0]!.y).toBeLessThan(ghosts[1]!.y);
    expect(ghosts[1]!.y).toBeLessThan(ghosts[2]!.y);
    expect(layout.edges.every((e) => e.state !== 'before-peeling')).toBe(true);
    expectNoOverlap(layout);
  });

  it('marks bypass edges as rewired and routes one that skips a ghost in a stack around it', () => {
    const plan = planJob({ scenario: SCENARIO, removed: ['currency-convert'] });
    const layout = layoutTopology({ plan, scenarioOperators, scenarioEdges });
    const ghost = node(layout, 'currency-convert');
    const bypass = edge(layout, 'aggregate-spend', 'format-druid-rows')[0]!;
    expect(bypass.state).toBe('rewired');
    // Leaves the right side of aggregate-spend instead of running straight down through the ghost.
    expect(bypass.path.startsWith(`M${ghost.x + ghost.width} `)).toBe(true);
    expect(ghost.y).toBeGreaterThan(node(layout, 'aggregate-spend').y);
    expect(ghost.y).toBeLessThan(node(layout, 'format-druid-rows').y);
  });

  it('says which edges of a removed layer existed before: Layer 1 to the join, now to aggregate-spend', () => {
    const plan = planJob({ scenario: SCENARIO, removed: ['layer2'] });
    const layout = layoutTopology({ plan, scenarioOperators, scenarioEdges });
    expect(edge(layout, 'deserialize-clicks', 'aggregate-spend')[0]).toMatchObject({
      state: 'rewired',
      kind: 'hash',
    });
    expect(edge(layout, 'deserialize-clicks', 'join-engagements')[0]?.state).toBe('before-peeling');
  });
});

describe('layoutTopology of the control job', () => {
  it('draws the control job alone: nothing peeled, nothing selectable', () => {
    const plan = planJob({ scenario: SCENARIO, control: true });
    const layout = layoutTopology({ plan, scenarioOperators, scenarioEdges });
    expect(layout.bands.map((b) => b.label)).toEqual(['Control job']);
    expect(layout.nodes.map((n) => n.id)).toEqual(['control-source', 'control-sink']);
    expect(layout.nodes.every((n) => n.state === 'running' && !n.selectable)).toBe(true);
    expect(layout.edges[0]).toMatchObject({ kind: 'rebalance', state: 'live' });
    expect(layout.edges[0]?.label).not.toBeNull();
  });
});

describe('layoutTopology places a lone operator level with its inputs', () => {
  it('puts the discarding sink on the row of the operator that feeds it', () => {
    const plan = planJob({ scenario: SCENARIO, removed: ['layer3'] });
    const layout = layoutTopology({ plan, scenarioOperators, scenarioEdges });
    expect(node(layout, 'discarding-sink').y).toBe(node(layout, 'kvstore-enrich').y);
  });
});
