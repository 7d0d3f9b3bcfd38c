import { describe, expect, it } from 'vitest';
import type { ExperimentParams } from '../../contract/lab-entities';
import { diffExperimentParams, labelFromDiff } from './experiment-diff';
import { params, SEED_FIX } from './test-facts';

const diff = (parent: Partial<ExperimentParams>, child: Partial<ExperimentParams>) =>
  diffExperimentParams(params(parent), params(child));

describe('diffExperimentParams', () => {
  it('finds nothing for a root, or for a child equal to its parent', () => {
    expect(diffExperimentParams(null, params())).toEqual([]);
    expect(diff({}, {})).toEqual([]);
    // Key order in the overrides is not a change.
    expect(diff({ configOverrides: { a: '1', b: '2' } }, { configOverrides: { b: '2', a: '1' } })).toEqual(
      [],
    );
  });

  it('describes a cut of several layers as one change, and restoring as well', () => {
    expect(diff({}, { removed: ['layer2', 'layer3'] })).toEqual([
      { dimension: 'topology', description: 'removed layer 2, layer 3' },
    ]);
    expect(diff({}, { removed: ['layer1', 'layer2', 'layer3'] })).toEqual([
      { dimension: 'topology', description: 'removed layer 1, layer 2, layer 3' },
    ]);
    expect(diff({ removed: ['layer2', 'layer3'] }, { removed: ['layer3'] })).toEqual([
      { dimension: 'topology', description: 'restored layer 2' },
    ]);
    expect(diff({ removed: ['layer3'] }, { removed: ['layer2'] })).toEqual([
      { dimension: 'topology', description: 'removed layer 2, restored layer 3' },
    ]);
    expect(diff({}, { removed: ['layer2', 'currency-convert'] })).toEqual([
      { dimension: 'topology', description: 'removed layer 2, currency-convert' },
    ]);
  });

  it('describes the control job as one change, whatever was peeled before', () => {
    expect(diff({}, { control: true })).toEqual([
      { dimension: 'control', description: 'ran the control job' },
    ]);
    expect(diff({ removed: ['layer3'] }, { removed: [], control: true })).toEqual([
      { dimension: 'control', description: 'ran the control job' },
    ]);
    expect(diff({ control: true }, {})).toEqual([
      { dimension: 'control', description: 'back to the full job' },
    ]);
  });

  it('describes fixes applied and removed', () => {
    expect(diff({}, { fixes: [SEED_FIX] })).toEqual([
      { dimension: 'fixes', description: 'applied fix free-map-in-close' },
    ]);
    expect(diff({ fixes: [SEED_FIX] }, {})).toEqual([
      { dimension: 'fixes', description: 'removed fix free-map-in-close' },
    ]);
    expect(diff({ fixes: ['a'] }, { fixes: ['b'] })).toEqual([
      { dimension: 'fixes', description: 'applied fix b, removed fix a' },
    ]);
  });

  it('describes defects switched by hand', () => {
    expect(diff({}, { defects: { 'map-not-freed-in-close': false } })).toEqual([
      { dimension: 'defects', description: 'defect map-not-freed-in-close off' },
    ]);
    expect(diff({ defects: { 'map-not-freed-in-close': false } }, {})).toEqual([
      { dimension: 'defects', description: 'defect map-not-freed-in-close as the scenario has it' },
    ]);
    expect(diff({}, { defects: { x: true } })[0]?.description).toBe('defect x on');
  });

  it('describes the failure schedule in words', () => {
    const every = (from: number, step: number, n: number, who: { count?: number; names?: string[] }) =>
      Array.from({ length: n }, (_, i) => ({ atSec: from + i * step, ...who }));
    expect(diff({}, { failContainers: every(600, 600, 11, { names: ['tm-2'] }) })).toEqual([
      { dimension: 'failContainers', description: '11 shutdowns of tm-2 every 600 s from 600 s' },
    ]);
    expect(diff({}, { failContainers: every(900, 900, 3, { count: 2 }) })[0]?.description).toBe(
      '3 shutdowns of 2 containers every 900 s from 900 s',
    );
    expect(
      diff({}, { failContainers: [{ atSec: 100 }, { atSec: 250 }, { atSec: 300 }] })[0]?.description,
    ).toBe('container shutdowns at 100 s, 250 s, 300 s');
    expect(
      diff({}, { failContainers: [1, 2, 4, 8, 16, 32, 64].map((atSec) => ({ atSec })) })[0]?.description,
    ).toBe('container shutdowns at 1 s, 2 s, 4 s, 8 s, 16 s, 32 s, …');
    expect(diff({}, { failContainers: [] })).toEqual([
      { dimension: 'failContainers', description: 'no container shutdowns' },
    ]);
  });

  it('describes sink pauses and payload spikes', () => {
    expect(diff({}, { pauseSink: [{ fromSec: 600, toSec: 900, slowdown: 0 }] })).toEqual([
      { dimension: 'pauseSink', description: 'sink pause 600-900 s' },
    ]);
    expect(diff({ pauseSink: [{ fromSec: 600, toSec: 900, slowdown: 0 }] }, {})).toEqual([
      { dimension: 'pauseSink', description: 'no sink pause' },
    ]);
    expect(diff({}, { payloadSpikes: [{ fromSec: 100, toSec: 200, factor: 8 }] })).toEqual([
      { dimension: 'payloadSpikes', description: 'payload spikes 100-200 s' },
    ]);
  });

  it('describes scenario, variant, duration, parallelism and seed', () => {
    expect(diff({}, { scenario: 'rpc-payload-spikes' })).toEqual([
      { dimension: 'scenario', description: 'scenario offheap-map-leak → rpc-payload-spikes' },
    ]);
    expect(diff({}, { variant: 'explicit-gc' })).toEqual([
      { dimension: 'variant', description: 'variant none → explicit-gc' },
    ]);
    expect(diff({}, { hours: 2 })).toEqual([{ dimension: 'hours', description: 'duration 6 h → 2 h' }]);
    expect(diff({}, { parallelism: 2 })).toEqual([
      { dimension: 'parallelism', description: 'parallelism 8 → 2' },
    ]);
    expect(diff({}, { seed: 7 })).toEqual([{ dimension: 'seed', description: 'seed 1 → 7' }]);
  });

  it('describes the Flink keys changed, all keys as one change', () => {
    expect(
      diff(
        { configOverrides: { 'taskmanager.memory.network.max': '2g' } },
        {
          configOverrides: {
            'taskmanager.memory.network.max': '5g',
            'taskmanager.memory.task.off-heap.size': '5g',
          },
        },
      ),
    ).toEqual([
      {
        dimension: 'config',
        description:
          'taskmanager.memory.network.max: 2g → 5g; taskmanager.memory.task.off-heap.size: (scenario) → 5g',
      },
    ]);
    // An empty value is a setting (explicit GC allowed), not nothing.
    expect(diff({}, { configOverrides: { 'env.java.opts': '' } })[0]?.description).toBe(
      "env.java.opts: (scenario) → ''",
    );
  });

  it('lists every change when several things change at once', () => {
    const changes = diff({}, { removed: ['layer3'], pauseSink: [{ fromSec: 600, toSec: 900, slowdown: 0 }] });
    expect(changes.map((change) => change.dimension)).toEqual(['topology', 'pauseSink']);
    expect(labelFromDiff(changes)).toBe('removed layer 3; sink pause 600-900 s');
  });
});

describe('labelFromDiff', () => {
  it('labels a root "baseline" and a derived experiment by its change', () => {
    expect(labelFromDiff([])).toBe('baseline');
    expect(labelFromDiff(diff({}, { control: true }))).toBe('ran the control job');
  });
});
