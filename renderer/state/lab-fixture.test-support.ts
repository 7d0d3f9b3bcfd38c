// Test support for the slice tests: a renderer store wired to an in-process lab backend (real services, real
// SQLite, fixed clock) exactly as renderer/start-app.tsx wires the real client, with one investigation and, unless
// asked otherwise, its baseline experiment.
import { afterEach, beforeEach, expect } from 'vitest';
import {
  createBaseline,
  createLabBackend,
  newInvestigation,
} from '../../electron/backend/services/lab/test-lab';
import type { TestBackend } from '../../electron/backend/services/test-backend';
import type { Experiment } from '../../shared/contract/lab-entities';
import type { createPeelStore } from './store';
import type { TestClient } from './test-client';
import { wireStore } from './wire-store.test-support';

export interface LabFixture {
  t: TestBackend;
  client: TestClient;
  store: ReturnType<typeof createPeelStore>;
  /** The investigation's id. */
  id: string;
  /** The baseline experiment (absent with `{ baseline: false }`). */
  baseline: Experiment;
  state(): ReturnType<ReturnType<typeof createPeelStore>['getState']>;
  /** Loads the lab and checks it shows the baseline only. */
  openLab(): Promise<void>;
}

/** Registers a fresh fixture before each test (disposed after it); its fields are read inside the tests. */
export function labFixtureForEachTest(options: { baseline?: boolean } = {}): LabFixture {
  const fixture = {} as LabFixture;
  beforeEach(async () => {
    fixture.t = createLabBackend();
    Object.assign(fixture, wireStore(fixture.t));
    fixture.id = await newInvestigation(fixture.t);
    if (options.baseline !== false) fixture.baseline = await createBaseline(fixture.t, fixture.id);
  });
  afterEach(() => fixture.t.dispose());
  fixture.state = () => fixture.store.getState();
  fixture.openLab = async () => {
    await fixture.state().loadLab(fixture.id);
    expect(fixture.state().lab?.experiments.map((e) => e.id)).toEqual([fixture.baseline.id]);
  };
  return fixture;
}
