import { describe, expect, it } from 'vitest';
import { hypothesisOutcome } from './hypothesis-outcome';
import { facts, leaking } from './test-facts';

describe('hypothesisOutcome', () => {
  it('supports a hypothesis whose prediction the run bears out, naming the run and its verdict', () => {
    const run = leaking({ seq: 5 });
    expect(hypothesisOutcome('leak', run, 'leak: +128 MiB per restart')).toEqual({
      status: 'supported',
      reason: 'Run #5: leak: +128 MiB per restart; predicted the leak to remain.',
    });
    expect(hypothesisOutcome('no-leak', facts({ seq: 4, verdict: 'blip' }), 'blip').status).toBe('supported');
  });

  it('refutes a hypothesis the run contradicts', () => {
    expect(hypothesisOutcome('leak', facts({ seq: 4, verdict: 'blip' }), 'blip')).toEqual({
      status: 'refuted',
      reason: 'Run #4: blip; predicted the leak to remain.',
    });
    expect(hypothesisOutcome('no-leak', leaking(), 'leak').status).toBe('refuted');
  });

  it('leaves it inconclusive when the run cannot tell (no restarts)', () => {
    const result = hypothesisOutcome('no-leak', facts({ seq: 2, restarts: 0 }), 'flat');
    expect(result).toEqual({
      status: 'inconclusive',
      reason: 'Run #2 is not conclusive (flat); predicted no leak.',
    });
  });
});

describe('the reason as a sentence', () => {
  it("takes a run summary's closing period off inside its own sentence (no 'restarts.; predicted')", () => {
    const { reason } = hypothesisOutcome(
      'leak',
      leaking({ seq: 5 }),
      'Direct memory: leak, 128 MiB per restart.',
    );
    expect(reason).toMatch(/per restart; predicted the leak to remain\.$/);
  });
});
