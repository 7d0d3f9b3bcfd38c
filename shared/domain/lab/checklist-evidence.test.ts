import { describe, expect, it } from 'vitest';
import type { FixProof, Preflight } from '../../contract/lab-entities';
import { findChecklistItem } from '../rules';
import { checklistEvidence, type EvidenceInput } from './checklist-evidence';
import { operatorCoverage } from './coverage';
import { fixProof } from './fix-proof';
import type { RunFacts } from './run-facts';
import { facts, leaking, SEED_OPERATORS, SEED_SCENARIO, seedStory } from './test-facts';

const PREFLIGHT: Preflight = {
  at: 1,
  experimentId: 'exp-1',
  checks: [
    { id: 'config', label: '', ok: true, detail: '-XX:MaxDirectMemorySize=1g' },
    { id: 'metric', label: '', ok: true, detail: 'direct, not heap' },
    { id: 'baseline', label: '', ok: true, detail: 'run #1 is the baseline' },
    { id: 'schedule', label: '', ok: false, detail: 'no container shutdowns are scheduled' },
    { id: 'gc-flags', label: '', ok: true, detail: '-XX:+DisableExplicitGC is set' },
  ],
};

function input(runs: RunFacts[], extra: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    scenarioId: SEED_SCENARIO,
    runs,
    coverage: operatorCoverage(SEED_OPERATORS, runs),
    proof: fixProof(runs),
    preflight: null,
    experimentsWithMultipleChanges: 0,
    experimentCount: 1,
    ...extra,
  };
}

const byItem = (evidence: ReturnType<typeof checklistEvidence>) =>
  Object.fromEntries(evidence.map((entry) => [entry.itemId, entry]));

