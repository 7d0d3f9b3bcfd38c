import { describe, expect, it } from 'vitest';
import { fixProof } from './fix-proof';
import { facts, leaking, SEED_FIX, seedStory } from './test-facts';

const fixed = (seq: number, extra: Parameters<typeof facts>[0] = {}) =>
  facts({ seq, ...extra, params: { fixes: [SEED_FIX], ...extra.params } });

describe('fixProof', () => {
  it('finds the A/B/A proof in the seed story, in run order', () => {
    const proof = fixProof(seedStory());
    expect(proof.complete).toBe(true);
    expect(proof.fixes).toEqual([SEED_FIX]);
    expect(proof.missing).toBeNull();
    expect(proof.steps).toEqual([
      {
        label: 'With the fix, the same experiment: the staircase is gone',
        expect: 'no-leak',
        runId: 'run-6',
        ok: true,
      },
      { label: 'Without the fix: the staircase returns', expect: 'leak', runId: 'run-7', ok: true },
      { label: 'With the fix again: gone again', expect: 'no-leak', runId: 'run-8', ok: true },
    ]);
  });

  it('says no fix has been run when there is none', () => {
    const proof = fixProof(seedStory().slice(0, 5));
    expect(proof.complete).toBe(false);
    expect(proof.fixes).toEqual([]);
    expect(proof.steps.map((step) => step.ok)).toEqual([false, false, false]);
    expect(proof.missing).toBe(
      'No fix has been run yet: apply the fix and re-run the experiment that made it fail.',
    );
  });

  it('says which step is missing, with or without the fix', () => {
    const onlyFixed = fixProof([leaking({ seq: 1 }), fixed(2)]);
    expect(onlyFixed.steps.map((step) => step.runId)).toEqual(['run-2', null, null]);
    // The baseline leaked before the fix: it does not count as "without the fix" afterwards.
    expect(onlyFixed.missing).toBe(
      'Missing: without the fix: the staircase returns (a run of the same experiment without free-map-in-close).',
    );
    const fixedThenUnfixed = fixProof([leaking({ seq: 1 }), fixed(2), leaking({ seq: 3 })]);
    expect(fixedThenUnfixed.missing).toBe(
      'Missing: with the fix again: gone again (a run of the same experiment with free-map-in-close).',
    );
    const fixDidNotWork = fixProof([leaking({ seq: 1 }), fixed(2, { verdict: 'leak', confidence: 1 })]);
    expect(fixDidNotWork.steps[0]).toMatchObject({ runId: null, ok: false });
    expect(fixDidNotWork.missing).toBe(
      'Missing: with the fix, the same experiment: the staircase is gone (a run of the same experiment with free-map-in-close).',
    );
  });

  it('does not accept the runs in the wrong order', () => {
    const proof = fixProof([leaking({ seq: 1 }), fixed(2), fixed(3), leaking({ seq: 4 })]);
    expect(proof.complete).toBe(false);
    expect(proof.steps.map((step) => step.runId)).toEqual(['run-2', 'run-4', null]);
  });

  it('does not mix runs of different setups', () => {
    // The leak came back in the layer-2-peeled job, not the experiment that was fixed.
    const proof = fixProof([fixed(1), leaking({ seq: 2, params: { removed: ['layer2'] } }), fixed(3)]);
    expect(proof.complete).toBe(false);
    expect(proof.steps.map((step) => step.runId)).toEqual(['run-1', null, null]);
    const otherSchedule = fixProof([
      fixed(1),
      leaking({ seq: 2, params: { failContainers: [{ atSec: 600, count: 2 }] } }),
      fixed(3),
    ]);
    expect(otherSchedule.complete).toBe(false);
  });

  it('does not count calm runs that were never restarted', () => {
    const proof = fixProof([fixed(1, { restarts: 0 }), leaking({ seq: 2 }), fixed(3, { restarts: 0 })]);
    expect(proof.complete).toBe(false);
    expect(proof.steps.every((step) => !step.ok)).toBe(true);
  });

  it('ignores runs that did not complete', () => {
    const proof = fixProof([fixed(1), leaking({ seq: 2, status: 'cancelled' }), fixed(3)]);
    expect(proof.steps.map((step) => step.runId)).toEqual(['run-1', null, null]);
  });

  it('finds the proof in the setup where it is complete when several setups were fixed', () => {
    const peeled = { removed: ['layer2'] };
    const proof = fixProof([
      fixed(1, { params: { fixes: [SEED_FIX], ...peeled } }),
      fixed(2),
      leaking({ seq: 3 }),
      fixed(4),
    ]);
    expect(proof.complete).toBe(true);
    expect(proof.steps.map((step) => step.runId)).toEqual(['run-2', 'run-3', 'run-4']);
  });
});
