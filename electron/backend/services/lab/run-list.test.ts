import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunsStore } from '../../store/runs-store';
import type { TestBackend } from '../test-backend';
import { runFacts, runSummary } from './run-records';
import { createBaseline, createLabBackend, derive, newInvestigation, runToEnd } from './test-lab';

let t: TestBackend;
beforeEach(() => {
  t = createLabBackend();
});
afterEach(() => t.dispose());

describe('runs as lists give them', () => {
  it('carry exactly the summary and facts of the whole stored run, without reading its plan or events', async () => {
    const investigationId = await newInvestigation(t);
    const experiment = await createBaseline(t, investigationId);
    const run = await runToEnd(t, experiment.id);
    const record = t.backend.store.experiments.get(experiment.id)!;
    const whole = t.backend.store.runs.get(run.id)!;
    const [listed] = t.backend.store.runs.listForInvestigation(investigationId);
    expect(listed!.id).toBe(run.id);
    expect(whole.analysis).not.toBeNull();
    expect(runSummary(listed!)).toEqual(runSummary(whole));
    expect(runFacts(listed!, record)).toEqual(runFacts(whole, record));
    expect(listed!.analysis!.facts.operators.length).toBeGreaterThan(0);
    expect(listed!.topology).toBeNull();
    expect(listed!.events).toBeNull();
  });

  it('give a run without an analysis (still running) a null analysis', async () => {
    const investigationId = await newInvestigation(t);
    const experiment = await createBaseline(t, investigationId);
    await t.call('runs.start', { experimentId: experiment.id });
    const [listed] = t.backend.store.runs.listForInvestigation(investigationId);
    expect(listed!.status).toBe('running');
    expect(listed!.analysis).toBeNull();
    await t.backend.context.lab.jobs.get(listed!.id)?.stored;
  });
});

describe('run lists kept between reads', () => {
  /** The list as the database has it now: a store of its own reads it whole, with nothing kept. */
  const fresh = (investigationId: string) =>
    createRunsStore(t.backend.store.db).listForInvestigation(investigationId);

  it('follow every write: runs started, finished, copied and discarded, in two investigations', async () => {
    const first = await newInvestigation(t);
    const second = await newInvestigation(t, 'Another');
    const runs = t.backend.store.runs;
    expect(runs.listForInvestigation(first)).toEqual([]);
    expect(runs.listForInvestigation(second)).toEqual([]);
    const baseline = await createBaseline(t, first);
    const done = await runToEnd(t, baseline.id);
    expect(runs.listForInvestigation(first)).toEqual(fresh(first));
    await runToEnd(t, (await derive(t, baseline, { removed: ['layer3'] })).id);
    await runToEnd(t, (await createBaseline(t, second)).id);
    expect(runs.listForInvestigation(first).map((run) => run.seq)).toEqual([1, 2]);
    expect(runs.listForInvestigation(first)).toEqual(fresh(first));
    expect(runs.listForInvestigation(second)).toEqual(fresh(second));

    await t.call('runs.discardData', { runId: done.id });
    expect(runs.listForInvestigation(first)[0]!.dataDiscarded).toEqual({
      at: expect.any(Number),
      by: 'tester',
    });
    expect(runs.listForInvestigation(first)).toEqual(fresh(first));

    const original = runs.get(done.id)!;
    runs.insertCopy({ ...original, id: 'copied', seq: 7 });
    runs.copyDerivation(done.id, 'copied');
    expect(
      runs
        .listForInvestigation(first)
        .map((run) => run.id)
        .at(-1),
    ).toBe('copied');
    expect(runs.listForInvestigation(first)).toEqual(fresh(first));
  });

  it('forget writes a transaction rolled back, even when read inside it', async () => {
    const investigationId = await newInvestigation(t);
    const experiment = await createBaseline(t, investigationId);
    const run = await runToEnd(t, experiment.id);
    const runs = t.backend.store.runs;
    const before = runs.listForInvestigation(investigationId);
    const original = runs.get(run.id)!;
    expect(() =>
      t.backend.store.db.transaction(() => {
        runs.insertCopy({ ...original, id: 'never', seq: 2 });
        runs.insert({ ...original, id: 'never-running' });
        expect(runs.listForInvestigation(investigationId).map((r) => r.id)).toEqual([
          run.id,
          'never',
          'never-running',
        ]);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(runs.listForInvestigation(investigationId)).toEqual(before);
    expect(runs.listForInvestigation(investigationId)).toEqual(fresh(investigationId));
  });
});
