import { describe, expect, it } from 'vitest';
import { notFound, PeelError } from './errors';

describe('notFound', () => {
  it('names what was asked for and carries its id', () => {
    const error = notFound('run', 'run-7');
    expect(error).toBeInstanceOf(PeelError);
    expect(error.toShape()).toEqual({
      code: 'not-found',
      message: "There is no run with id 'run-7'.",
      details: { id: 'run-7' },
    });
  });

  it('prefixes the channel and narrows the scope when given', () => {
    const error = notFound('hypothesis', 'h-1', {
      channel: 'hypotheses.correct',
      within: 'in this investigation',
      details: { hypothesisId: 'h-1' },
    });
    expect(error.message).toBe(
      "hypotheses.correct: there is no hypothesis with id 'h-1' in this investigation.",
    );
    expect(error.details).toEqual({ hypothesisId: 'h-1' });
  });
});
