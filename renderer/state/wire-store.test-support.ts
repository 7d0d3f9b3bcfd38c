// Test support for the slice tests: a fresh renderer store wired to an in-process backend (real services, real
// SQLite) exactly as renderer/start-app.tsx wires the real client: calls go through a recording test client and pushed
// events reach the slices through routePushEvent.
import type { TestBackend } from '../../electron/backend/services/test-backend';
import { installClient } from './client-ref';
import { routePushEvent } from './route-push-event';
import { createPeelStore } from './store';
import { createTestClient, type TestClient } from './test-client';

export type PeelStore = ReturnType<typeof createPeelStore>;

export function wireStore(t: TestBackend): { client: TestClient; store: PeelStore } {
  const client = createTestClient(t.backend);
  installClient(client);
  const store = createPeelStore();
  client.onEvent((event) => routePushEvent(store.getState(), event));
  return { client, store };
}
