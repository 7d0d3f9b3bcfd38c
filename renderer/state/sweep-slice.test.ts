import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBaseline,
  createLabBackend,
  newInvestigation,
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

describe('sweeps', () => {
  it('starts a sweep and follows its progress to the ranked result the backend pushes', async () => {
    await state().loadLab(id);
    const seen: string[] = [];
    store.subscribe((s) => {
      if (s.sweep?.current) seen.push(s.sweep.current);
    });
    await state().startSweep(baseline.id, 'layers');
    expect(state().sweep).toMatchObject({ done: 0, total: 2, result: null });
    await t.backend.context.lab.sweeps.get(state().sweep!.sweepId)?.finished;
    await vi.waitFor(() => expect(state().sweep?.result).not.toBeNull(), LOADED);
    expect(state().sweep).toMatchObject({ done: 2, total: 2, current: '' });
    expect(
      state()
        .sweep?.result?.rows.map((r) => r.removed)
        .sort(),
    ).toEqual(['layer2', 'layer3']);
    // Progress named each removal as it started.
    expect([...new Set(seen)].sort()).toEqual(['layer2', 'layer3']);
    // The sweep's experiments show in the lab once it has finished.
    await vi.waitFor(() => expect(state().lab?.experiments.length).toBe(3), LOADED);
  });

  it('ignores sweep events of another investigation', async () => {
    await state().loadLab(id);
    state().receiveSweepProgress({
      sweepId: 'elsewhere',
      investigationId: 'another-investigation',
      done: 1,
      total: 2,
      current: 'layer2',
    });
    expect(state().sweep).toBeNull();
  });
});
