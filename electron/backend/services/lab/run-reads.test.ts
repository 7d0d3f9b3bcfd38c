import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../../../shared/contract/lab-entities';
import { operatorSeriesKey, taskManagerSeriesKey } from '../../../../shared/domain/lab/series-keys';
import type { TestBackend } from '../test-backend';
import { createBaseline, createLabBackend, derive, newInvestigation, runToEnd } from './test-lab';

// One investigation with a leaking baseline and a run with layer 3 peeled, read by every test below.
let t: TestBackend;
let baselineRun: RunSummary;
let peeledRun: RunSummary;
let pausedRun: RunSummary;
let detail: RunDetail;
beforeAll(async () => {
  t = createLabBackend();
  const id = await newInvestigation(t);
  const baseline = await createBaseline(t, id);
  baselineRun = await runToEnd(t, baseline.id);
  peeledRun = await runToEnd(t, (await derive(t, baseline, { removed: ['layer3'] })).id);
  const paused = await derive(t, baseline, { pauseSink: [{ fromSec: 1200, toSec: 2400, slowdown: 0 }] });
  pausedRun = await runToEnd(t, paused.id);
  detail = await t.call('runs.get', { runId: baselineRun.id });
});
afterAll(() => t.dispose());

const DIRECT_TM1 = taskManagerSeriesKey('tm-1', 'Status.JVM.Memory.Direct.MemoryUsed');
const floats = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};
const full = (runId: string, key: string) => t.backend.store.runs.getSeries(runId, key)!.values;
const finiteMax = (values: ArrayLike<number>) => Math.max(...Array.from(values).filter(Number.isFinite));
const finiteMin = (values: ArrayLike<number>) => Math.min(...Array.from(values).filter(Number.isFinite));

describe('runs.series', () => {
  it("downsamples the whole run to the chart's width keeping its peak and its trough", async () => {
    const [slice] = await t.call('runs.series', { runId: baselineRun.id, keys: [DIRECT_TM1], points: 200 });
    const stored = full(baselineRun.id, DIRECT_TM1);
    expect(stored.length).toBe(7200);
    expect(slice).toMatchObject({ key: DIRECT_TM1, exact: false });
    expect(slice!.points).toBeLessThanOrEqual(200);
    const values = floats(slice!.values);
    const times = floats(slice!.timesSec);
    expect(values.length).toBe(slice!.points);
    expect(times.length).toBe(slice!.points);
    expect(finiteMax(values)).toBe(finiteMax(stored));
    expect(finiteMin(values)).toBe(finiteMin(stored));
    // The stored extremes come from the simulator's float64 values; the samples are kept as float32.
    expect(Math.fround(slice!.max!)).toBe(finiteMax(stored));
    // Times rise, and each point is a real sample at its time.
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    for (let i = 0; i < times.length; i++)
      if (Number.isFinite(values[i]!)) expect(values[i]).toBe(stored[times[i]!]);
  });

  it('returns the exact samples of a narrow window', async () => {
    const [slice] = await t.call('runs.series', {
      runId: baselineRun.id,
      keys: [DIRECT_TM1],
      fromSec: 1000,
      toSec: 1099,
      points: 400,
    });
    expect(slice).toMatchObject({ exact: true, points: 100 });
    expect(Array.from(floats(slice!.timesSec))).toEqual(Array.from({ length: 100 }, (_, i) => 1000 + i));
    expect(Array.from(floats(slice!.values))).toEqual(
      Array.from(full(baselineRun.id, DIRECT_TM1).slice(1000, 1100)),
    );
  });

  it('reads several keys at once, in the order asked', async () => {
    const keys = [taskManagerSeriesKey('tm-2', 'Status.JVM.Memory.Direct.MemoryUsed'), DIRECT_TM1];
    const slices = await t.call('runs.series', { runId: baselineRun.id, keys, points: 100 });
    expect(slices.map((slice) => slice.key)).toEqual(keys);
  });

  it('names a series the run does not have', async () => {
    const error = await t.fail('runs.series', {
      runId: peeledRun.id,
      keys: ['op/currency-convert/busyTimeMsPerSecond'],
      points: 100,
    });
    expect(error).toMatchObject({
      code: 'not-found',
      message: "runs.series: run #2 has no series 'op/currency-convert/busyTimeMsPerSecond'.",
    });
  });
});

