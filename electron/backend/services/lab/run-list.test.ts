import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestBackend } from '../test-backend';
import { runFacts, runSummary } from './run-records';
import { createBaseline, createLabBackend, newInvestigation, runToEnd } from './test-lab';

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
