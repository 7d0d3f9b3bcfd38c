import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBaseline,
  createLabBackend,
  newInvestigation,
} from '../../electron/backend/services/lab/test-lab';
import type { TestBackend } from '../../electron/backend/services/test-backend';
import { installClient } from './client-ref';
import { routePushEvent } from './route-push-event';
import { createPeelStore } from './store';
import { createTestClient, type TestClient } from './test-client';

let t: TestBackend;
let client: TestClient;
let store: ReturnType<typeof createPeelStore>;
let id: string;

beforeEach(async () => {
  t = createLabBackend();
  client = createTestClient(t.backend);
  installClient(client);
  store = createPeelStore();
  // Pushed events reach the slices as renderer/main.tsx wires them.
  client.onEvent((event) => routePushEvent(store.getState(), event));
  id = await newInvestigation(t);
  // The baseline picks the scenario the editor previews.
  await createBaseline(t, id);
});
afterEach(() => t.dispose());

const state = () => store.getState();
const OFF_HEAP = 'taskmanager.memory.task.off-heap.size';

describe('the memory editor', () => {
  it('previews a configuration, then applies it to the lab and drops the preview', async () => {
    await state().loadLab(id);
    await state().previewMemory({ [OFF_HEAP]: '1g' });
    const preview = state().memoryPreview;
    if (!preview?.ok) throw new Error(`expected a preview, got ${JSON.stringify(preview)}`);
    expect(preview.memory.taskOffHeap).toBe(2 ** 30);
    expect(state().lab?.configOverrides).toEqual({});

    expect(await state().applyConfig({ [OFF_HEAP]: '1g' })).toBe(true);
    expect(state().memoryPreview).toBeNull();
    expect(state().lab?.configOverrides).toEqual({ [OFF_HEAP]: '1g' });
  });

  it('keeps the lab as it was when the backend refuses the configuration, saying why', async () => {
    await state().loadLab(id);
    expect(await state().applyConfig({ [OFF_HEAP]: 'lots' })).toBe(false);
    expect(state().lab?.configOverrides).toEqual({});
    expect(state().notices.map((n) => n.message)).toEqual([
      expect.stringMatching(/^lab\.setConfigOverrides: .*Could not parse value 'lots'/),
    ]);
  });

  it("forgets the preview when another investigation's lab opens", async () => {
    await state().loadLab(id);
    await state().previewMemory({ [OFF_HEAP]: '1g' });
    expect(state().memoryPreview).not.toBeNull();
    await state().loadLab(await newInvestigation(t, 'Another'));
    expect(state().memoryPreview).toBeNull();
  });
});
