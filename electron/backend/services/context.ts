// What every service receives instead of reaching for globals: the store, a clock, the acting user, an id source
// and a way to tell the UI that something changed. Tests pass a temporary store and a fixed clock.
import { randomUUID } from 'node:crypto';
import type { PushEvent } from '../../../shared/contract/events';
import type { PeelStore } from '../store/store';
import { createLabRuntime, type LabRuntime } from '../workers/lab-runtime';

export interface ServiceContext {
  store: PeelStore;
  /** UTC epoch milliseconds. */
  clock: () => number;
  /** The OS user name, recorded as the actor of every audit event. */
  user: string;
  newId: () => string;
  emit: (event: PushEvent) => void;
  /** Runs and sweeps in progress, and how simulations are run (a worker thread in the apps). */
  lab: LabRuntime;
}

export function createServiceContext(
  store: PeelStore,
  options: Partial<Omit<ServiceContext, 'store'>> & { user: string },
): ServiceContext {
  return {
    store,
    clock: options.clock ?? (() => Date.now()),
    user: options.user,
    newId: options.newId ?? (() => randomUUID()),
    emit: options.emit ?? (() => {}),
    lab: options.lab ?? createLabRuntime(),
  };
}
