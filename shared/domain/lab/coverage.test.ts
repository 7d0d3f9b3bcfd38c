import { describe, expect, it } from 'vitest';
import { implicatedCoverage, operatorCoverage, suspects } from './coverage';
import { facts, leaking, operatorsOfLayer, SEED_FIX, SEED_OPERATORS, seedStory } from './test-facts';

const statusOf = (coverage: ReturnType<typeof operatorCoverage>) =>
  Object.fromEntries(coverage.map((entry) => [entry.operator, entry.status]));
const byLayer = (coverage: ReturnType<typeof operatorCoverage>, layer: string) =>
  coverage.filter((entry) => entry.layer === layer).map((entry) => entry.status);

describe('operatorCoverage along the seed', () => {
  it('implicates the layer-3 operators and clears layers 1 and 2', () => {
    const coverage = operatorCoverage(SEED_OPERATORS, seedStory().slice(0, 5));
    expect(byLayer(coverage, 'layer1')).toEqual(Array(6).fill('cleared'));
    expect(byLayer(coverage, 'layer2')).toEqual(Array(3).fill('cleared'));
    expect(byLayer(coverage, 'layer3')).toEqual(Array(4).fill('implicated'));
    const map = coverage.find((entry) => entry.operator === 'currency-convert')!;
    expect(map.reason).toBe(
      'present in every leaking run (run #1, run #5); without it run #3, run #4 did not leak',
    );
    expect(map.runIds).toEqual(['run-1', 'run-5', 'run-3', 'run-4']);
    expect(coverage.find((entry) => entry.operator === 'kvstore-enrich')!.reason).toBe(
      'ran without a leak in run #4',
    );
    expect(suspects(coverage)).toEqual(operatorsOfLayer('layer3'));
  });

  it('does not let runs with the fix applied clear anything', () => {
    // Runs 6 and 8 are the whole job with the fix, flat: counted, they would clear every operator.
    const coverage = operatorCoverage(SEED_OPERATORS, seedStory());
    expect(byLayer(coverage, 'layer3')).toEqual(Array(4).fill('implicated'));
  });

  it('does not let the control job implicate anything (it has none of the operators)', () => {
    const coverage = operatorCoverage(SEED_OPERATORS, seedStory().slice(0, 2));
    expect(new Set(coverage.map((entry) => entry.status))).toEqual(new Set(['tested']));
    expect(coverage[0]!.reason).toBe('ran in run #1; not yet cleared');
  });

  it('ignores runs with a defect switched by hand', () => {
    const coverage = operatorCoverage(SEED_OPERATORS, [
      leaking({ seq: 1 }),
      facts({ seq: 2, params: { defects: { 'map-not-freed-in-close': false } } }),
    ]);
    expect(new Set(coverage.map((entry) => entry.status))).toEqual(new Set(['tested']));
  });
});

describe('operatorCoverage statuses', () => {
  it('leaves every operator untested before any run', () => {
    const coverage = operatorCoverage(SEED_OPERATORS, []);
    expect(coverage).toHaveLength(SEED_OPERATORS.length);
    expect(coverage[0]).toEqual({
      operator: 'kafka-impressions',
      layer: 'layer1',
      status: 'untested',
      reason: 'no run has included or removed it yet',
      runIds: [],
    });
  });

  it('marks operators peeled in an inconclusive run peeled, and those that ran tested', () => {
    // No restart: the calm run proves nothing, so nothing is cleared or implicated.
    const coverage = operatorCoverage(SEED_OPERATORS, [
      facts({ seq: 1, params: { removed: ['layer3'] }, restarts: 0 }),
    ]);
    expect(byLayer(coverage, 'layer3')).toEqual(Array(4).fill('peeled'));
    expect(byLayer(coverage, 'layer1')).toEqual(Array(6).fill('tested'));
    expect(coverage.find((entry) => entry.operator === 'druid-sink')!.reason).toBe('removed in run #1');
  });

  it('only counts completed runs', () => {
    const coverage = operatorCoverage(SEED_OPERATORS, [
      leaking({ seq: 1, status: 'failed' }),
      facts({ seq: 2, status: 'cancelled', params: { removed: ['layer3'] } }),
    ]);
    expect(new Set(coverage.map((entry) => entry.status))).toEqual(new Set(['untested']));
  });

  it('does not implicate an operator that is missing from one of the leaking runs', () => {
    const coverage = statusOf(
      operatorCoverage(SEED_OPERATORS, [
        ...seedStory().slice(0, 5),
        leaking({ seq: 6, params: { removed: ['aggregate-spend'] } }),
      ]),
    );
    expect(coverage['aggregate-spend']).toBe('peeled');
    expect(coverage['currency-convert']).toBe('implicated');
  });

  it('keeps a cleared operator cleared even when a later run leaks with it', () => {
    const coverage = statusOf(
      operatorCoverage(SEED_OPERATORS, [
        facts({ seq: 1, params: { removed: ['layer3'] } }),
        leaking({ seq: 2 }),
        leaking({ seq: 3, params: { fixes: [SEED_FIX] } }),
      ]),
    );
    expect(coverage['kvstore-enrich']).toBe('cleared');
    expect(coverage['currency-convert']).toBe('implicated');
  });
});

describe('implicatedCoverage', () => {
  /** The implicated entries of the whole map, their sentence left out. */
  const fromWholeMap = (runs: ReturnType<typeof seedStory>) =>
    operatorCoverage(SEED_OPERATORS, runs)
      .filter((entry) => entry.status === 'implicated')
      .map((entry) => ({ ...entry, reason: '' }));

  it('gives the implicated entries of the whole map, run after run of the seed and in any order', () => {
    const story = seedStory();
    for (let n = 0; n <= story.length; n++) {
      const runs = story.slice(0, n);
      expect(implicatedCoverage(SEED_OPERATORS, runs)).toEqual(fromWholeMap(runs));
      expect(implicatedCoverage(SEED_OPERATORS, [...runs].reverse())).toEqual(
        fromWholeMap([...runs].reverse()),
      );
    }
    expect(implicatedCoverage(SEED_OPERATORS, story.slice(0, 5)).map((entry) => entry.operator)).toEqual(
      operatorsOfLayer('layer3'),
    );
  });

  it('implicates nothing once a clean run had the operator, or a leaking run lacked it', () => {
    const runs = [
      ...seedStory().slice(0, 5),
      leaking({ seq: 9, params: { removed: ['layer3'] }, operators: operatorsOfLayer('layer1') }),
    ];
    expect(implicatedCoverage(SEED_OPERATORS, runs)).toEqual(fromWholeMap(runs));
    expect(implicatedCoverage(SEED_OPERATORS, runs)).toEqual([]);
    const cleared = [...seedStory().slice(0, 5), facts({ seq: 9 })];
    expect(implicatedCoverage(SEED_OPERATORS, cleared)).toEqual(fromWholeMap(cleared));
  });
});
