import { describe, expect, it, vi } from 'vitest';
import { runToEnd } from '../../electron/backend/services/lab/test-lab';
import type { RunSummary } from '../../shared/contract/lab-entities';
import { taskManagerSeriesKey } from '../../shared/domain/lab/series-keys';
import { graphMetric } from '../charts/graph-metrics';
import { labFixtureForEachTest } from './lab-fixture.test-support';
import { CHART_POINTS } from './run-results-slice';

const lab = labFixtureForEachTest();
const state = lab.state;
const DIRECT = graphMetric('direct').metric;
const HEAP = graphMetric('heap').metric;

const openLab = lab.openLab;

/** A completed run of the lab.baseline, made behind the slice's back. */
async function completedRun(experimentId = lab.baseline.id): Promise<RunSummary> {
  const run = await runToEnd(lab.t, experimentId);
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
      const stored = lab.t.backend.store.runs.getSeries(
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

  it('fetches a whole run once per metric, whoever asks again', async () => {
    const run = await completedRun();
    await openLab();
    const seriesCalls = () => lab.client.calls.filter((call) => call.channel === 'runs.series').length;
    await state().loadRunSeries(run.id);
    expect(state().runSeries[run.id]).toMatchObject({ fromSec: null, metric: 'direct' });
    const before = seriesCalls();
    await state().loadRunSeries(run.id);
    state().selectRun(run.id);
    await state().loadRunSeries(run.id);
    expect(seriesCalls() - before).toBe(0);
    // A zoomed window replaces the whole-run view: going back to the whole run fetches it again.
    await state().loadRunSeries(run.id, { fromSec: 1000, toSec: 1099 });
    await state().loadRunSeries(run.id);
    expect(seriesCalls() - before).toBe(2);
    expect(state().runSeries[run.id]).toMatchObject({ fromSec: null, metric: 'direct' });
    // Another metric is another fetch.
    state().setMetric('heap');
    await vi.waitFor(() => expect(state().runSeries[run.id]?.metric).toBe('heap'));
    expect(seriesCalls() - before).toBe(3);
  });

  it('keeps the current metric when an answer for the previous one arrives late', async () => {
    const run = await completedRun();
    await openLab();
    await state().loadRunDetail(run.id);
    const release = lab.client.holdAnswers(
      (channel, request) =>
        channel === 'runs.series' && (request as { taskManagerMetric?: string }).taskManagerMetric === DIRECT,
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

describe('what the graph waits for', () => {
  it("asks for the heat map and the detail only once the graph's series are here", async () => {
    // Not through the lab's selection (which asks for them itself): the two asks a panel makes at once.
    const run = await runToEnd(lab.t, lab.baseline.id);
    const release = lab.client.holdAnswers((channel) => channel === 'runs.series');
    const before = lab.client.calls.length;
    const series = state().loadRunSeries(run.id);
    const heatmap = state().loadHeatmap(run.id);
    await vi.waitFor(() =>
      expect(lab.client.calls.slice(before).map((c) => c.channel)).toEqual(['runs.series']),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Held: nothing else has been asked for.
    expect(lab.client.calls.slice(before).map((c) => c.channel)).toEqual(['runs.series']);
    await release();
    await Promise.all([series, heatmap]);
    await vi.waitFor(() => expect(state().runDetails[run.id]).toBeDefined());
    expect(lab.client.calls.slice(before).map((c) => c.channel)).toEqual([
      'runs.series',
      'runs.get',
      'runs.heatmap',
    ]);
    expect(state().heatmaps[run.id]).toBeDefined();
  });
});

describe('a finished run', () => {
  it('is drawn from the graph sent with its news, with no series asked for', async () => {
    await openLab();
    const started = await state().startRun(lab.baseline.id);
    expect(state().selectedRunId).toBe(started!.id);
    await vi.waitFor(() => expect(state().finishedRuns[started!.id]?.status).toBe('completed'), {
      timeout: 20_000,
    });
    const view = state().runSeries[started!.id]!;
    expect(view).toMatchObject({ metric: 'direct', fromSec: null, toSec: null, notImported: [] });
    expect(view.series.map((s) => s.taskManager)).toEqual(['tm-1', 'tm-2']);
    await vi.waitFor(() => expect(state().runDetails[started!.id]).toBeDefined());
    expect(lab.client.calls.filter((call) => call.channel === 'runs.series')).toEqual([]);
    // The same points a fetch of the whole run gives.
    const [fetched] = await lab.t.call('runs.series', {
      runId: started!.id,
      keys: [taskManagerSeriesKey('tm-1', DIRECT)],
      points: CHART_POINTS,
    });
    expect(Array.from(view.series[0]!.data.values)).toEqual(
      Array.from(new Float32Array(Buffer.from(fetched!.values, 'base64').buffer.slice(0))),
    );
  });

  it('is fetched as before when the graphs show another metric than the one sent', async () => {
    await openLab();
    state().setMetric('heap');
    const started = await state().startRun(lab.baseline.id);
    await vi.waitFor(() => expect(state().runSeries[started!.id]?.metric).toBe('heap'), { timeout: 20_000 });
    expect(state().runSeries[started!.id]!.series[0]!.data.key).toBe(taskManagerSeriesKey('tm-1', HEAP));
  });

  it('finishing in the background is kept as news but not drawn', async () => {
    const run = await completedRun();
    await openLab();
    state().selectRun(run.id);
    const other = await lab.t.call('runs.start', { experimentId: lab.baseline.id });
    await vi.waitFor(() => expect(state().finishedRuns[other.id]?.status).toBe('completed'), {
      timeout: 20_000,
    });
    expect(state().runSeries[other.id]).toBeUndefined();
  });
});
