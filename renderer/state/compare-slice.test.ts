import { describe, expect, it, vi } from 'vitest';
import { runToEnd } from '../../electron/backend/services/lab/test-lab';
import type { RunSummary } from '../../shared/contract/lab-entities';
import { labFixtureForEachTest } from './lab-fixture.test-support';

const lab = labFixtureForEachTest();
const state = lab.state;

const openLab = lab.openLab;

/** A completed run of the lab.baseline, made behind the slice's back. */
async function completedRun(experimentId = lab.baseline.id): Promise<RunSummary> {
  const run = await runToEnd(lab.t, experimentId);
  await state().refreshLab();
  return run;
}

/** Two completed runs, compared from the lab. */
async function comparedRuns(): Promise<[RunSummary, RunSummary]> {
  const first = await completedRun();
  const second = await completedRun();
  await openLab();
  state().toggleCompare(first.id);
  state().toggleCompare(second.id);
  await state().openComparison();
  return [first, second];
}

describe('comparisons', () => {
  it('opens a comparison of the runs picked, with their statements and series', async () => {
    const first = await completedRun();
    const second = await completedRun();
    await openLab();
    state().toggleCompare(first.id);
    state().toggleCompare(second.id);
    state().setCompareMode('multiples');
    await state().openComparison();
    expect(state().comparison?.runIds).toEqual([first.id, second.id]);
    expect(state().comparison?.statements).toEqual([
      expect.stringMatching(/^run #1 → #2, same experiment: /),
    ]);
    expect(state().runSeries[first.id]?.series).toHaveLength(2);
    expect(state().runSeries[second.id]?.series).toHaveLength(2);
    const [opened] = await lab.t.call('audit.list', { investigationId: lab.id, limit: 1 });
    expect(opened).toMatchObject({
      kind: 'comparison.opened',
      payload: { mode: 'multiples', metric: 'direct' },
    });
  });

  it("asks for no run's detail until every compared run's series is here", async () => {
    const first = await completedRun();
    const second = await completedRun();
    await openLab();
    state().toggleCompare(first.id);
    state().toggleCompare(second.id);
    const release = lab.client.holdAnswers(
      (channel, request) => channel === 'runs.series' && (request as { runId: string }).runId === second.id,
    );
    const opening = state().openComparison();
    await vi.waitFor(() => expect(state().runSeries[first.id]).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const detailCalls = () => lab.client.calls.filter((call) => call.channel === 'runs.get');
    expect(detailCalls()).toEqual([]);
    await release();
    await opening;
    await vi.waitFor(() => expect(state().runDetails[second.id]).toBeDefined());
    expect(state().runDetails[first.id]).toBeDefined();
    expect(
      detailCalls()
        .map((call) => (call.request as { runId: string }).runId)
        .sort(),
    ).toEqual([first.id, second.id].sort());
  });

  it("asks for the runs' series before recording the comparison, and not again for a run whose series is here", async () => {
    const first = await completedRun();
    const second = await completedRun();
    const shown = await completedRun();
    await openLab();
    // The lab shows the newest run (its series are fetched for the run panel); the first's are fetched here.
    await vi.waitFor(() => expect(state().runSeries[shown.id]).toBeDefined());
    await state().loadRunSeries(first.id);
    expect(state().runSeries[second.id]).toBeUndefined();
    lab.client.calls.length = 0;
    state().toggleCompare(first.id);
    state().toggleCompare(second.id);
    await state().openComparison();
    const channels = lab.client.calls
      .filter((call) => call.channel === 'runs.series' || call.channel === 'comparisons.open')
      .map((call) => `${call.channel} ${(call.request as { runId?: string }).runId ?? ''}`.trim());
    expect(channels).toEqual([`runs.series ${second.id}`, 'comparisons.open']);
    expect(state().runSeries[first.id]?.series).toHaveLength(2);
    expect(state().runSeries[second.id]?.series).toHaveLength(2);
  });

  it('fetches every run over a zoomed window, finer than the whole run, and drops it for the whole run', async () => {
    const [first, second] = await comparedRuns();
    await state().loadComparisonWindow({ fromSec: 1000, toSec: 1099 });
    expect(state().compareWindow).toEqual({ fromSec: 1000, toSec: 1099 });
    for (const run of [first, second]) {
      const view = state().compareWindowSeries[run.id]!;
      expect(view).toMatchObject({ metric: 'direct', fromSec: 1000, toSec: 1099 });
      expect(view.series.map((s) => s.taskManager)).toEqual(['tm-1', 'tm-2']);
      expect(view.series[0]!.data).toMatchObject({ exact: true });
      expect(Array.from(view.series[0]!.data.timesSec)).toEqual(
        Array.from({ length: 100 }, (_, i) => 1000 + i),
      );
    }
    // The whole runs' series are untouched: the run panel keeps drawing them.
    expect(state().runSeries[first.id]).toMatchObject({ fromSec: null, toSec: null });
    await state().loadComparisonWindow(null);
    expect(state().compareWindow).toBeNull();
    expect(state().compareWindowSeries).toEqual({});
  });

  it('lands only the newest window when zooms overlap', async () => {
    const [first] = await comparedRuns();
    const release = lab.client.holdAnswers(
      (channel, request) => channel === 'runs.series' && (request as { fromSec?: number }).fromSec === 100,
    );
    const older = state().loadComparisonWindow({ fromSec: 100, toSec: 5000 });
    await state().loadComparisonWindow({ fromSec: 2000, toSec: 2099 });
    await release();
    await older;
    expect(state().compareWindowSeries[first.id]).toMatchObject({ fromSec: 2000, toSec: 2099 });
  });
});
