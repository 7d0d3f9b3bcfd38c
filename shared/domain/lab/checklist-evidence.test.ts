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
    { id: 'schedule', label: '', ok: true, detail: 'dry run: 1 container shut down' },
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
    lastExperimentId: 'exp-1',
    ...extra,
  };
}

const byItem = (evidence: ReturnType<typeof checklistEvidence>) =>
  Object.fromEntries(evidence.map((entry) => [entry.itemId, entry]));
const ticks = (evidence: ReturnType<typeof checklistEvidence>) =>
  evidence.filter((entry) => entry.mode === 'tick').map((entry) => entry.itemId);
const fromRun = (seq: number) => ({ kind: 'run.completed', subjectId: `run-${seq}` });

describe('checklistEvidence', () => {
  it('ticks nothing for a scenario with nothing run: the topology is only suggested', () => {
    expect(checklistEvidence(input([]))).toEqual([
      {
        itemId: 'understand.topology',
        description:
          'the topology of offheap-map-leak is drawn in the lab: go through every operator, its layer and its memory',
        runIds: [],
        mode: 'suggest',
        source: null,
        eventSeq: null,
      },
    ]);
    expect(checklistEvidence(input([], { scenarioId: null }))).toEqual([]);
  });

  it('before any run, ticks only what the preflight established; the baseline and the schedule wait for a run', () => {
    const evidence = checklistEvidence(input([], { preflight: PREFLIGHT }));
    expect(ticks(evidence).sort()).toEqual(['plug.gc-flags', 'plug.memory-settings']);
    const entries = byItem(evidence);
    expect(entries['plug.memory-settings']).toMatchObject({
      description: 'preflight: -XX:MaxDirectMemorySize=1g',
      source: { kind: 'experiment.preflight', subjectId: null },
    });
    expect(entries['plug.baseline']).toBeUndefined();
    expect(entries['plug.failures-fired']).toBeUndefined();
    // The metric and the memory model are a person's to confirm.
    expect(entries['plug.right-metric']?.mode).toBe('suggest');
    expect(entries['understand.memory-model']?.mode).toBe('suggest');
  });

  it('ticks the make-it-fail items from the run that leaked, and only suggests looking at it', () => {
    const paused = facts({ seq: 2, sinkPausesFired: 1, shutdownsFired: 0, restarts: 0 });
    const evidence = checklistEvidence(input([leaking({ seq: 1, ooms: 12 }), paused]));
    const entries = byItem(evidence);
    expect(entries['fail.restarts']).toEqual({
      itemId: 'fail.restarts',
      description: 'run #1 shut containers down 11×',
      runIds: ['run-1'],
      mode: 'tick',
      source: fromRun(1),
      eventSeq: null,
    });
    expect(entries['fail.reproduced']?.description).toBe('run #1: 12 OOMs, verdict leak');
    expect(entries['fail.fast']?.description).toBe('run #1 reproduced it in 6 simulated hours');
    expect(entries['look.staircase']).toMatchObject({ mode: 'tick', source: fromRun(1) });
    expect(entries['fail.back-pressure']).toMatchObject({
      description: 'run #2 paused the sink',
      mode: 'tick',
      source: fromRun(2),
    });
    // Nobody has read the messages or looked at the graphs yet: suggested, pointing at the run.
    for (const item of ['look.events', 'look.direct-graph', 'look.back-pressure'])
      expect(entries[item]?.mode, item).toBe('suggest');
    expect(entries['look.events']).toMatchObject({
      description: 'read the 12 OOM messages in the events table of run #1',
      runIds: ['run-1'],
    });
  });

  it('ticks the baseline from the first run of the job as written, not from a control, peeled or fixed one', () => {
    const runs = [
      facts({ seq: 1, params: { control: true } }),
      facts({ seq: 2, params: { removed: ['layer3'] } }),
      facts({ seq: 3, params: { fixes: ['free-map-in-close'] } }),
    ];
    expect(byItem(checklistEvidence(input(runs)))['plug.baseline']).toBeUndefined();
    const withBaseline = byItem(checklistEvidence(input([...runs, leaking({ seq: 4 })])));
    expect(withBaseline['plug.baseline']).toMatchObject({
      description: 'run #4 ran the job as written: leak',
      source: fromRun(4),
      mode: 'tick',
    });
  });

  it('ticks that the failures fired only from a run where every scheduled shutdown and pause fired', () => {
    const pauses = [{ fromSec: 600, toSec: 900, slowdown: 0 }];
    const short = facts({ seq: 1, shutdownsFired: 10 });
    const noPause = facts({ seq: 2, params: { pauseSink: pauses }, sinkPausesFired: 0 });
    const calm = facts({ seq: 3, params: { failContainers: [] }, shutdownsFired: 0 });
    expect(byItem(checklistEvidence(input([short, noPause, calm])))['plug.failures-fired']).toBeUndefined();
    const all = facts({ seq: 4, params: { pauseSink: pauses }, sinkPausesFired: 1 });
    expect(byItem(checklistEvidence(input([short, all])))['plug.failures-fired']).toMatchObject({
      description: 'run #4: all 11 scheduled container shutdowns fired and all 1 sink pauses began',
      source: fromRun(4),
    });
    // A shutdown scheduled after the run ends is not asked of it; a named shutdown counts every name.
    const named = facts({
      seq: 5,
      params: { hours: 1, failContainers: [{ atSec: 600, names: ['tm-1', 'tm-2'] }, { atSec: 7200 }] },
      shutdownsFired: 2,
    });
    expect(byItem(checklistEvidence(input([named])))['plug.failures-fired']?.description).toBe(
      'run #5: all 2 scheduled container shutdowns fired',
    );
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
    expect(evidence['divide.control']).toMatchObject({
      description: 'control job run #2: flat',
      runIds: ['run-2'],
      source: fromRun(2),
    });
    expect(evidence['divide.peeled']).toMatchObject({
      description: '3 runs with layers or operators removed',
      runIds: ['run-3', 'run-4', 'run-5'],
      source: fromRun(5),
    });
    expect(evidence['divide.isolated']).toMatchObject({
      description: 'the leak sits in layer3',
      runIds: ['run-1', 'run-3', 'run-4', 'run-5'],
      source: fromRun(5),
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

  it('ticks single-diff only with two or more experiments, none changing several things, from the newest', () => {
    expect(
      byItem(checklistEvidence(input([], { experimentCount: 4, lastExperimentId: 'exp-4' })))[
        'one-change.single-diff'
      ],
    ).toMatchObject({
      description: 'all 4 experiments change one thing from their parent',
      source: { kind: 'experiment.created', subjectId: 'exp-4' },
    });
    const multi = input([], { experimentCount: 4, experimentsWithMultipleChanges: 1 });
    expect(byItem(checklistEvidence(multi))['one-change.single-diff']).toBeUndefined();
    expect(byItem(checklistEvidence(input([])))['one-change.single-diff']).toBeUndefined();
  });

  it('ticks no plug item from a preflight check that failed', () => {
    const failing: Preflight = {
      ...PREFLIGHT,
      checks: PREFLIGHT.checks.map((check) => ({ ...check, ok: false })),
    };
    expect(ticks(checklistEvidence(input([], { preflight: failing })))).toEqual([]);
  });

  it('ticks the verify items from the A/B/A proof, the last proof run proving the whole', () => {
    const runs = seedStory();
    const evidence = byItem(checklistEvidence(input(runs)));
    expect(evidence['verify.same-experiment']).toMatchObject({
      description: 'run #6 with free-map-in-close: flat',
      runIds: ['run-6'],
      source: fromRun(6),
    });
    expect(evidence['verify.ab-ab']).toMatchObject({
      runIds: ['run-6', 'run-7', 'run-8'],
      source: fromRun(8),
    });
    const partial = byItem(checklistEvidence(input(runs.slice(0, 6))));
    expect(partial['verify.same-experiment']).toBeDefined();
    expect(partial['verify.ab-ab']).toBeUndefined();
    const noProof: FixProof = fixProof([]);
    expect(
      byItem(checklistEvidence(input(runs, { proof: noProof })))['verify.same-experiment'],
    ).toBeUndefined();
  });

  it('names only checklist items that exist, and every tick has an event to find', () => {
    const runs = [...seedStory(), facts({ seq: 9, sinkPausesFired: 2 })];
    const evidence = checklistEvidence(input(runs, { preflight: PREFLIGHT, experimentCount: 8 }));
    expect(evidence.length).toBeGreaterThan(15);
    for (const entry of evidence) {
      expect(findChecklistItem(entry.itemId), entry.itemId).toBeDefined();
      if (entry.mode === 'tick') expect(entry.source, entry.itemId).not.toBeNull();
    }
    // Judgement items are never ticked, whatever the evidence.
    for (const item of ['look.events', 'look.direct-graph', 'look.back-pressure', 'plug.right-metric'])
      expect(ticks(evidence)).not.toContain(item);
  });
});
