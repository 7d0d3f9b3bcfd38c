import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../../../shared/contract/lab-entities';
import type { TestBackend } from '../test-backend';
import { labState } from './lab-state';
import {
  createBaseline,
  createLabBackend,
  derive,
  eventsOfKind,
  FIX,
  newInvestigation,
  runToEnd,
} from './test-lab';

let t: TestBackend;
let id: string;
beforeEach(async () => {
  t = createLabBackend();
  id = await newInvestigation(t);
});
afterEach(() => t.dispose());

/** What a tick records about its evidence, as compared here. */
const tickOf = (payload: Record<string, unknown>) => ({
  itemId: payload.itemId,
  evidence: payload.evidence,
  runIds: payload.runIds,
  evidenceEventSeq: payload.evidenceEventSeq,
});

/**
 * Runs the experiment, then checks that the items Peel ticked for that run are exactly those the whole lab state
 * (every run derived again) says are proven and were not set before, in the same order, with the same evidence.
 */
async function runAndCompare(experiment: Experiment): Promise<string[]> {
  const set = new Set((await t.call('investigations.get', { id })).checklist.map((tick) => tick.itemId));
  const before = (await eventsOfKind(t, id, 'checklist.ticked')).length;
  await runToEnd(t, experiment.id);
  const made = (await eventsOfKind(t, id, 'checklist.ticked')).slice(before).map((e) => tickOf(e.payload));
  const expected = labState(t.backend.context, id)
    .evidence.filter((entry) => entry.mode === 'tick' && entry.eventSeq !== null && !set.has(entry.itemId))
    .map((entry) => ({
      itemId: entry.itemId,
      evidence: entry.description,
      runIds: entry.runIds,
      evidenceEventSeq: entry.eventSeq,
    }));
  expect(made).toEqual(expected);
  return made.map((tick) => tick.itemId as string);
}

describe('the ticks a stored run makes', () => {
  it('equal, run after run, what a full derivation of the lab state proves', async () => {
    const ticked: string[] = [];
    const baseline = await createBaseline(t, id);
    ticked.push(...(await runAndCompare(baseline)));
    // An item the user set is theirs: Peel does not tick it for them.
    await t.call('checklist.set', { investigationId: id, itemId: 'divide.control', ticked: true });
    ticked.push(...(await runAndCompare(await derive(t, baseline, { control: true }))));
    const peeled = await derive(t, baseline, { removed: ['layer3'] });
    ticked.push(...(await runAndCompare(peeled)));
    ticked.push(...(await runAndCompare(await derive(t, baseline, { removed: ['layer2'] }))));
    ticked.push(
      ...(await runAndCompare(
        await derive(t, baseline, { pauseSink: [{ fromSec: 1200, toSec: 2400, slowdown: 0 }] }),
      )),
    );
    const fixed = await t.call('fixes.apply', { experimentId: baseline.id, fixId: FIX, apply: true });
    ticked.push(...(await runAndCompare(fixed)));
    const unfixed = await t.call('fixes.apply', { experimentId: fixed.id, fixId: FIX, apply: false });
    ticked.push(...(await runAndCompare(unfixed)));
    const refixed = await t.call('fixes.apply', { experimentId: unfixed.id, fixId: FIX, apply: true });
    ticked.push(...(await runAndCompare(refixed)));
    // More runs of what is already proven tick nothing new, and still agree with the full derivation.
    for (let i = 0; i < 3; i++) expect(await runAndCompare(peeled)).toEqual([]);

    expect(ticked).toEqual(
      expect.arrayContaining([
        'fail.restarts',
        'fail.reproduced',
        'plug.baseline',
        'divide.peeled',
        'fail.back-pressure',
        'verify.same-experiment',
        'verify.ab-ab',
      ]),
    );
    expect(ticked).not.toContain('divide.control');
    expect(new Set(ticked).size).toBe(ticked.length);
  });
});
