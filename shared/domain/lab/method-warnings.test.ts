import { describe, expect, it } from 'vitest';
import type { ExperimentParams } from '../../contract/lab-entities';
import { methodWarnings, type WarningInput } from './method-warnings';
import { facts, leaking, params, SEED_FIX } from './test-facts';

type ExperimentInput = WarningInput['experiments'][number];

const experiment = (
  seq: number,
  diff: ExperimentInput['diff'] = [],
  extra: Partial<Omit<ExperimentInput, 'params'>> & { params?: Partial<ExperimentParams> } = {},
): ExperimentInput => ({
  id: `exp-${seq}`,
  seq,
  multiChangeConfirmed: false,
  diff,
  ...extra,
  params: params(extra.params),
});

const hypothesis = (createdAt: number) => ({
  id: `hyp-${createdAt}`,
  statement: "Layer 2's RPC buffers leak",
  createdAt,
});

describe('methodWarnings', () => {
  it('warns about a hypothesis written before anything failed', () => {
    // The leaking run started at 1000 (run #1).
    const warnings = methodWarnings({
      hypotheses: [hypothesis(500), hypothesis(1500)],
      experiments: [],
      runs: [leaking({ seq: 1 })],
    });
    expect(warnings).toEqual([
      {
        ruleId: 'make-it-fail',
        message:
          "“Layer 2's RPC buffers leak” was written before anything was made to fail: look first, then theorise.",
        refs: ['hyp-500'],
      },
    ]);
  });

  it('counts OOMs as a failure even without a staircase, and warns while nothing has failed yet', () => {
    const oomOnly = methodWarnings({
      hypotheses: [hypothesis(5000)],
      experiments: [],
      runs: [facts({ seq: 2, ooms: 3 })],
    });
    expect(oomOnly).toEqual([]);
    const nothingFailed = methodWarnings({
      hypotheses: [hypothesis(5000)],
      experiments: [],
      runs: [facts({ seq: 1 })],
    });
    expect(nothingFailed.map((w) => w.ruleId)).toEqual(['make-it-fail']);
  });

  it('warns about an experiment that changed more than one thing', () => {
    const changes = [
      { dimension: 'topology', description: 'removed layer 3' },
      { dimension: 'pauseSink', description: 'sink pause 600-900 s' },
    ];
    const warnings = methodWarnings({
      hypotheses: [],
      experiments: [experiment(1), experiment(2, changes, { multiChangeConfirmed: true })],
      runs: [],
    });
    expect(warnings).toEqual([
      {
        ruleId: 'change-one-thing',
        message:
          'Experiment #2 changed 2 things at once (removed layer 3; sink pause 600-900 s): its result cannot say which one mattered.',
        refs: ['exp-2'],
      },
    ]);
  });

  it('warns about a fix no run has verified, until one completes', () => {
    const fix = experiment(2, [{ dimension: 'fixes', description: `applied fix ${SEED_FIX}` }], {
      params: { fixes: [SEED_FIX] },
    });
    const unverified = methodWarnings({ hypotheses: [], experiments: [fix], runs: [] });
    expect(unverified).toEqual([
      {
        ruleId: 'verify-the-fix',
        message:
          "Experiment #2 applies a fix that no run has verified yet: if you didn't test it, it ain't fixed.",
        refs: ['exp-2'],
      },
    ]);
    const cancelled = facts({ seq: 2, experimentSeq: 2, status: 'cancelled' });
    expect(methodWarnings({ hypotheses: [], experiments: [fix], runs: [cancelled] })).toHaveLength(1);
    const verified = facts({ seq: 2, experimentSeq: 2 });
    expect(methodWarnings({ hypotheses: [], experiments: [fix], runs: [verified] })).toEqual([]);
    // Removing a fix (the B of A/B/A) is not a fix to verify.
    const unfix = experiment(3, [{ dimension: 'fixes', description: `removed fix ${SEED_FIX}` }]);
    expect(methodWarnings({ hypotheses: [], experiments: [unfix], runs: [] })).toEqual([]);
  });
});
