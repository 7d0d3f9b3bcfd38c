// Test support: a backend on a real temporary SQLite file with a fixed, steppable clock and predictable ids.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, RequestOf, ResponseOf } from '../../../shared/contract/channels';
import type { PeelErrorShape } from '../../../shared/contract/errors';
import type { PushEvent } from '../../../shared/contract/events';
import { type Backend, openBackend } from '../backend';
import type { SimulationRunner } from '../workers/simulation-runner';

export const FIXED_START = Date.UTC(2026, 10, 24, 9, 0, 0);

export interface TestBackendOptions {
  /** How simulations run; lab tests pass `inProcessRunner` (the default is a worker thread). */
  runner?: SimulationRunner;
  /** The run queue's slots and bound (see run-queue.ts). */
  runQueue?: { slots?: number; maxWaiting?: number };
}

export interface TestBackend {
  backend: Backend;
  dataDir: string;
  events: PushEvent[];
  advance(ms: number): void;
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  fail(channel: string, request: unknown): Promise<PeelErrorShape>;
  reopen(): TestBackend;
  dispose(): void;
}

function wrap(dataDir: string, clockState: { now: number }, options: TestBackendOptions): TestBackend {
  const backend = openBackend({
    dataDir,
    host: 'browser',
    version: 'test',
    user: 'tester',
    clock: () => clockState.now,
    ...(options.runner ? { runner: options.runner } : {}),
    ...(options.runQueue ? { runQueue: options.runQueue } : {}),
  });
  const events: PushEvent[] = [];
  backend.subscribe((event) => events.push(event));
  return {
    backend,
    dataDir,
    events,
    advance(ms) {
      clockState.now += ms;
    },
    async call(channel, request) {
      const result = await backend.dispatch(channel, request);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as never;
    },
    async fail(channel, request) {
      const result = await backend.dispatch(channel, request);
      if (result.ok) throw new Error(`${channel} was expected to fail but succeeded`);
      return result.error;
    },
    reopen() {
      backend.close();
      return wrap(dataDir, clockState, options);
    },
    dispose() {
      try {
        backend.close();
      } catch {
        // already closed by a test that closes it on purpose
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function createTestBackend(options: TestBackendOptions = {}): TestBackend {
  const dataDir = mkdtempSync(join(tmpdir(), 'peel-test-'));
  return wrap(dataDir, { now: FIXED_START }, options);
}
