import { describe, expect, it } from 'vitest';
import { operatorCoverage } from './coverage';
import { fixProof } from './fix-proof';
import { type NextStepInput, suggestNextStep } from './next-step';
import type { RunFacts } from './run-facts';
import { facts, leaking, SEED_FIX, SEED_OPERATORS, SEED_SCENARIO, seedStory } from './test-facts';

/** The lab as it stands after `runs` (each on its own experiment, as the seed's engineers worked). */
function stage(runs: RunFacts[], extra: Partial<NextStepInput> = {}): NextStepInput {
  const experiments: NextStepInput['experiments'][number][] = [
    { id: 'exp-1', seq: 1, parentId: null, params: runs[0]?.params ?? facts().params },
  ];
  for (const run of runs)
    if (!experiments.some((e) => e.id === run.experimentId))
      experiments.push({
        id: run.experimentId,
        seq: run.experimentSeq,
        parentId: 'exp-1',
        params: run.params,
      });
  return {
    scenarioId: SEED_SCENARIO,
    scenarioOperators: SEED_OPERATORS,
    fixIds: [SEED_FIX],
    experiments,
    runs,
    coverage: operatorCoverage(SEED_OPERATORS, runs),
    proof: fixProof(runs),
    preflightDone: true,
    resolved: false,
    ...extra,
  };
}

const seed = seedStory();

