import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBaseline,
  createLabBackend,
  newInvestigation,
  runToEnd,
  SMALL,
} from '../../electron/backend/services/lab/test-lab';
import type { TestBackend } from '../../electron/backend/services/test-backend';
import type { Experiment, RunSummary } from '../../shared/contract/lab-entities';
import { taskManagerSeriesKey } from '../../shared/domain/lab/series-keys';
import { graphMetric } from '../charts/graph-metrics';
import { installClient } from './client-ref';
import { allRuns } from './lab-slice';
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

describe('loading the lab', () => {
  it('loads the state, the scenarios and selects the latest experiment with its plan', async () => {
    await openLab();
    expect(state()).toMatchObject({
      labInvestigationId: id,
      selectedExperimentId: baseline.id,
      selectedRunId: null,
    });
    expect(state().lab?.scenarioId).toBe(SMALL.scenario);
    await vi.waitFor(() => expect(state().scenarios.map((s) => s.id)).toContain(SMALL.scenario));
    await vi.waitFor(() => expect(state().plans[baseline.id]?.operators.length).toBe(13));
  });
});

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

describe('running', () => {
  it('starts a run after the preflight, follows its progress and shows it finished with its series', async () => {
    await openLab();
    const seen: number[] = [];
    store.subscribe((s) => {
      for (const fraction of Object.values(s.runProgress)) seen.push(fraction);
    });
    const run = await state().startRun(baseline.id);
    expect(run).toMatchObject({ status: 'running', experimentId: baseline.id });
    expect(state().lab?.preflight?.experimentId).toBe(baseline.id);
    expect(state().selectedRunId).toBe(run!.id);
    await t.backend.context.lab.jobs.get(run!.id)?.stored;
    await vi.waitFor(() => expect(allRuns(state().lab).map((r) => r.status)).toEqual(['completed']));
    expect(seen.some((fraction) => fraction > 0)).toBe(true);
    expect(state().runProgress).toEqual({});
    // The selected run's graph and heat map load once it has finished.
    await vi.waitFor(() => expect(state().runSeries[run!.id]?.series).toHaveLength(2));
    await vi.waitFor(() => expect(state().heatmaps[run!.id]?.columns).toBeGreaterThan(0));
  });

  it('loads the graphs of the selected run from whichever refresh first shows it completed', async () => {
    await openLab();
    // As when the refresh started by "run finished" was overtaken by a newer one (a verdict, a checklist tick):
    // the run is selected, has completed, and nothing has loaded its graphs yet.
    const run = await runToEnd(t, baseline.id);
    store.setState({ selectedRunId: run.id });
    expect(state().runSeries[run.id]).toBeUndefined();
    await state().refreshLab();
    await vi.waitFor(() => expect(state().runSeries[run.id]?.series).toHaveLength(2));
    await vi.waitFor(() => expect(state().heatmaps[run.id]?.columns).toBeGreaterThan(0));
  });

  it('ignores progress of runs in another investigation', async () => {
    await openLab();
    state().receiveRunProgress('run-elsewhere', 'another-investigation', 0.5);
    expect(state().runProgress).toEqual({});
  });
});

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

describe('comparisons', () => {
  it('opens a comparison of the runs picked, with their statements and series', async () => {
    const first = await completedRun();
    const second = await completedRun();
    await openLab();
    state().toggleCompare(first.id);
    state().toggleCompare(second.id);
    state().setCompareMode('multiples');
    await state().openComparison();
    expect(state().comparison?.runIds).toEqual([first.id, second.id]);
    expect(state().comparison?.statements).toEqual([
      expect.stringMatching(/^run #1 → #2, same experiment: /),
    ]);
    expect(state().runSeries[first.id]?.series).toHaveLength(2);
    expect(state().runSeries[second.id]?.series).toHaveLength(2);
    const [opened] = await t.call('audit.list', { investigationId: id, limit: 1 });
    expect(opened).toMatchObject({
      kind: 'comparison.opened',
      payload: { mode: 'multiples', metric: 'direct' },
    });
  });
});
