import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

async function openLab(): Promise<void> {
  await state().loadLab(id);
  expect(state().lab?.experiments.map((e) => e.id)).toEqual([baseline.id]);
}

describe('deriving an experiment', () => {
  const twoChanges = () => ({
    parentId: baseline.id,
    params: {
      ...baseline.params,
      removed: ['layer3'],
      pauseSink: [{ fromSec: 600, toSec: 900, slowdown: 0 }],
    },
    runAfter: false,
  });

  it('leaves a derivation that changes two things for the user to confirm, then creates it', async () => {
    await openLab();
    expect(await state().createExperiment(twoChanges())).toBeUndefined();
    expect(state().pendingMultiChange).toMatchObject({
      parentId: baseline.id,
      changes: [
        { dimension: 'topology', description: 'removed layer 3' },
        { dimension: 'pauseSink', description: 'sink pause 600-900 s' },
      ],
    });
    expect(state().notices).toEqual([]);
    expect(state().lab?.experiments).toHaveLength(1);

    await state().confirmPendingDerivation();
    expect(state().pendingMultiChange).toBeNull();
    const created = state().lab?.experiments.at(-1);
    expect(created).toMatchObject({ parentId: baseline.id, multiChangeConfirmed: true, seq: 2 });
    expect(state().selectedExperimentId).toBe(created?.id);
  });

  it('drops the pending derivation when the user cancels it', async () => {
    await openLab();
    await state().createExperiment(twoChanges());
    state().cancelPendingDerivation();
    expect(state().pendingMultiChange).toBeNull();
    expect((await t.call('lab.state', { investigationId: id })).experiments).toHaveLength(1);
  });

  it('shows any other refusal as an error notice', async () => {
    await openLab();
    await state().createExperiment({
      parentId: baseline.id,
      params: { ...baseline.params, failContainers: [{ atSec: 99_999 }] },
      runAfter: false,
    });
    expect(state().pendingMultiChange).toBeNull();
    expect(state().notices.map((n) => n.message)).toEqual([
      'experiments.create: params.failContainers[0].atSec: 99999 s is outside the run (0 to 7200 s)',
    ]);
  });
});
