import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Experiment, LabState } from '../../../../shared/contract/lab-entities';
import type { TestBackend } from '../test-backend';
import { RECENT_EXPERIMENTS, RUNS_PER_EXPERIMENT } from './run-window';
import { createBaseline, createLabBackend, derive, newInvestigation, runToEnd } from './test-lab';

let t: TestBackend;
let investigationId: string;

beforeEach(async () => {
  t = createLabBackend();
  investigationId = await newInvestigation(t);
});
afterEach(() => t.dispose());

/** `count` more runs of the experiment, as copies of one of its stored runs (seqs continue the investigation's). */
function copyRuns(template: string, count: number): void {
  const original = t.backend.store.runs.get(template)!;
  const last = t.backend.store.runs.listForInvestigation(investigationId).at(-1)!.seq;
  t.backend.store.db.transaction(() => {
    for (let i = 1; i <= count; i++)
      t.backend.store.runs.insertCopy({ ...original, id: `copy-${last + i}`, seq: last + i });
  })();
}

async function experiments(count: number): Promise<Experiment[]> {
  const made = [await createBaseline(t, investigationId)];
  for (let i = 1; i < count; i++) made.push(await derive(t, made[0]!, { seed: i + 1 }));
  return made;
}

const seqs = (list: readonly { seq: number }[]) => list.map((item) => item.seq);
const runSeqs = (lab: LabState | { experiments: Experiment[] }) =>
  lab.experiments.flatMap((e) => e.runs.map((run) => run.seq)).sort((a, b) => a - b);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('the run list in the lab state', () => {
  it('sends everything while the investigation is small, saying so', async () => {
    const [baseline] = await experiments(3);
    await runToEnd(t, baseline!.id);
    const lab = await t.call('lab.state', { investigationId });
    expect(seqs(lab.experiments)).toEqual([1, 2, 3]);
    expect(lab.runList).toEqual({
      experimentsTotal: 3,
      runsTotal: 1,
      olderExperimentsBefore: null,
      partial: [],
    });
  });

  it('sends the newest experiments and their parents, and a cursor to the older ones', async () => {
    await experiments(RECENT_EXPERIMENTS + 12);
    const lab = await t.call('lab.state', { investigationId });
    const total = RECENT_EXPERIMENTS + 12;
    // Every derived experiment's parent is #1, sent with them.
    expect(seqs(lab.experiments)).toEqual([1, ...range(13, total)]);
    expect(lab.runList).toMatchObject({ experimentsTotal: total, olderExperimentsBefore: 13, partial: [] });
  });

  it("sends an experiment's newest runs, those a lab state names, and how to read the rest", async () => {
    const [baseline] = await experiments(1);
    const first = await runToEnd(t, baseline!.id);
    copyRuns(first.id, 20);
    const lab = await t.call('lab.state', { investigationId });
    const shown = runSeqs(lab);
    expect(shown).toEqual(expect.arrayContaining(range(21 - RUNS_PER_EXPERIMENT + 1, 21)));
    // What the coverage and evidence name is there whatever its age (the first run is named by both here).
    const named = new Set([
      ...lab.coverage.flatMap((entry) => entry.runIds),
      ...lab.evidence.flatMap((entry) => entry.runIds),
    ]);
    expect(named.size).toBeGreaterThan(0);
    for (const runId of named) expect(lab.experiments[0]!.runs.map((run) => run.id)).toContain(runId);
    expect(shown.length).toBeLessThan(21);
    expect(lab.runList).toMatchObject({
      runsTotal: 21,
      partial: [{ experimentId: baseline!.id, runsTotal: 21, olderRunsBefore: 21 - RUNS_PER_EXPERIMENT + 1 }],
    });
    // Coverage sentences name a few runs and say how many more, not all 21.
    for (const entry of lab.coverage) expect(entry.reason).not.toMatch(/run #21.*run #1\b/);
    expect(lab.coverage.some((entry) => / and \d+ more/.test(entry.reason))).toBe(true);
  });
});

describe('runs.page', () => {
  it('pages older experiments newest first, each page in seq order, to the end', async () => {
    await experiments(75);
    const lab = await t.call('lab.state', { investigationId });
    let before = lab.runList.olderExperimentsBefore;
    const pages: number[][] = [];
    while (before !== null) {
      const page = await t.call('runs.page', { investigationId, before, limit: 20 });
      expect(page.total).toBe(75);
      pages.push(seqs(page.experiments));
      before = page.nextBefore;
    }
    expect(pages).toEqual([range(26, 45), range(6, 25), range(1, 5)]);
    // Without a cursor the page is the newest.
    const newest = await t.call('runs.page', { investigationId, limit: 3 });
    expect(seqs(newest.experiments)).toEqual([73, 74, 75]);
    expect(newest.nextBefore).toBe(73);
  });

  it("pages one experiment's runs, older than the cursor, and each listed experiment's newest runs", async () => {
    const [baseline, other] = await experiments(2);
    const first = await runToEnd(t, baseline!.id);
    copyRuns(first.id, 24);
    await runToEnd(t, other!.id);
    const older = await t.call('runs.page', {
      investigationId,
      experimentId: baseline!.id,
      before: 18,
      limit: 10,
    });
    expect(seqs(older.experiments)).toEqual([1]);
    expect(runSeqs(older)).toEqual(range(8, 17));
    expect(older).toMatchObject({ nextBefore: 8, total: 25, partial: [] });
    const last = await t.call('runs.page', {
      investigationId,
      experimentId: baseline!.id,
      before: 8,
      limit: 10,
    });
    expect(runSeqs(last)).toEqual(range(1, 7));
    expect(last.nextBefore).toBeNull();
    const list = await t.call('runs.page', { investigationId, limit: 10 });
    expect(list.experiments.map((e) => [e.seq, e.runs.length])).toEqual([
      [1, RUNS_PER_EXPERIMENT],
      [2, 1],
    ]);
    expect(list.partial).toEqual([
      { experimentId: baseline!.id, runsTotal: 25, olderRunsBefore: 25 - RUNS_PER_EXPERIMENT + 1 },
    ]);
  });

  it('refuses an experiment of another investigation, an unknown one and bad bounds, naming them', async () => {
    const [baseline] = await experiments(1);
    const elsewhere = await newInvestigation(t, 'Another');
    const foreign = await t.fail('runs.page', {
      investigationId: elsewhere,
      experimentId: baseline!.id,
      limit: 5,
    });
    expect(foreign).toMatchObject({ code: 'not-found' });
    expect(foreign.message).toBe(
      `runs.page: there is no experiment with id '${baseline!.id}' in this investigation.`,
    );
    expect((await t.fail('runs.page', { investigationId: 'nope', limit: 5 })).code).toBe('not-found');
    expect((await t.fail('runs.page', { investigationId, limit: 0 })).message).toMatch(
      /^runs\.page: limit: /,
    );
    expect((await t.fail('runs.page', { investigationId, before: -1, limit: 5 })).message).toMatch(
      /^runs\.page: before: /,
    );
    // Past the start: an empty page, not an error.
    const empty = await t.call('runs.page', { investigationId, before: 1, limit: 5 });
    expect(empty).toEqual({ experiments: [], nextBefore: null, partial: [], total: 1 });
  });
});
