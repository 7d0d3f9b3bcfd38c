import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_START, type TestBackend } from '../test-backend';
import { createBaseline, eventsOfKind, FIX, newLabInvestigation, runToEnd } from './test-lab';

let t: TestBackend;
let id: string;
beforeEach(async () => {
  ({ t, id } = await newLabInvestigation());
});
afterEach(() => t.dispose());

const REASON = 'currency-convert freed its map in close(); proven A/B/A';

describe('resolving an investigation', () => {
  it('is refused without a fix, saying what is missing', async () => {
    const baseline = await createBaseline(t, id);
    await runToEnd(t, baseline.id);
    const error = await t.fail('investigations.resolve', { investigationId: id, reason: REASON });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      "Not resolved: if you didn't fix it, it ain't fixed. No fix has been run yet: apply the fix and re-run the experiment that made it fail.",
    );
    expect(error.details).toMatchObject({ proof: { complete: false } });
    expect((await t.call('investigations.get', { id })).investigation.status).toBe('open');
    expect(await eventsOfKind(t, id, 'resolution.marked')).toEqual([]);
  });

  it('is refused with the fix verified once, naming the run still needed', async () => {
    const baseline = await createBaseline(t, id);
    await runToEnd(t, baseline.id);
    const fixed = await t.call('fixes.apply', { experimentId: baseline.id, fixId: FIX, apply: true });
    await runToEnd(t, fixed.id);
    const error = await t.fail('investigations.resolve', { investigationId: id, reason: REASON });
    expect(error.message).toBe(
      "Not resolved: if you didn't fix it, it ain't fixed. Missing: without the fix: the staircase returns (a run of the same experiment without free-map-in-close).",
    );
  });

  it('is accepted with the A/B/A proof, which it keeps', async () => {
    const baseline = await createBaseline(t, id);
    const failing = await runToEnd(t, baseline.id);
    expect(failing.verdict).toMatch(/^(leak|sawtooth)$/);
    const fixed = await t.call('fixes.apply', { experimentId: baseline.id, fixId: FIX, apply: true });
    const a = await runToEnd(t, fixed.id);
    const unfixed = await t.call('fixes.apply', { experimentId: fixed.id, fixId: FIX, apply: false });
    const b = await runToEnd(t, unfixed.id);
    const refixed = await t.call('fixes.apply', { experimentId: unfixed.id, fixId: FIX, apply: true });
    const again = await runToEnd(t, refixed.id);
    const before = await t.call('lab.state', { investigationId: id });
    expect(before.proof.steps.map((step) => step.runId)).toEqual([a.id, b.id, again.id]);
    expect(before.nextStep.title).toBe('Mark it resolved');

    const lab = await t.call('investigations.resolve', { investigationId: id, reason: REASON });
    expect(lab.resolution).toEqual({
      at: FIXED_START,
      by: 'tester',
      reason: REASON,
      proofRunIds: [a.id, b.id, again.id],
    });
    expect(lab.nextStep.title).toBe('Hand it over');
    expect((await t.call('investigations.get', { id })).investigation.status).toBe('resolved');
    const [marked] = await eventsOfKind(t, id, 'resolution.marked');
    expect(marked).toMatchObject({
      ruleId: 'verify-the-fix',
      payload: { reason: REASON, fixes: [FIX], proofRunIds: [a.id, b.id, again.id] },
    });
    const ticked = (await eventsOfKind(t, id, 'checklist.ticked')).map((e) => e.payload.itemId);
    expect(ticked).toEqual(expect.arrayContaining(['verify.same-experiment', 'verify.ab-ab']));
    const twice = await t.fail('investigations.resolve', { investigationId: id, reason: REASON });
    expect(twice).toMatchObject({
      code: 'conflict',
      message: '"Direct OOMs in ads-metrics" is already resolved.',
    });
  });
});
