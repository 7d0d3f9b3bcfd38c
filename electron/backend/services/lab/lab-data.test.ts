// The lab's data comes from what is kept (the experiments, the run list and the evidence fold's facts), and must be
// what reading everything from the database again gives.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestBackend } from '../test-backend';
import { runEvidenceFold } from './evidence-folds';
import { loadLabData } from './lab-data';
import { runFacts } from './run-records';
import { createBaseline, derive, newLabInvestigation, runToEnd } from './test-lab';

let t: TestBackend;
afterEach(() => t?.dispose());

/** The lab's data as the database has it, read and derived afresh. */
function fromDisk(investigationId: string) {
  const store = t.backend.context.store;
  const experiments = store.experiments.listForInvestigation(investigationId);
  const runs = store.runs.listForInvestigationFromDisk(investigationId);
  const facts = runs.map((run) => runFacts(run, experiments.find((e) => e.id === run.experimentId)!));
  return { experiments, runs, facts };
}

describe('the lab data', () => {
  it('is the kept experiments and runs with the evidence fold facts, equal to a fresh read as it grows', async () => {
    const made = await newLabInvestigation();
    t = made.t;
    const { id } = made;
    const ctx = t.backend.context;
    const baseline = await createBaseline(t, id);
    await runToEnd(t, baseline.id);
    const first = loadLabData(ctx, id);
    expect(first).toEqual(fromDisk(id));
    // The facts are the fold's own objects, not copies made for the read.
    const fold = runEvidenceFold(ctx.store, id);
    for (const facts of first.facts) expect(fold.folded(facts.id)).toBe(facts);

    // A new experiment (no run yet), then a run of it: both appear, and what was kept is reused.
    const fixed = await derive(t, baseline, { fixes: ['free-map-in-close'] });
    const second = loadLabData(ctx, id);
    expect(second.experiments.map((e) => e.id)).toEqual([baseline.id, fixed.id]);
    expect(second.experiments[0]).toBe(first.experiments[0]);
    expect(second).toEqual(fromDisk(id));
    await runToEnd(t, fixed.id);
    const third = loadLabData(ctx, id);
    expect(third).toEqual(fromDisk(id));
    expect(third.facts[0]).toBe(first.facts[0]);
    expect(third.facts.map((facts) => facts.experimentId)).toEqual([baseline.id, fixed.id]);
  }, 60_000);

  it('reads the experiments again when the newest one kept is gone (an insert rolled back)', async () => {
    const made = await newLabInvestigation();
    t = made.t;
    const { id } = made;
    const ctx = t.backend.context;
    const baseline = await createBaseline(t, id);
    expect(loadLabData(ctx, id).experiments.map((e) => e.id)).toEqual([baseline.id]);
    const db = ctx.store.db;
    db.exec('SAVEPOINT rolled_back');
    const inserted = ctx.store.experiments.insert({
      ...ctx.store.experiments.get(baseline.id)!,
      id: 'experiment-rolled-back',
      parentId: baseline.id,
      label: 'rolled back',
    });
    expect(loadLabData(ctx, id).experiments.map((e) => e.id)).toEqual([baseline.id, inserted.id]);
    db.exec('ROLLBACK TO rolled_back');
    db.exec('RELEASE rolled_back');
    const other = await derive(t, baseline, { seed: 2 });
    expect(loadLabData(ctx, id).experiments.map((e) => e.id)).toEqual([baseline.id, other.id]);
    expect(loadLabData(ctx, id)).toEqual(fromDisk(id));
  }, 60_000);
});