describe('suggestNextStep along the seed story', () => {
  it('asks for the system first', () => {
    const next = suggestNextStep(stage([], { scenarioId: null, experiments: [] }));
    expect(next).toMatchObject({ ruleId: 'understand-the-system', title: 'Pick the system', derive: null });
  });

  it('offers the baseline as one click when there is no experiment', () => {
    const next = suggestNextStep(stage([], { experiments: [] }));
    expect(next).toMatchObject({
      ruleId: 'make-it-fail',
      title: 'Make it fail',
      derive: { fromExperimentId: null, changes: {}, label: 'baseline' },
    });
  });

  it('checks the plug before the first run', () => {
    const next = suggestNextStep(stage([], { preflightDone: false }));
    expect(next).toMatchObject({ ruleId: 'check-the-plug', title: 'Check the plug' });
  });

  it('asks for the baseline run once the preflight is done', () => {
    const next = suggestNextStep(stage([]));
    expect(next).toMatchObject({ ruleId: 'make-it-fail', title: 'Run the baseline' });
    // A peeled or fixed run is not a baseline.
    expect(suggestNextStep(stage([facts({ seq: 1, params: { removed: ['layer3'] } })])).title).toBe(
      'Run the baseline',
    );
  });

  it('asks to make it fail harder when the baseline stays flat', () => {
    const next = suggestNextStep(stage([facts({ seq: 1 })]));
    expect(next.title).toBe('Make it fail harder');
    expect(next.detail).toMatch(/^Run #1 shows flat: /);
  });

  it('runs the control job once the baseline leaks', () => {
    const next = suggestNextStep(stage(seed.slice(0, 1)));
    expect(next).toMatchObject({
      ruleId: 'divide-and-conquer',
      title: 'Run the control job',
      derive: { fromExperimentId: 'exp-1', changes: { control: true }, label: 'control job' },
    });
  });

  it('hands a leaking control job to the platform team', () => {
    const next = suggestNextStep(stage([seed[0]!, leaking({ seq: 2, params: { control: true } })]));
    expect(next).toMatchObject({ ruleId: 'get-a-fresh-view', title: 'The platform leaks too' });
    expect(next.detail).toMatch(/run #2/);
  });

  it('peels layers 2 and 3 after a flat control job, from the baseline, as one click', () => {
    const next = suggestNextStep(stage(seed.slice(0, 2)));
    expect(next).toMatchObject({
      ruleId: 'divide-and-conquer',
      title: 'Peel layer 2, layer 3',
      derive: {
        fromExperimentId: 'exp-1',
        changes: { removed: ['layer2', 'layer3'] },
        label: 'removed layer 2, layer 3',
      },
    });
    expect(next.detail).toBe(
      '13 suspects left; removing layer 2, layer 3 takes out 7 and keeps 6. Same failure schedule, one change.',
    );
  });

  it('peels layer 3 once layers 2 and 3 removed stay flat', () => {
    const next = suggestNextStep(stage(seed.slice(0, 3)));
    expect(next.title).toBe('Peel layer 3');
    expect(next.derive?.changes).toEqual({ removed: ['layer3'] });
  });

  it('peels single operators of layer 3 once the leak is confined to it', () => {
    const next = suggestNextStep(stage(seed.slice(0, 5)));
    expect(next.title).toBe('Peel aggregate-spend');
    expect(next.derive?.changes).toEqual({ removed: ['aggregate-spend'] });
  });

  it('does not propose a cut again that was run and still leaked', () => {
    const runs = [...seed.slice(0, 5), leaking({ seq: 6, params: { removed: ['aggregate-spend'] } })];
    const next = suggestNextStep(stage(runs));
    expect(next.derive?.changes).not.toEqual({ removed: ['aggregate-spend'] });
    expect(next.title).toBe('Peel currency-convert');
  });

  it('asks for the fix on the experiment that made it fail once one operator is implicated', () => {
    const runs = [...seed.slice(0, 5), facts({ seq: 6, params: { removed: ['currency-convert'] } })];
    const next = suggestNextStep(stage(runs));
    expect(next).toMatchObject({
      ruleId: 'verify-the-fix',
      title: 'Fix it and re-run the same experiment',
      derive: { fromExperimentId: 'exp-1', changes: { fixes: [SEED_FIX] }, label: `applied fix ${SEED_FIX}` },
    });
    expect(next.detail).toBe(
      "The leak sits in currency-convert. Apply the fix and re-run run #1's experiment.",
    );
    // A scenario without a known fix still gets the advice, without a one-click derivation.
    expect(suggestNextStep(stage(runs, { fixIds: [] })).derive).toBeNull();
  });

  it('asks to complete the A/B/A proof, saying what is missing', () => {
    const runs = [...seed.slice(0, 5), facts({ seq: 6, params: { removed: ['currency-convert'] } })];
    const withFix = [...runs, facts({ seq: 7, params: { fixes: [SEED_FIX] } })];
    const next = suggestNextStep(stage(withFix));
    expect(next.title).toBe('Complete the A/B/A proof');
    expect(next.detail).toBe(fixProof(withFix).missing);
    expect(next.detail).toMatch(/^Missing: without the fix/);
  });

  it("moves on to the proof once the seed's fix is verified, without peeling layer 3 further", () => {
    for (const upTo of [6, 7]) {
      const next = suggestNextStep(stage(seed.slice(0, upTo)));
      expect(next.title, `after run #${upTo}`).toBe('Complete the A/B/A proof');
      expect(next.detail).toBe(fixProof(seed.slice(0, upTo)).missing);
    }
  });

  it('offers to resolve a proven fix even where the method skipped the control job and the preflight', () => {
    const proven = [seed[0]!, ...seed.slice(5)];
    expect(suggestNextStep(stage(proven, { preflightDone: false })).title).toBe('Mark it resolved');
    expect(suggestNextStep(stage(proven.slice(0, 2), { preflightDone: false })).title).toBe(
      'Complete the A/B/A proof',
    );
  });

  it('offers to resolve once the proof is complete, then to hand it over', () => {
    const next = suggestNextStep(stage(seed));
    expect(next).toMatchObject({ ruleId: 'verify-the-fix', title: 'Mark it resolved', derive: null });
    const after = suggestNextStep(stage(seed, { resolved: true }));
    expect(after).toMatchObject({ ruleId: 'get-a-fresh-view', title: 'Hand it over' });
  });

  it('gives every step that is not a derivation its one-click action', () => {
    const action = (input: NextStepInput) => suggestNextStep(input).action;
    expect(action(stage([], { preflightDone: false }))).toEqual({
      kind: 'preflight',
      label: 'Check the plug on #1',
      experimentId: 'exp-1',
      fixId: null,
    });
    expect(action(stage([]))).toMatchObject({
      kind: 'run',
      experimentId: 'exp-1',
      label: 'Run experiment #1',
    });
    expect(action(stage([facts({ seq: 1 })]))).toMatchObject({ kind: 'open-derive', experimentId: 'exp-1' });
    // The proof: without the fix on the experiment whose fixed run passed, then with it again on the unfixed one.
    expect(action(stage(seed.slice(0, 6)))).toEqual({
      kind: 'remove-fix',
      label: 'Run without fix free-map-in-close',
      experimentId: 'exp-6',
      fixId: SEED_FIX,
    });
    expect(action(stage(seed.slice(0, 7)))).toMatchObject({
      kind: 'apply-fix',
      experimentId: 'exp-7',
      fixId: SEED_FIX,
    });
    expect(action(stage(seed))).toMatchObject({ kind: 'resolve' });
    expect(action(stage(seed, { resolved: true }))).toMatchObject({ kind: 'export' });
    // A derivation is its own click.
    expect(action(stage([leaking({ seq: 1 })]))).toBeNull();
  });
});