describe('checklistEvidence', () => {
  it('has only the topology item for a scenario with nothing run', () => {
    expect(checklistEvidence(input([]))).toEqual([
      {
        itemId: 'understand.topology',
        description: 'scenario offheap-map-leak: topology diagram with memory per operator',
        runIds: [],
      },
    ]);
    expect(checklistEvidence(input([], { scenarioId: null }))).toEqual([]);
  });

  it('ticks the make-it-fail and look items from the baseline that leaked', () => {
    const paused = facts({ seq: 2, sinkPausesFired: 1, shutdownsFired: 0, restarts: 0 });
    const evidence = byItem(checklistEvidence(input([leaking({ seq: 1, ooms: 12 }), paused])));
    expect(evidence['fail.restarts']).toEqual({
      itemId: 'fail.restarts',
      description: 'run #1 shut containers down 11×',
      runIds: ['run-1'],
    });
    expect(evidence['fail.reproduced']?.description).toBe('run #1: 12 OOMs, verdict leak');
    expect(evidence['fail.fast']?.description).toBe('run #1 reproduced it in 6 simulated hours');
    expect(evidence['look.direct-graph']?.runIds).toEqual(['run-1']);
    expect(evidence['look.staircase']?.description).toBe('run #1 retains memory after every restart');
    expect(evidence['look.events']?.runIds).toEqual(['run-1']);
    expect(evidence['fail.back-pressure']).toEqual({
      itemId: 'fail.back-pressure',
      description: 'run #2 paused the sink',
      runIds: ['run-2'],
    });
    expect(evidence['look.back-pressure']?.runIds).toEqual(['run-2']);
  });

  it('does not call a fixed or peeled run that leaks a reproduction, nor a calm one', () => {
    const evidence = byItem(
      checklistEvidence(
        input([
          facts({ seq: 1 }),
          leaking({ seq: 2, params: { defects: { 'map-not-freed-in-close': true } } }),
          leaking({ seq: 3, params: { control: true } }),
        ]),
      ),
    );
    expect(evidence['fail.reproduced']).toBeUndefined();
    expect(evidence['fail.fast']).toBeUndefined();
  });

  it('ticks the divide items from the control job, the peeled runs and the isolated layer', () => {
    const runs = seedStory().slice(0, 5);
    const evidence = byItem(checklistEvidence(input(runs)));
    expect(evidence['divide.control']).toEqual({
      itemId: 'divide.control',
      description: 'control job run #2: flat',
      runIds: ['run-2'],
    });
    expect(evidence['divide.peeled']).toEqual({
      itemId: 'divide.peeled',
      description: '3 runs with layers or operators removed',
      runIds: ['run-3', 'run-4', 'run-5'],
    });
    expect(evidence['divide.isolated']).toEqual({
      itemId: 'divide.isolated',
      description: 'the leak sits in layer3',
      runIds: ['run-1', 'run-3', 'run-4', 'run-5'],
    });
    const one = byItem(
      checklistEvidence(input([...runs, facts({ seq: 6, params: { removed: ['currency-convert'] } })])),
    );
    expect(one['divide.isolated']?.description).toBe('the leak sits in currency-convert');
  });

  it('does not call the leak isolated while the implicated operators span two layers', () => {
    const runs = [
      leaking({ seq: 1 }),
      facts({ seq: 2, params: { removed: ['kvstore-enrich', 'aggregate-spend'] } }),
    ];
    const coverage = operatorCoverage(SEED_OPERATORS, runs);
    expect(coverage.filter((entry) => entry.status === 'implicated').map((entry) => entry.layer)).toEqual([
      'layer2',
      'layer3',
    ]);
    expect(byItem(checklistEvidence(input(runs)))['divide.isolated']).toBeUndefined();
  });

  it('ticks single-diff only with two or more experiments, none changing several things', () => {
    expect(byItem(checklistEvidence(input([], { experimentCount: 4 })))['one-change.single-diff']).toEqual({
      itemId: 'one-change.single-diff',
      description: 'all 4 experiments change one thing from their parent',
      runIds: [],
    });
    const multi = input([], { experimentCount: 4, experimentsWithMultipleChanges: 1 });
    expect(byItem(checklistEvidence(multi))['one-change.single-diff']).toBeUndefined();
    expect(byItem(checklistEvidence(input([])))['one-change.single-diff']).toBeUndefined();
  });

  it('ticks the plug items from the preflight checks that passed', () => {
    const evidence = byItem(checklistEvidence(input([], { preflight: PREFLIGHT })));
    expect(evidence['understand.memory-model']?.description).toBe(
      'memory breakdown derived and checked in the preflight',
    );
    expect(evidence['plug.memory-settings']?.description).toBe('preflight: -XX:MaxDirectMemorySize=1g');
    expect(evidence['plug.right-metric']).toBeDefined();
    expect(evidence['plug.baseline']).toBeDefined();
    expect(evidence['plug.gc-flags']).toBeDefined();
    // The schedule check failed: no tick for it.
    expect(evidence['plug.failures-fired']).toBeUndefined();
  });

  it('ticks the verify items from the A/B/A proof', () => {
    const runs = seedStory();
    const evidence = byItem(checklistEvidence(input(runs)));
    expect(evidence['verify.same-experiment']).toEqual({
      itemId: 'verify.same-experiment',
      description: 'run #6 with free-map-in-close: flat',
      runIds: ['run-6'],
    });
    expect(evidence['verify.ab-ab']?.runIds).toEqual(['run-6', 'run-7', 'run-8']);
    const partial = byItem(checklistEvidence(input(runs.slice(0, 6))));
    expect(partial['verify.same-experiment']).toBeDefined();
    expect(partial['verify.ab-ab']).toBeUndefined();
    const noProof: FixProof = fixProof([]);
    expect(
      byItem(checklistEvidence(input(runs, { proof: noProof })))['verify.same-experiment'],
    ).toBeUndefined();
  });

  it('only names checklist items that exist', () => {
    const runs = [...seedStory(), facts({ seq: 9, sinkPausesFired: 2 })];
    const evidence = checklistEvidence(input(runs, { preflight: PREFLIGHT, experimentCount: 8 }));
    expect(evidence.length).toBeGreaterThan(15);
    for (const entry of evidence) expect(findChecklistItem(entry.itemId), entry.itemId).toBeDefined();
  });
});
