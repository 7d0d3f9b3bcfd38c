import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushEvent } from '../../../../shared/contract/events';
import type { SweepResult } from '../../../../shared/contract/lab-entities';
import type { TestBackend } from '../test-backend';
import { rankSweepRows } from './sweeps';
import { createBaseline, derive, eventsOfKind, newLabInvestigation, SMALL } from './test-lab';

let t: TestBackend;
let id: string;
beforeEach(async () => {
  ({ t, id } = await newLabInvestigation());
});
afterEach(() => t.dispose());

type Row = SweepResult['rows'][number];
const row = (removed: string, retainedBytesPerRestart: number, ooms = 0): Row => ({
  removed,
  kind: 'layer',
  experimentId: `exp-${removed}`,
  runId: `run-${removed}`,
  verdict: retainedBytesPerRestart > 0 ? 'leak' : 'flat',
  retainedBytesPerRestart,
  ooms,
  summary: '',
});

async function sweep(experimentId: string, include: 'layers' | 'operators' | 'both') {
  const started = await t.call('sweeps.start', { experimentId, include });
  const finished = t.backend.context.lab.sweeps.get(started.sweepId)!.finished;
  return { ...started, finished };
}

const sweepResult = () =>
  t.events.find((e): e is Extract<PushEvent, { name: 'sweep.finished' }> => e.name === 'sweep.finished')
    ?.payload.result;

describe('rankSweepRows', () => {
  it('puts the removal that takes the leak away first, then fewer OOMs, then by name', () => {
    const ranked = rankSweepRows([
      row('layer2', 128),
      row('layer3', 0),
      row('b', 64, 3),
      row('a', 64, 3),
      row('c', 64, 1),
    ]);
    expect(ranked.map((r) => r.removed)).toEqual(['layer3', 'c', 'a', 'b', 'layer2']);
  });
});