describe('runs.heatmap', () => {
  it('is an operators x columns matrix of the highest back pressure in each column', async () => {
    // The sink paused for 20 minutes: back pressure rises through the job and falls back.
    const heatmap = await t.call('runs.heatmap', { runId: pausedRun.id, columns: 100 });
    const plan = (await t.call('runs.get', { runId: pausedRun.id })).plan;
    expect(heatmap.operators).toEqual(plan.operators.map((op) => ({ id: op.id, layer: op.layer })));
    expect(heatmap).toMatchObject({ startSec: 0, stepSec: 72, columns: 100 });
    const values = floats(heatmap.values);
    expect(values.length).toBe(heatmap.operators.length * 100);
    heatmap.operators.forEach((op, row) => {
      const series = full(pausedRun.id, operatorSeriesKey(op.id, 'backPressuredTimeMsPerSecond'));
      for (let column = 0; column < 100; column++) {
        const window = Array.from(series.slice(column * 72, (column + 1) * 72)).filter(
          (v) => !Number.isNaN(v),
        );
        const cell = values[row * 100 + column]!;
        if (window.length === 0) expect(cell).toBeNaN();
        else expect(cell, `${op.id} column ${column}`).toBe(Math.max(...window));
      }
    });
    const source = heatmap.operators.findIndex((op) => op.id === 'kafka-clicks');
    expect(values[source * 100 + 20]).toBe(1000);
    expect(values[source * 100 + 5]).toBeLessThan(1000);
  });

  it('covers a window, never more columns than seconds', async () => {
    const heatmap = await t.call('runs.heatmap', {
      runId: baselineRun.id,
      fromSec: 600,
      toSec: 640,
      columns: 100,
    });
    expect(heatmap).toMatchObject({ startSec: 600, stepSec: 1, columns: 40 });
  });

  it('shows only the operators that ran in a peeled run', async () => {
    const heatmap = await t.call('runs.heatmap', { runId: peeledRun.id, columns: 50 });
    const ids = heatmap.operators.map((op) => op.id);
    for (const gone of ['aggregate-spend', 'currency-convert', 'format-druid-rows', 'druid-sink'])
      expect(ids).not.toContain(gone);
    expect(ids).toContain('kvstore-enrich');
  });
});

describe('runs.get', () => {
  it('gives the run with its experiment, plan, events and per-TaskManager verdicts', () => {
    expect(detail.run).toEqual(baselineRun);
    expect(detail.experiment).toMatchObject({ id: baselineRun.experimentId, seq: 1, label: 'baseline' });
    expect(detail.experiment).not.toHaveProperty('runs');
    expect(detail.plan.operators.map((op) => op.id)).toContain('currency-convert');
    expect(detail.plan.durationSec).toBe(7200);
    const shutdowns = detail.events.filter((event) => event.kind === 'container-shutdown');
    expect(shutdowns.map((event) => event.t)).toEqual(Array.from({ length: 11 }, (_, i) => 600 * (i + 1)));
    expect(
      detail.events.some((event) => event.kind === 'oom' && /direct buffer memory/.test(event.message)),
    ).toBe(true);
    expect(detail.taskManagers.map((tm) => tm.id)).toEqual(['tm-1', 'tm-2']);
    const tm1 = detail.taskManagers[0]!;
    expect(tm1.restartsSec.length).toBeGreaterThan(0);
    expect(tm1.directLimit).toBe(detail.run.directLimitBytes);
    expect(['leak', 'sawtooth']).toContain(tm1.verdict);
    expect(tm1.retainedBytesPerRestart).toBeGreaterThan(0);
    expect(detail.operators.map((op) => op.id)).toEqual(detail.plan.operators.map((op) => op.id));
    expect(detail.seriesKeys).toEqual([...detail.seriesKeys].sort());
    expect(detail.analysis.verdict).toBe(baselineRun.verdict);
  });

  it('names a run that does not exist', async () => {
    expect(await t.fail('runs.get', { runId: 'run-missing' })).toMatchObject({
      code: 'not-found',
      message: "There is no run with id 'run-missing'.",
    });
  });
});

describe('runs.series by TaskManager metric', () => {
  it("gives every TaskManager's series of that metric, in the run's order, as asking by key does", async () => {
    const metric = 'Status.JVM.Memory.Direct.MemoryUsed';
    const byMetric = await t.call('runs.series', {
      runId: baselineRun.id,
      taskManagerMetric: metric,
      points: 300,
    });
    const keys = detail.taskManagers.map((tm) => taskManagerSeriesKey(tm.id, metric));
    expect(byMetric.map((slice) => slice.key)).toEqual(keys);
    expect(byMetric).toEqual(await t.call('runs.series', { runId: baselineRun.id, keys, points: 300 }));
  });

  it('says to give keys or a metric, not both or neither', async () => {
    for (const request of [
      { runId: baselineRun.id, points: 300 },
      { runId: baselineRun.id, points: 300, keys: [DIRECT_TM1], taskManagerMetric: 'x' },
    ]) {
      await expect(t.call('runs.series', request)).rejects.toThrow(/either `keys` or `taskManagerMetric`/);
    }
  });
});
