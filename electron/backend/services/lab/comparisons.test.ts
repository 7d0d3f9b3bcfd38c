import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestBackend } from '../test-backend';
import {
  createBaseline,
  derive,
  eventsOfKind,
  newInvestigation,
  newLabInvestigation,
  runToEnd,
} from './test-lab';

let t: TestBackend;
let id: string;
beforeEach(async () => {
  ({ t, id } = await newLabInvestigation());
});
afterEach(() => t.dispose());

describe('comparing runs', () => {
  it('says what changed from the first run and what it did to the memory, on the record', async () => {
    const baseline = await createBaseline(t, id);
    const leaking = await runToEnd(t, baseline.id);
    const peeled = await runToEnd(t, (await derive(t, baseline, { removed: ['layer3'] })).id);
    const again = await runToEnd(t, baseline.id);
    const result = await t.call('comparisons.open', {
      investigationId: id,
      runIds: [leaking.id, peeled.id, again.id],
      mode: 'overlay',
      metric: 'direct',
    });
    expect(result.runIds).toEqual([leaking.id, peeled.id, again.id]);
    const [withoutLayer3, sameAgain] = result.statements;
    expect(result.statements).toHaveLength(2);
    expect(withoutLayer3).toMatch(
      new RegExp(
        `^run #1 → #2, removed layer 3: ${leaking.verdict} \\(\\+[\\d.]+ MiB/restart\\) → ${peeled.verdict}; ` +
          `peak direct [\\d.]+ [MG]iB → [\\d.]+ [MG]iB; OOMs ${leaking.ooms} → ${peeled.ooms}$`,
      ),
    );
    expect(sameAgain).toMatch(/^run #1 → #3, same experiment: /);
    const [event] = await eventsOfKind(t, id, 'comparison.opened');
    expect(event).toMatchObject({
      ruleId: 'quit-thinking-and-look',
      payload: {
        runIds: [leaking.id, peeled.id, again.id],
        runSeqs: [1, 2, 3],
        mode: 'overlay',
        metric: 'direct',
        statements: result.statements,
      },
    });
  });

  it('refuses runs that have not completed, or belong elsewhere', async () => {
    const baseline = await createBaseline(t, id);
    const done = await runToEnd(t, baseline.id);
    const running = await t.call('runs.start', { experimentId: baseline.id });
    await t.call('runs.cancel', { runId: running.id });
    const cancelled = await t.fail('comparisons.open', {
      investigationId: id,
      runIds: [done.id, running.id],
      mode: 'overlay',
      metric: 'direct',
    });
    expect(cancelled).toMatchObject({
      code: 'conflict',
      message: 'comparisons.open: run #2 is cancelled; compare completed runs.',
    });
    const other = await newInvestigation(t, 'Another');
    const foreign = await runToEnd(t, (await createBaseline(t, other)).id);
    const elsewhere = await t.fail('comparisons.open', {
      investigationId: id,
      runIds: [done.id, foreign.id],
      mode: 'multiples',
      metric: 'direct',
    });
    expect(elsewhere).toMatchObject({
      code: 'invalid-request',
      message: 'comparisons.open: run #1 belongs to another investigation.',
    });
    expect(await eventsOfKind(t, id, 'comparison.opened')).toEqual([]);
  });
});