describe('auto-peel sweeps', () => {
  it('runs every single-layer removal that can run, ranked by what each still retains per restart', async () => {
    const baseline = await createBaseline(t, id);
    const started = await sweep(baseline.id, 'layers');
    // Removing layer 1 would leave no source: not a runnable cut.
    expect(started.total).toBe(2);
    await started.finished;
    const result = sweepResult()!;
    expect(result).toMatchObject({ baseExperimentId: baseline.id, cancelled: false });
    expect(result.rows.map((r) => [r.removed, r.kind])).toEqual([
      ['layer3', 'layer'],
      ['layer2', 'layer'],
    ]);
    const [withoutLayer3, withoutLayer2] = result.rows;
    expect(withoutLayer3!.retainedBytesPerRestart).toBe(0);
    expect(withoutLayer2!.retainedBytesPerRestart).toBeGreaterThan(0);
    expect(withoutLayer2!.verdict).toMatch(/^(leak|sawtooth)$/);

    // Every removal is an experiment and a run like any other, derived from the base with one change.
    const lab = await t.call('lab.state', { investigationId: id });
    for (const r of result.rows) {
      const experiment = lab.experiments.find((e) => e.id === r.experimentId)!;
      expect(experiment).toMatchObject({
        parentId: baseline.id,
        label: `auto-peel: removed ${r.removed.replace('layer', 'layer ')}`,
        diff: [{ dimension: 'topology', description: `removed layer ${r.removed.slice(-1)}` }],
      });
      expect(experiment.runs.map((run) => [run.id, run.status])).toEqual([[r.runId, 'completed']]);
    }
    const started2 = await eventsOfKind(t, id, 'run.started');
    expect(started2.map((e) => e.payload.sweepId)).toEqual([started.sweepId, started.sweepId]);
    const [completed] = await eventsOfKind(t, id, 'sweep.completed');
    expect(completed).toMatchObject({
      ruleId: 'divide-and-conquer',
      payload: {
        sweepId: started.sweepId,
        baseSeq: 1,
        include: 'layers',
        cancelled: false,
        rows: result.rows,
      },
    });
    const progress = t.events.filter((e) => e.name === 'sweep.progress').map((e) => e.payload);
    expect(progress.map((p) => p.current).sort()).toEqual(['layer2', 'layer3']);
    for (const p of progress)
      expect(p).toMatchObject({ sweepId: started.sweepId, investigationId: id, total: 2 });
    // Its runs are evidence: layer 2's operators ran in a run that did not leak.
    expect(lab.coverage.find((entry) => entry.operator === 'kvstore-enrich')?.status).toBe('cleared');
  });

  it('builds on what the base experiment already removed', async () => {
    const baseline = await createBaseline(t, id);
    const peeled = await derive(t, baseline, { removed: ['layer3'] });
    const started = await sweep(peeled.id, 'layers');
    expect(started.total).toBe(1);
    await started.finished;
    const lab = await t.call('lab.state', { investigationId: id });
    const swept = lab.experiments.find((e) => e.parentId === peeled.id)!;
    expect(swept.params.removed).toEqual(['layer3', 'layer2']);
  });

  it('reuses a removal already run instead of adding the same experiment again', async () => {
    const baseline = await createBaseline(t, id);
    const first = await sweep(baseline.id, 'layers');
    await first.finished;
    const before = await t.call('lab.state', { investigationId: id });
    const firstRows = sweepResult()!.rows;
    t.events.length = 0;
    const second = await sweep(baseline.id, 'layers');
    await second.finished;
    const after = await t.call('lab.state', { investigationId: id });
    expect(after.experiments.map((e) => e.id)).toEqual(before.experiments.map((e) => e.id));
    expect(after.experiments.flatMap((e) => e.runs).length).toBe(
      before.experiments.flatMap((e) => e.runs).length,
    );
    expect(sweepResult()!.rows.map((r) => [r.removed, r.runId])).toEqual(
      firstRows.map((r) => [r.removed, r.runId]),
    );
  });

  it('stops when cancelled: the runs in flight are cancelled and the table says so', async () => {
    const baseline = await createBaseline(t, id, { ...SMALL, hours: 6 });
    const started = await sweep(baseline.id, 'operators');
    expect(started.total).toBeGreaterThan(4);
    expect(await t.call('sweeps.cancel', { sweepId: started.sweepId })).toEqual({ cancelled: true });
    await started.finished;
    const result = sweepResult()!;
    expect(result.cancelled).toBe(true);
    expect(result.rows.length).toBeLessThan(started.total);
    const runs = (await t.call('lab.state', { investigationId: id })).experiments.flatMap((e) => e.runs);
    expect(runs.length).toBeLessThan(started.total);
    expect(runs.filter((run) => run.status === 'cancelled').length).toBeGreaterThan(0);
    expect(runs.every((run) => run.status !== 'running')).toBe(true);
    const [completed] = await eventsOfKind(t, id, 'sweep.completed');
    expect(completed?.payload).toMatchObject({ sweepId: started.sweepId, cancelled: true });
    // A finished sweep is gone: cancelling it again does nothing.
    expect(await t.call('sweeps.cancel', { sweepId: started.sweepId })).toEqual({ cancelled: false });
  });

  it('ends quietly when Peel closes mid-sweep; the runs it left are failed at the next start', async () => {
    const baseline = await createBaseline(t, id);
    const started = await sweep(baseline.id, 'operators');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      t = t.reopen();
      await expect(started.finished).resolves.toBeUndefined();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    const runs = t.backend.store.runs.listForInvestigation(id);
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.length).toBeLessThan(started.total);
    for (const run of runs) expect(run.status).toBe('failed');
  });

  it('refuses the control job, which has none of your operators', async () => {
    const baseline = await createBaseline(t, id);
    const control = await derive(t, baseline, { control: true });
    const error = await t.fail('sweeps.start', { experimentId: control.id, include: 'both' });
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'sweeps.start: the control job has no operators of yours to peel.',
    });
  });
});
