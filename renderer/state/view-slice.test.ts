import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBaseline,
  createLabBackend,
  derive,
  newInvestigation,
  runToEnd,
} from '../../electron/backend/services/lab/test-lab';
import type { TestBackend } from '../../electron/backend/services/test-backend';
import type { Experiment } from '../../shared/contract/lab-entities';
import { installClient } from './client-ref';
import { routePushEvent } from './route-push-event';
import { createPeelStore } from './store';
import { createTestClient, type TestClient } from './test-client';

let t: TestBackend;
let client: TestClient;
let store: ReturnType<typeof createPeelStore>;
let id: string;
let baseline: Experiment;

beforeEach(async () => {
  t = createLabBackend();
  client = createTestClient(t.backend);
  installClient(client);
  store = createPeelStore();
  // Pushed events reach the slices as renderer/main.tsx wires them.
  client.onEvent((event) => routePushEvent(store.getState(), event));
  id = await newInvestigation(t);
  baseline = await createBaseline(t, id);
});
afterEach(() => t.dispose());

const state = () => store.getState();
/** Room for a loaded machine: these wait on real work in the backend, and nothing here is timed. */
const LOADED = { timeout: 10_000 };

describe('switching views', () => {
  it('starts on the notebook and loads the lab the first time it is shown', async () => {
    expect(state().view).toBe('notebook');
    store.setState({ detail: await t.call('investigations.get', { id }) });
    state().setView('lab');
    expect(state()).toMatchObject({ view: 'lab', labInvestigationId: id });
    await vi.waitFor(() => expect(state().lab?.experiments.map((e) => e.id)).toEqual([baseline.id]), LOADED);
    expect(state().selectedExperimentId).toBe(baseline.id);
    state().setView('trail');
    expect(state().view).toBe('trail');
  });

  it('opens a run in the lab with its experiment selected and its graphs loading', async () => {
    const run = await runToEnd(t, baseline.id);
    const child = await derive(t, baseline, { removed: ['layer3'] });
    store.setState({ detail: await t.call('investigations.get', { id }) });
    await state().loadLab(id);
    expect(state().selectedExperimentId).toBe(child.id);
    state().openRunInLab(run.id);
    expect(state()).toMatchObject({ view: 'lab', selectedExperimentId: baseline.id, selectedRunId: run.id });
    await vi.waitFor(() => expect(state().runSeries[run.id]?.series).toHaveLength(2), LOADED);
    await vi.waitFor(() => expect(state().heatmaps[run.id]?.columns).toBeGreaterThan(0), LOADED);
  });
});
