import { describe, expect, it, vi } from 'vitest';
import { derive, runToEnd } from '../../electron/backend/services/lab/test-lab';
import { labFixtureForEachTest } from './lab-fixture.test-support';

const lab = labFixtureForEachTest();
const state = lab.state;
/** Room for a loaded machine: these wait on real work in the backend, and nothing here is timed. */
const LOADED = { timeout: 10_000 };

describe('switching views', () => {
  it('starts on the notebook and loads the lab the first time it is shown', async () => {
    expect(state().view).toBe('notebook');
    lab.store.setState({ detail: await lab.t.call('investigations.get', { id: lab.id }) });
    state().setView('lab');
    expect(state()).toMatchObject({ view: 'lab', labInvestigationId: lab.id });
    await vi.waitFor(
      () => expect(state().lab?.experiments.map((e) => e.id)).toEqual([lab.baseline.id]),
      LOADED,
    );
    expect(state().selectedExperimentId).toBe(lab.baseline.id);
    state().setView('trail');
    expect(state().view).toBe('trail');
  });

  it('opens a run in the lab with its experiment selected and its graphs loading', async () => {
    const run = await runToEnd(lab.t, lab.baseline.id);
    const child = await derive(lab.t, lab.baseline, { removed: ['layer3'] });
    lab.store.setState({ detail: await lab.t.call('investigations.get', { id: lab.id }) });
    await state().loadLab(lab.id);
    expect(state().selectedExperimentId).toBe(child.id);
    state().openRunInLab(run.id);
    expect(state()).toMatchObject({
      view: 'lab',
      selectedExperimentId: lab.baseline.id,
      selectedRunId: run.id,
    });
    await vi.waitFor(() => expect(state().runSeries[run.id]?.series).toHaveLength(2), LOADED);
    await vi.waitFor(() => expect(state().heatmaps[run.id]?.columns).toBeGreaterThan(0), LOADED);
  });
});
