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
});
