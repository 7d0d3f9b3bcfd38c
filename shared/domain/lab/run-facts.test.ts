import { describe, expect, it } from 'vitest';
import { completedRuns, isUnchangedCode, leakOutcome } from './run-facts';
import { facts, leaking, SEED_FIX } from './test-facts';

describe('leakOutcome', () => {
  it('calls a staircase or a saw-tooth in direct memory a leak', () => {
    expect(leakOutcome(leaking())).toBe('leak');
    expect(leakOutcome(facts({ verdict: 'sawtooth', confidence: 0.9 }))).toBe('leak');
  });

  it('calls a flat line or a blip across restarts no leak', () => {
    expect(leakOutcome(facts({ verdict: 'flat', restarts: 11 }))).toBe('no-leak');
    expect(leakOutcome(facts({ verdict: 'blip', restarts: 3 }))).toBe('no-leak');
  });

  it('proves nothing from a calm run that was never restarted', () => {
    expect(leakOutcome(facts({ verdict: 'flat', restarts: 0 }))).toBe('unclear');
    expect(leakOutcome(facts({ verdict: 'blip', restarts: 0 }))).toBe('unclear');
  });

  it('does not trust a leak verdict the analysis is unsure of', () => {
    expect(leakOutcome(leaking({ confidence: 0.4 }))).toBe('unclear');
    expect(leakOutcome(leaking({ confidence: 0.5 }))).toBe('leak');
  });

  it('counts a leak seen only in resident memory (Unsafe memory) once YARN killed containers for it', () => {
    const unsafe = { verdict: 'flat', residentVerdict: 'leak', containersKilled: 3 } as const;
    expect(leakOutcome(facts(unsafe))).toBe('leak');
    expect(leakOutcome(facts({ ...unsafe, residentVerdict: 'sawtooth', confidence: 0.2 }))).toBe('leak');
  });

  it('does not count resident memory climbing without container kills (a JVM touching its heap)', () => {
    expect(leakOutcome(facts({ verdict: 'flat', residentVerdict: 'leak', containersKilled: 0 }))).toBe(
      'no-leak',
    );
    expect(leakOutcome(facts({ verdict: 'blip', residentVerdict: 'leak', restarts: 0 }))).toBe('unclear');
  });

  it('has no outcome for runs that did not complete or have no verdict', () => {
    for (const status of ['running', 'cancelled', 'failed'] as const)
      expect(leakOutcome(leaking({ status }))).toBe('unclear');
    expect(leakOutcome(facts({ verdict: null }))).toBe('unclear');
  });
});

describe('isUnchangedCode', () => {
  it('is the job as written: no fix, no defect switched by hand', () => {
    expect(isUnchangedCode(facts())).toBe(true);
    expect(isUnchangedCode(facts({ params: { removed: ['layer3'], control: true } }))).toBe(true);
    expect(isUnchangedCode(facts({ params: { fixes: [SEED_FIX] } }))).toBe(false);
    expect(isUnchangedCode(facts({ params: { defects: { 'map-not-freed-in-close': true } } }))).toBe(false);
  });
});

describe('completedRuns', () => {
  it('keeps completed runs in run order', () => {
    const runs = [facts({ seq: 3 }), facts({ seq: 1 }), facts({ seq: 2, status: 'cancelled' })];
    expect(completedRuns(runs).map((run) => run.seq)).toEqual([1, 3]);
  });
});
