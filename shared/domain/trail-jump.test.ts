import { describe, expect, it } from 'vitest';
import { jumpTarget } from './trail-jump';

const event = (kind: string, payload: Record<string, unknown>, ruleId: string | null = null) => ({
  kind,
  ruleId,
  payload,
});

describe('where an event leads', () => {
  it('leads run events and verdicts to the run', () => {
    for (const kind of ['run.started', 'run.completed', 'run.failed', 'verdict.recorded'])
      expect(jumpTarget(event(kind, { runId: 'r-1' }))).toEqual({
        to: 'run',
        runId: 'r-1',
        label: 'Open the run',
      });
    expect(jumpTarget(event('comparison.opened', { runIds: ['r-3', 'r-4'] }))).toMatchObject({
      to: 'run',
      runId: 'r-3',
    });
  });

  it('leads experiments, preflights and fixes to the experiment, and lab-wide events to the lab', () => {
    expect(jumpTarget(event('experiment.created', { experimentId: 'x-1' }))).toMatchObject({
      to: 'experiment',
      experimentId: 'x-1',
    });
    expect(jumpTarget(event('fix.applied', { experimentId: 'x-2', fromExperimentId: 'x-1' }))).toMatchObject({
      experimentId: 'x-2',
    });
    expect(jumpTarget(event('resolution.marked', {}))).toEqual({ to: 'lab', label: 'Open the lab' });
  });

  it('leads notes, hypotheses and checklist items into the notebook', () => {
    expect(jumpTarget(event('note.corrected', { noteId: 'n-1' }))).toMatchObject({
      to: 'note',
      noteId: 'n-1',
    });
    expect(jumpTarget(event('hypothesis.corrected', { hypothesisId: 'h-1' }))).toMatchObject({
      to: 'hypothesis',
      hypothesisId: 'h-1',
    });
    // The item's own rule, whatever rule the event was filed under.
    expect(
      jumpTarget(event('checklist.unticked', { itemId: 'plug.gc-flags' }, 'make-it-fail')),
    ).toMatchObject({
      to: 'rule',
      ruleId: 'check-the-plug',
    });
  });

  it('leads nowhere when the payload lacks what it needs, or the kind changes nothing to show', () => {
    expect(jumpTarget(event('run.completed', {}))).toBeNull();
    expect(jumpTarget(event('note.added', { noteId: '' }))).toBeNull();
    expect(jumpTarget(event('investigation.created', { title: 't' }))).toBeNull();
    expect(jumpTarget(event('export.written', {}))).toBeNull();
  });
});
