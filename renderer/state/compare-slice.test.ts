import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBaseline,
  createLabBackend,
  newInvestigation,
  runToEnd,
} from '../../electron/backend/services/lab/test-lab';
import type { TestBackend } from '../../electron/backend/services/test-backend';
import type { Experiment, RunSummary } from '../../shared/contract/lab-entities';
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

async function openLab(): Promise<void> {
  await state().loadLab(id);
  expect(state().lab?.experiments.map((e) => e.id)).toEqual([baseline.id]);
}

/** A completed run of the baseline, made behind the slice's back. */
async function completedRun(experimentId = baseline.id): Promise<RunSummary> {
  const run = await runToEnd(t, experimentId);
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
    const [opened] = await t.call('audit.list', { investigationId: id, limit: 1 });
    expect(opened).toMatchObject({
      kind: 'comparison.opened',
      payload: { mode: 'multiples', metric: 'direct' },
    });
  });
});
