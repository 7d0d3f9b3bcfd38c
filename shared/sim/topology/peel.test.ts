import { describe, expect, it } from 'vitest';
import { seedJob } from '../scenarios/seed-job';
import { topologicalOrder } from './job-graph';
import { DISCARDING_SINK_ID, peelJob } from './peel';
import { failoverRegions } from './regions';

const ids = (graph: { operators: Array<{ id: string }> }) => graph.operators.map((op) => op.id);

describe('peelJob', () => {
  it('removing layer 3 lets Layer 2 end in a discarding sink and says so', () => {
    const peeled = peelJob(seedJob(), ['layer3']);
    expect(ids(peeled.graph)).not.toContain('currency-convert');
    expect(peeled.graph.edges).toContainEqual({
      from: 'kvstore-enrich',
      to: DISCARDING_SINK_ID,
      kind: 'forward',
    });
    expect(peeled.rewiring[0]).toBe(
      'removed layer 3 (aggregate-spend, currency-convert, format-druid-rows, druid-sink): kvstore-enrich now feeds a discarding sink',
    );
  });

  it('removing layer 2 wires Layer 1 straight into Layer 3, keeping the key-by', () => {
    const peeled = peelJob(seedJob(), ['layer2']);
    for (const topic of ['impressions', 'clicks', 'conversions']) {
      expect(peeled.graph.edges).toContainEqual({
        from: `deserialize-${topic}`,
        to: 'aggregate-spend',
        kind: 'hash',
      });
    }
    expect(peeled.rewiring.join('\n')).toContain(
      'deserialize-clicks now feeds aggregate-spend directly (hash)',
    );
    expect(ids(peeled.graph)).not.toContain(DISCARDING_SINK_ID);
  });

  it('removing one operator bypasses it', () => {
    const peeled = peelJob(seedJob(), ['kvstore-enrich']);
    expect(peeled.graph.edges).toContainEqual({
      from: 'transform-engagements',
      to: 'aggregate-spend',
      kind: 'hash',
    });
    expect(() => topologicalOrder(peeled.graph)).not.toThrow();
  });

  it('removing a source drops the operators it alone fed', () => {
    const peeled = peelJob(seedJob(), ['kafka-clicks']);
    expect(ids(peeled.graph)).not.toContain('deserialize-clicks');
    expect(peeled.removedOperators).toEqual(['kafka-clicks', 'deserialize-clicks']);
    expect(peeled.rewiring.join('\n')).toContain('deserialize-clicks lost its only input and is removed too');
  });

  it('refuses to remove every source', () => {
    expect(() => peelJob(seedJob(), ['layer1'])).toThrow(/without a source/);
  });

  it('keeps the seed job one failover region, and splits disconnected pipelines', () => {
    const regions = failoverRegions(seedJob());
    expect(new Set(regions.values()).size).toBe(1);
    const split = failoverRegions({
      operators: seedJob().operators.slice(0, 4),
      edges: [
        { from: 'kafka-impressions', to: 'deserialize-impressions', kind: 'forward' },
        { from: 'kafka-clicks', to: 'kafka-conversions', kind: 'forward' },
      ],
    });
    expect(split.get('kafka-impressions')).toBe(split.get('deserialize-impressions'));
    expect(split.get('kafka-impressions')).not.toBe(split.get('kafka-clicks'));
  });
});
