import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PushEventPayload, RUN_PREVIEW_POINTS } from '../../../../shared/contract/events';
import type { RunDetail } from '../../../../shared/contract/lab-entities';
import { taskManagerSeriesKey } from '../../../../shared/domain/lab/series-keys';
import { METRIC } from '../../../../shared/sim/engine/metric-names';
import type { TestBackend } from '../test-backend';
import { createTestBackend } from '../test-backend';
import { awaitRun, createBaseline, createLabBackend, gatedRunner, newInvestigation } from './test-lab';

// The graph sent with a finished run must be exactly what `runs.series` gives for the whole run (what is stored),
// and each bucket's minimum and maximum must be in it, so the first paint hides no peak.
let t: TestBackend;
let finished: PushEventPayload<'run.finished'>;
let detail: RunDetail;
beforeAll(async () => {
  t = createLabBackend();
  const id = await newInvestigation(t);
  const baseline = await createBaseline(t, id);
  const started = await t.call('runs.start', { experimentId: baseline.id });
  await awaitRun(t, started.id);
  const event = t.events.find((e) => e.name === 'run.finished' && e.payload.run.id === started.id);
  if (event?.name !== 'run.finished') throw new Error('no run.finished event');
  finished = event.payload;
  detail = await t.call('runs.get', { runId: started.id });
});
afterAll(() => t.dispose());

const floats = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

describe('the graph sent with a finished run', () => {
  it('is the direct memory of every TaskManager, as runs.series answers for the whole run', async () => {
    expect(finished.run.status).toBe('completed');
    const preview = finished.preview!;
    expect(preview).toMatchObject({ metric: METRIC.directMemoryUsed, points: RUN_PREVIEW_POINTS });
    expect(preview.taskManagers.map((tm) => tm.taskManager)).toEqual(detail.taskManagers.map((tm) => tm.id));
    const keys = preview.taskManagers.map((tm) =>
      taskManagerSeriesKey(tm.taskManager, METRIC.directMemoryUsed),
    );
    const fetched = await t.call('runs.series', { runId: finished.run.id, keys, points: RUN_PREVIEW_POINTS });
    expect(preview.taskManagers.map((tm) => tm.slice)).toEqual(fetched);
  });

  it("holds every bucket's minimum and maximum at their times, inside the run, in time order", () => {
    for (const { taskManager, slice } of finished.preview!.taskManagers) {
      const stored = t.backend.store.runs.getSeries(
        finished.run.id,
        taskManagerSeriesKey(taskManager, METRIC.directMemoryUsed),
      )!;
      const times = floats(slice.timesSec);
      const values = floats(slice.values);
      expect(times.length).toBe(values.length);
      expect(values.length).toBeLessThanOrEqual(RUN_PREVIEW_POINTS);
      expect(slice.exact).toBe(stored.values.length <= RUN_PREVIEW_POINTS);
      const at = new Map<number, number>();
      for (let i = 0; i < times.length; i++) {
        if (i > 0) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
        expect(times[i]!).toBeGreaterThanOrEqual(stored.startSec);
        expect(times[i]!).toBeLessThanOrEqual(stored.startSec + (stored.values.length - 1) * stored.stepSec);
        // Every point is a stored sample, as it is.
        const index = Math.round((times[i]! - stored.startSec) / stored.stepSec);
        if (!Number.isNaN(values[i]!)) expect(values[i]).toBe(stored.values[index]);
        at.set(index, values[i]!);
      }
      // Buckets of equal width over the whole series: each one's extremes are among the points.
      const buckets = RUN_PREVIEW_POINTS / 2;
      const count = stored.values.length;
      for (let b = 0; b < buckets; b++) {
        const from = Math.floor((b * count) / buckets);
        const to = Math.floor(((b + 1) * count) / buckets);
        let min = Number.POSITIVE_INFINITY;
        let max = Number.NEGATIVE_INFINITY;
        for (let i = from; i < to; i++) {
          const v = stored.values[i]!;
          if (Number.isNaN(v)) continue;
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        if (!Number.isFinite(min)) continue;
        const inBucket = [...at].filter(([index]) => index >= from && index < to).map(([, v]) => v);
        expect(inBucket).toContain(min);
        expect(inBucket).toContain(max);
      }
    }
  });

  it('is not sent with a run that did not complete', async () => {
    const gate = gatedRunner();
    const g = createTestBackend({ runner: gate.runner });
    try {
      const id = await newInvestigation(g);
      const baseline = await createBaseline(g, id);
      const started = await g.call('runs.start', { experimentId: baseline.id });
      await g.call('runs.cancel', { runId: started.id });
      gate.open();
      await awaitRun(g, started.id);
      const news = g.events.filter((e) => e.name === 'run.finished');
      expect(news.length).toBeGreaterThan(0);
      for (const event of news) {
        if (event.name !== 'run.finished') continue;
        expect(event.payload.run.status).toBe('cancelled');
        expect(event.payload.preview).toBeUndefined();
      }
    } finally {
      g.dispose();
    }
  });
});
