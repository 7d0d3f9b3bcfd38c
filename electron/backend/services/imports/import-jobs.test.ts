// Background imports through the app's channels against a real Prometheus (Debian's package, seeded with promtool):
// progress and the result are pushed, the token never reaches the trail, and a cancelled query imports nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../../shared/contract/events';
import { createLabBackend, newInvestigation, trail } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';
import { importJobsSettled } from './import-jobs';
import { startPrometheus, type TestPrometheus } from './test-prometheus';

const MiB = 2 ** 20;
const T0 = Math.floor(Date.now() / 1000 / 60) * 60 - 2 * 3600;
const STEP = 15;
const POINTS = 240;
const DIRECT = 'flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed';

function seed(): string {
  const lines = [`# TYPE ${DIRECT} gauge`];
  for (let i = 0; i < POINTS; i++) {
    lines.push(`${DIRECT}{tm_id="tm_1"} ${128 * MiB + Math.floor(i / 60) * 16 * MiB} ${T0 + i * STEP}`);
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

let prometheus: TestPrometheus;
let t: TestBackend;
let investigationId: string;

beforeAll(async () => {
  prometheus = await startPrometheus({ openMetrics: seed() });
  t = createLabBackend();
  investigationId = await newInvestigation(t);
}, 180_000);
afterAll(async () => {
  t?.dispose();
  await prometheus?.stop();
}, 60_000);

const pushedEvents = (): PushEvent[] => t.events;
const finished = (jobId: string) =>
  pushedEvents().find(
    (e): e is Extract<PushEvent, { name: 'import.finished' }> =>
      e.name === 'import.finished' && e.payload.jobId === jobId,
  );

describe('background imports', () => {
  it('queries a live Prometheus, pushes progress and the stored import, and keeps the token out of the trail', async () => {
    const { jobId } = await t.call('real.queryPrometheus', {
      investigationId,
      url: prometheus.url,
      query: DIRECT,
      startSec: T0,
      endSec: T0 + (POINTS - 1) * STEP,
      stepSec: STEP,
      auth: { kind: 'bearer', token: 'sekrit-token-123' },
    });
    await importJobsSettled(t.backend.context);
    const done = finished(jobId);
    expect(done?.payload.error).toBeNull();
    expect(pushedEvents().some((e) => e.name === 'import.progress' && e.payload.jobId === jobId)).toBe(true);
    const [imported] = await t.call('real.imports', { investigationId });
    expect(imported).toMatchObject({
      id: done?.payload.importId,
      origin: 'prometheus',
      format: 'prometheus-json',
    });
    expect(imported?.series[0]).toMatchObject({ taskManager: 'tm_1', points: POINTS, verdict: 'leak' });
    expect(imported?.source).toContain('query_range?query=');
    const events = await trail(t, investigationId);
    expect(JSON.stringify(events)).not.toContain('sekrit');
    expect(events.find((e) => e.kind === 'metrics.imported')?.payload).toMatchObject({
      origin: 'prometheus',
      contentSha256: imported?.contentSha256,
    });
  });

  it('streams a file from disk with progress, and refuses a bad one naming its line with nothing imported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-import-'));
    try {
      const rows = Array.from({ length: 2000 }, (_, i) => `${1_795_500_000_000 + i * 15_000},${128 * MiB}`);
      writeFileSync(join(dir, 'flat.csv'), [`"Time","${DIRECT}{tm_id=""tm-9""}"`, ...rows].join('\n'));
      writeFileSync(join(dir, 'bad.csv'), [`"Time","${DIRECT}"`, '2000,1', '1000,2'].join('\n'));
      const before = (await t.call('real.imports', { investigationId })).length;
      const good = await t.call('real.importFile', { investigationId, path: join(dir, 'flat.csv') });
      const bad = await t.call('real.importFile', { investigationId, path: join(dir, 'bad.csv') });
      await importJobsSettled(t.backend.context);
      expect(finished(good.jobId)?.payload.error).toBeNull();
      expect(finished(bad.jobId)?.payload.error?.message).toMatch(/bad\.csv: line 3/);
      const after = await t.call('real.imports', { investigationId });
      expect(after).toHaveLength(before + 1);
      expect(after.at(-1)?.series[0]).toMatchObject({ taskManager: 'tm-9', points: 2000, verdict: 'flat' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows: re-queries up to now until stopped, then imports the last answer it read', async () => {
    const before = (await t.call('real.imports', { investigationId })).length;
    // The test backend's clock is fixed in the past: follow reads "now" from it, so move it to the real now.
    t.advance(Date.now() - t.backend.context.clock());
    const { jobId } = await t.call('real.follow', {
      investigationId,
      url: prometheus.url,
      query: DIRECT,
      startSec: T0,
      stepSec: STEP,
    });
    await expect
      .poll(() => pushedEvents().some((e) => e.name === 'import.progress' && e.payload.jobId === jobId), {
        timeout: 60_000,
      })
      .toBe(true);
    expect(await t.call('real.cancel', { jobId })).toEqual({ cancelled: true });
    await importJobsSettled(t.backend.context);
    expect(finished(jobId)?.payload.error).toBeNull();
    const after = await t.call('real.imports', { investigationId });
    expect(after).toHaveLength(before + 1);
    // Up to now: Prometheus repeats the last sample for its 5-minute lookback after the seeded range ends.
    expect(after.at(-1)?.series[0]?.taskManager).toBe('tm_1');
    expect(after.at(-1)?.series[0]?.points).toBeGreaterThanOrEqual(POINTS);
  }, 90_000);

  it('a cancelled query imports nothing and says so', async () => {
    const before = (await t.call('real.imports', { investigationId })).length;
    const { jobId } = await t.call('real.queryPrometheus', {
      investigationId,
      url: prometheus.url,
      query: DIRECT,
      startSec: T0,
      endSec: T0 + (POINTS - 1) * STEP,
      stepSec: STEP,
    });
    expect(await t.call('real.cancel', { jobId })).toEqual({ cancelled: true });
    await importJobsSettled(t.backend.context);
    expect(finished(jobId)?.payload.error?.code).toBe('cancelled');
    expect(await t.call('real.imports', { investigationId })).toHaveLength(before);
  });
});
