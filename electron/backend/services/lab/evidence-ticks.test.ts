import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../../../shared/contract/lab-entities';
import { TICKABLE_ITEMS } from '../../../../shared/domain/lab/checklist-evidence';
import type { TestBackend } from '../test-backend';
import { evidenceForItems, labState } from './lab-state';
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
 * The evidence a stored run reads (the investigation's kept fold, brought up to date with what changed) for every
 * tickable item, against the ticks of the whole lab state derived again from every run.
 */
function expectKeptAsFull(): void {
  const all = new Set<string>(TICKABLE_ITEMS);
  const full = labState(t.backend.context, id).evidence.filter(
    (entry) => entry.mode === 'tick' && all.has(entry.itemId),
  );
  expect(evidenceForItems(t.backend.context, id, new Set(TICKABLE_ITEMS))).toEqual(full);
}

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
  expectKeptAsFull();
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

  it('keep to the database while runs finish out of order, change, and are rolled back', async () => {
    const baseline = await createBaseline(t, id);
    const first = await runToEnd(t, baseline.id);
    const original = t.backend.store.runs.get(first.id)!;
    const fixed = await t.call('fixes.apply', { experimentId: baseline.id, fixId: FIX, apply: true });
    const peeled = await derive(t, baseline, { removed: ['layer3'] });
    const control = await derive(t, baseline, { control: true });
    const { store } = t.backend;
    // Runs stored as runs.ts stores them, with the first run's outcome, so their order is the test's to choose.
    let next = 0;
    const start = (experiment: Experiment) => {
      const runId = `copy-${++next}`;
      store.transaction(() =>
        store.runs.insert({ ...original, id: runId, experimentId: experiment.id, investigationId: id }),
      );
      return runId;
    };
    const finish = (runId: string) =>
      store.transaction(() =>
        store.runs.finish(runId, { ...original, status: 'completed', finishedAt: original.finishedAt ?? 0 }),
      );
    expectKeptAsFull();
    const early = start(fixed);
    const late = start(peeled);
    const latest = start(baseline);
    expectKeptAsFull();
    // Started in that order, finished the other way round (two workers).
    for (const runId of [latest, late, early]) {
      finish(runId);
      expectKeptAsFull();
    }
    // A row changed after it was folded (its data discarded) is folded again.
    await t.call('runs.discardData', { runId: first.id });
    expectKeptAsFull();
    // A run written and read inside a transaction that rolls back is gone from the evidence once it has (the
    // only control run: while it is there, it ticks the control item).
    const before = evidenceForItems(t.backend.context, id, new Set(TICKABLE_ITEMS));
    expect(() =>
      store.transaction(() => {
        finish(start(control));
        expect(evidenceForItems(t.backend.context, id, new Set(['divide.control'] as const))).toHaveLength(1);
        expectKeptAsFull();
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expectKeptAsFull();
    expect(evidenceForItems(t.backend.context, id, new Set(TICKABLE_ITEMS))).toEqual(before);
    // So is an experiment: one changing several things, while it is there, means not every experiment changes one.
    const singleDiff = new Set(['one-change.single-diff'] as const);
    expect(evidenceForItems(t.backend.context, id, singleDiff)).toHaveLength(1);
    expect(() =>
      store.transaction(() => {
        const { seq: _seq, ...record } = store.experiments.get(fixed.id)!;
        store.experiments.insert({ ...record, id: 'several-changes', multiChangeConfirmed: true });
        expect(evidenceForItems(t.backend.context, id, singleDiff)).toEqual([]);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(evidenceForItems(t.backend.context, id, singleDiff)).toHaveLength(1);
    await derive(t, fixed, { parallelism: 4 });
    expectKeptAsFull();
  });
});
