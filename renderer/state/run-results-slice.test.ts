import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBaseline,
  createLabBackend,
  newInvestigation,
  runToEnd,
} from '../../electron/backend/services/lab/test-lab';
import type { TestBackend } from '../../electron/backend/services/test-backend';
import type { Experiment, RunSummary } from '../../shared/contract/lab-entities';
import { taskManagerSeriesKey } from '../../shared/domain/lab/series-keys';
import { graphMetric } from '../charts/graph-metrics';
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
const DIRECT = graphMetric('direct').metric;
const HEAP = graphMetric('heap').metric;

async function openLab(): Promise<void> {
  await state().loadLab(id);
  expect(state().lab?.experiments.map((e) => e.id)).toEqual([baseline.id]);
}

/** A completed run of the baseline, made behind the slice's back. */
async function completedRun(experimentId = baseline.id): Promise<RunSummary> {
  const run = await runToEnd(t, experimentId);
  await state().refreshLab();
  return run;
}

describe('run series', () => {
  it('decodes one series per TaskManager for the current metric', async () => {
    const run = await completedRun();
    await openLab();
    await state().loadRunSeries(run.id);
    const view = state().runSeries[run.id]!;
    expect(view).toMatchObject({ metric: 'direct', fromSec: null, toSec: null });
    expect(view.series.map((s) => s.taskManager)).toEqual(['tm-1', 'tm-2']);
    for (const { taskManager, data } of view.series) {
      const stored = t.backend.store.runs.getSeries(
        run.id,
        taskManagerSeriesKey(taskManager, DIRECT),
      )!.values;
      expect(data.key).toBe(taskManagerSeriesKey(taskManager, DIRECT));
      expect(data.values).toBeInstanceOf(Float32Array);
      expect(data.timesSec.length).toBe(data.values.length);
      expect(Math.max(...data.values.filter(Number.isFinite))).toBe(
        Math.max(...stored.filter(Number.isFinite)),
      );
    }
    await state().loadRunSeries(run.id, { fromSec: 1000, toSec: 1099 });
    const zoomed = state().runSeries[run.id]!;
    expect(zoomed).toMatchObject({ fromSec: 1000, toSec: 1099 });
    expect(zoomed.series[0]!.data).toMatchObject({ exact: true });
    expect(zoomed.series[0]!.data.values.length).toBe(100);
  });

  it('keeps the current metric when an answer for the previous one arrives late', async () => {
    const run = await completedRun();
    await openLab();
    await state().loadRunDetail(run.id);
    const release = client.holdAnswers(
      (channel, request) =>
        channel === 'runs.series' && (request as { keys: string[] }).keys[0]?.endsWith(DIRECT) === true,
    );
    const late = state().loadRunSeries(run.id);
    state().setMetric('heap');
    await vi.waitFor(() => expect(state().runSeries[run.id]?.metric).toBe('heap'));
    await release();
    await late;
    expect(state().runSeries[run.id]?.metric).toBe('heap');
    expect(state().runSeries[run.id]?.series[0]?.data.key).toBe(taskManagerSeriesKey('tm-1', HEAP));
  });
});
