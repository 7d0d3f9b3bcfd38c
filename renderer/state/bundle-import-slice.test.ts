// The bundle-import slice against a real backend: a job that fails at once pushes its result before the call that
// started it answers, and the slice must not then show that job as running for ever (seen in CI under load).
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBackend, type TestBackend } from '../../electron/backend/services/test-backend';
import type { createPeelStore } from './store';
import type { createTestClient } from './test-client';
import { wireStore } from './wire-store.test-support';

let t: TestBackend;
let client: ReturnType<typeof createTestClient>;
let store: ReturnType<typeof createPeelStore>;
beforeEach(() => {
  t = createTestBackend();
  ({ client, store } = wireStore(t));
});
afterEach(() => t.dispose());

describe('the bundle-import slice', () => {
  it('shows a job that failed before its start answered as failed, not running', async () => {
    // The start's answer waits until the job has pushed its result.
    const release = client.holdAnswers((channel) => channel === 'bundles.importFile');
    const started = store.getState().importBundleFile(join(t.dataDir, 'missing.peel.json'));
    // The job's result is pushed (and shown) while the start's answer is still held.
    await vi.waitFor(() => expect(store.getState().bundleJobProblem).toMatch(/cannot be read/), {
      timeout: 30_000,
    });
    await release();
    await started;
    expect(store.getState().bundleJob).toBeNull();
    expect(store.getState().bundleJobProblem).toMatch(/missing\.peel\.json cannot be read/);
  });
});
