import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBaseline,
  createLabBackend,
  derive,
  gatedRunner,
  newInvestigation,
  RECENT_EXPERIMENTS,
  RUNS_PER_EXPERIMENT,
  runToEnd,
} from '../../electron/backend/services/lab/test-lab';
import { createTestBackend, type TestBackend } from '../../electron/backend/services/test-backend';
import type { Experiment } from '../../shared/contract/lab-entities';
import { installClient } from './client-ref';
import { allRuns } from './lab-runs';
import { routePushEvent } from './route-push-event';
import { EXPERIMENT_PAGE } from './run-list-slice';
import { createPeelStore } from './store';
import { createTestClient } from './test-client';
import { wireStore } from './wire-store.test-support';

let t: TestBackend;
let store: ReturnType<typeof createPeelStore>;
let id: string;

beforeEach(async () => {
  t = createLabBackend();
  store = wireStore(t).store;
  id = await newInvestigation(t);
});
afterEach(() => t.dispose());

const state = () => store.getState();
const seqs = () => state().lab!.experiments.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** `count` experiments, the first a baseline and the others derived from it. */
async function experiments(count: number): Promise<Experiment[]> {
  const made = [await createBaseline(t, id)];
  for (let i = 1; i < count; i++) made.push(await derive(t, made[0]!, { seed: i + 1 }));
  return made;
}

function copyRuns(template: string, count: number): void {
  const original = t.backend.store.runs.get(template)!;
  const last = t.backend.store.runs.listForInvestigation(id).at(-1)!.seq;
  t.backend.store.db.transaction(() => {
    for (let i = 1; i <= count; i++)
      t.backend.store.runs.insertCopy({ ...original, id: `copy-${last + i}`, seq: last + i });
  })();
}

describe('the run list beyond the window', () => {
  it('shows the window, loads older experiments page by page, and keeps them across lab states', async () => {
    const total = RECENT_EXPERIMENTS + EXPERIMENT_PAGE + 5;
    const made = await experiments(total);
    await state().loadLab(id);
    const firstRecent = total - RECENT_EXPERIMENTS + 1;
    expect(seqs()).toEqual([1, ...range(firstRecent, total)]);
    expect(state().lab!.runList.olderExperimentsBefore).toBe(firstRecent);

    await state().loadOlderExperiments();
    const afterOne = firstRecent - EXPERIMENT_PAGE;
    expect(seqs()).toEqual([1, ...range(afterOne, total)]);
    expect(state().lab!.runList.olderExperimentsBefore).toBe(afterOne);

    // New experiments move the server's window up; what the user loaded stays, with no gap between.
    await derive(t, made[0]!, { seed: 500 });
    await derive(t, made[0]!, { seed: 501 });
    await state().refreshLab();
    expect(seqs()).toEqual([1, ...range(afterOne, total + 2)]);
    expect(state().lab!.runList).toMatchObject({
      experimentsTotal: total + 2,
      olderExperimentsBefore: afterOne,
    });

    await state().loadOlderExperiments();
    expect(seqs()).toEqual(range(1, total + 2));
    expect(state().lab!.runList.olderExperimentsBefore).toBeNull();
  });

  it('keeps the list the size of the window until the user loads more, keeping the selected experiment', async () => {
    const made = await experiments(RECENT_EXPERIMENTS);
    await state().loadLab(id);
    state().selectExperiment(made[3]!.id);
    for (let i = 0; i < 5; i++) await derive(t, made[0]!, { seed: 900 + i });
    await state().refreshLab();
    // #2 to #5 left the window; #4 stays because it is selected.
    expect(seqs()).toEqual([1, 4, ...range(6, RECENT_EXPERIMENTS + 5)]);
  });

  it("loads an experiment's older runs and says when none are left", async () => {
    const [baseline] = await experiments(1);
    const first = await runToEnd(t, baseline!.id);
    copyRuns(first.id, 30);
    await state().loadLab(id);
    const shownBefore = allRuns(state().lab).length;
    expect(shownBefore).toBeLessThan(31);
    expect(state().lab!.runList.partial).toEqual([
      expect.objectContaining({ experimentId: baseline!.id, runsTotal: 31 }),
    ]);
    await state().loadOlderRuns(baseline!.id);
    expect(allRuns(state().lab).map((run) => run.seq)).toEqual(range(1, 31));
    expect(state().lab!.runList.partial).toEqual([]);
    // A later lab state (its window of runs again) does not take them back.
    await state().refreshLab();
    expect(allRuns(state().lab)).toHaveLength(31);
    expect(state().lab!.runList.partial).toEqual([]);
  });

  it('opens a run the window does not hold by reading it, with its experiment', async () => {
    const [baseline] = await experiments(1);
    const first = await runToEnd(t, baseline!.id);
    copyRuns(first.id, RUNS_PER_EXPERIMENT + 20);
    await state().loadLab(id);
    // Run #15: older than the window's newest runs, and past the few the coverage and evidence name.
    expect(allRuns(state().lab).some((run) => run.id === 'copy-15')).toBe(false);
    state().openRunInLab('copy-15');
    await vi.waitFor(() => expect(state().selectedRunId).toBe('copy-15'));
    await vi.waitFor(() => expect(allRuns(state().lab).map((run) => run.id)).toContain('copy-15'));
    expect(state().selectedExperimentId).toBe(baseline!.id);
    await state().refreshLab();
    expect(allRuns(state().lab).map((run) => run.id)).toContain('copy-15');
  });

  it('lists a run started elsewhere as soon as the pushed queue names it', async () => {
    // Simulations held at a gate: the run cannot finish, so only the queue's push can bring it into the list.
    t.dispose();
    const gate = gatedRunner();
    t = createTestBackend({ runner: gate.runner });
    const client = createTestClient(t.backend);
    installClient(client);
    store = createPeelStore();
    client.onEvent((event) => routePushEvent(store.getState(), event));
    id = await newInvestigation(t);
    const [baseline] = await experiments(1);
    await state().loadLab(id);
    expect(allRuns(state().lab)).toEqual([]);
    // Started by another window or a script: no lab state is asked for by this one.
    const started = await t.call('runs.start', { experimentId: baseline!.id });
    await vi.waitFor(() => expect(allRuns(state().lab).map((run) => run.id)).toEqual([started.id]));
    expect(allRuns(state().lab)[0]!.status).toBe('running');
    gate.open();
  });

  it('forgets what was loaded when another investigation opens', async () => {
    await experiments(RECENT_EXPERIMENTS + 3);
    await state().loadLab(id);
    await state().loadOlderExperiments();
    expect(seqs()).toHaveLength(RECENT_EXPERIMENTS + 3);
    const other = await newInvestigation(t, 'Other');
    await createBaseline(t, other);
    await state().loadLab(other);
    expect(seqs()).toEqual([1]);
    expect(state().runListLoaded.downTo).toBeNull();
  });
});
