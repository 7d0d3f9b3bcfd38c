import { describe, expect, it, vi } from 'vitest';
import { runToEnd, SMALL } from '../../electron/backend/services/lab/test-lab';
import { labFixtureForEachTest } from './lab-fixture.test-support';
import { allRuns } from './lab-runs';

const lab = labFixtureForEachTest();
const state = lab.state;

const openLab = lab.openLab;

describe('loading the lab', () => {
  it('loads the state, the scenarios and selects the latest experiment with its plan', async () => {
    await openLab();
    expect(state()).toMatchObject({
      labInvestigationId: lab.id,
      selectedExperimentId: lab.baseline.id,
      selectedRunId: null,
    });
    expect(state().lab?.scenarioId).toBe(SMALL.scenario);
    await vi.waitFor(() => expect(state().scenarios.map((s) => s.id)).toContain(SMALL.scenario));
    await vi.waitFor(() => expect(state().plans[lab.baseline.id]?.operators.length).toBe(13));
  });
});

describe('running', () => {
  it('starts a run after the preflight, follows its progress and shows it finished with its series', async () => {
    await openLab();
    const seen: number[] = [];
    lab.store.subscribe((s) => {
      for (const fraction of Object.values(s.runProgress)) seen.push(fraction);
    });
    const run = await state().startRun(lab.baseline.id);
    expect(run).toMatchObject({ status: 'running', experimentId: lab.baseline.id });
    expect(state().lab?.preflight?.experimentId).toBe(lab.baseline.id);
    expect(state().selectedRunId).toBe(run!.id);
    await lab.t.backend.context.lab.jobs.get(run!.id)?.stored;
    await vi.waitFor(() => expect(allRuns(state().lab).map((r) => r.status)).toEqual(['completed']));
    expect(seen.some((fraction) => fraction > 0)).toBe(true);
    expect(state().runProgress).toEqual({});
    // The selected run's graph and heat map load once it has finished.
    await vi.waitFor(() => expect(state().runSeries[run!.id]?.series).toHaveLength(2));
    await vi.waitFor(() => expect(state().heatmaps[run!.id]?.columns).toBeGreaterThan(0));
  });

  it('loads the graphs of the selected run from whichever refresh first shows it completed', async () => {
    await openLab();
    // As when the refresh started by "run finished" was overtaken by a newer one (a verdict, a checklist tick):
    // the run is selected, has completed, and nothing has loaded its graphs yet.
    const run = await runToEnd(lab.t, lab.baseline.id);
    lab.store.setState({ selectedRunId: run.id });
    expect(state().runSeries[run.id]).toBeUndefined();
    await state().refreshLab();
    await vi.waitFor(() => expect(state().runSeries[run.id]?.series).toHaveLength(2));
    await vi.waitFor(() => expect(state().heatmaps[run.id]?.columns).toBeGreaterThan(0));
  });

  it('ignores progress of runs in another investigation', async () => {
    await openLab();
    state().receiveRunProgress('run-elsewhere', 'another-investigation', 0.5);
    expect(state().runProgress).toEqual({});
  });
});
