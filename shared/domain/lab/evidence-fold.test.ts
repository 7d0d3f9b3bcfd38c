import { describe, expect, it } from 'vitest';
import { checklistEvidence, type EvidenceInput, evidenceOf } from './checklist-evidence';
import { implicatedCoverage } from './coverage';
import { EvidenceFold } from './evidence-fold';
import { fixProof } from './fix-proof';
import type { RunFacts } from './run-facts';
import { facts, leaking, SEED_FIX, SEED_OPERATORS, SEED_SCENARIO, seedStory } from './test-facts';

/** A small seeded generator (mulberry32): the same runs every time, and no clock. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REST: Omit<EvidenceInput, 'runs' | 'coverage' | 'proof'> = {
  scenarioId: SEED_SCENARIO,
  preflight: null,
  experimentsWithMultipleChanges: 0,
  experimentCount: 3,
  lastExperimentId: 'exp-3',
};

/** Checks the fold against the full derivation over `runs`: coverage, proof and every piece of evidence. */
function expectSameAsFull(fold: EvidenceFold, runs: readonly RunFacts[]): void {
  const coverage = implicatedCoverage(SEED_OPERATORS, runs);
  const proof = fixProof(runs);
  expect(fold.size).toBe(runs.length);
  expect(fold.implicatedCoverage(SEED_OPERATORS)).toEqual(coverage);
  expect(fold.fixProof()).toEqual(proof);
  expect(evidenceOf(fold, { ...REST, coverage, proof })).toEqual(
    checklistEvidence({ ...REST, runs, coverage, proof }),
  );
}

/** A random run of the seed job: any status, peeled or not, control or not, fixed or not, leaking or not. */
function randomRun(next: () => number, seq: number): RunFacts {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const removed = pick([[], [], ['layer3'], ['layer2'], ['layer2', 'layer3'], ['kvstore-enrich']]);
  const fixes = pick([[], [], [SEED_FIX], ['other-fix'], [SEED_FIX, 'other-fix']]);
  const control = next() < 0.1;
  const pauseSink = next() < 0.3 ? [{ fromSec: 600, toSec: 900, slowdown: 0 }] : [];
  const leaks = next() < 0.5;
  const base = {
    seq,
    experimentSeq: 1 + Math.floor(next() * 4),
    status: pick(['completed', 'completed', 'completed', 'running', 'failed'] as const),
    params: { removed, fixes, control, pauseSink, hours: pick([1, 6]) },
    shutdownsFired: pick([0, 2, 11]),
    sinkPausesFired: pauseSink.length > 0 && next() < 0.7 ? 1 : 0,
    restarts: pick([0, 11]),
  };
  return leaks
    ? leaking({ ...base, ooms: pick([0, 40]), retainedBytesPerRestart: pick([0, 2 ** 27]) })
    : facts({ ...base, verdict: pick(['flat', 'blip', 'sawtooth'] as const), confidence: pick([0.3, 0.95]) });
}

describe('EvidenceFold', () => {
  it('equals the full derivation after each run of the seed story, in order and in any order', () => {
    const story = seedStory();
    const inOrder = new EvidenceFold();
    story.forEach((run, i) => {
      inOrder.add(run);
      expectSameAsFull(inOrder, story.slice(0, i + 1));
    });
    // Runs finish out of order (two workers): the fold of any arrival order is the fold of the runs.
    const next = generator(7);
    for (let round = 0; round < 20; round++) {
      const shuffled = [...story].sort(() => next() - 0.5);
      const fold = new EvidenceFold();
      shuffled.forEach((run, i) => {
        fold.add(run);
        expectSameAsFull(fold, shuffled.slice(0, i + 1));
      });
    }
  });

  it('stays equal to the full derivation while runs come in, finish, change and go', () => {
    for (const seed of [1, 2, 3]) {
      const next = generator(seed);
      const fold = new EvidenceFold();
      const runs = new Map<string, RunFacts>();
      let seq = 0;
      for (let step = 0; step < 120; step++) {
        const roll = next();
        const held = [...runs.values()];
        const some = held[Math.floor(next() * held.length)];
        if (roll < 0.6 || !some) {
          // A new run, sometimes numbered before runs already held (it started earlier, finished later).
          seq += 1 + Math.floor(next() * 3);
          const at = next() < 0.2 && seq > 4 ? seq - 1 - Math.floor(next() * 3) : seq;
          if ([...runs.values()].some((run) => run.seq === at)) continue;
          const run = randomRun(next, at);
          fold.add(run);
          runs.set(run.id, run);
        } else if (roll < 0.85) {
          // A run finishes or is derived again: the list holds a new object for it.
          const changed = { ...randomRun(next, some.seq), id: some.id };
          fold.remove(some);
          fold.add(changed);
          runs.set(changed.id, changed);
        } else {
          fold.remove(some);
          runs.delete(some.id);
        }
        expectSameAsFull(
          fold,
          [...runs.values()].sort((a, b) => a.seq - b.seq),
        );
      }
    }
  });

  it('refuses a run folded twice or taken out when it is not the one folded', () => {
    const fold = new EvidenceFold();
    const run = facts({ seq: 1 });
    fold.add(run);
    expect(() => fold.add(run)).toThrow(/run run-1 is already folded/);
    expect(() => fold.remove({ ...run })).toThrow(/run run-1 is not folded as given/);
  });
});
