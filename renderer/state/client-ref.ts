// The client the slices call, set once at start (tests install a client wired to a real in-process backend).
import type { PeelClient } from '../api/client';

let current: PeelClient | null = null;

export function installClient(client: PeelClient): void {
  current = client;
}

export function api(): PeelClient {
  if (!current) throw new Error('The Peel client has not been installed yet');
  return current;
}
