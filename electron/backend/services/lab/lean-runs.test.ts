import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskManagerSeriesKey } from '../../../../shared/domain/lab/series-keys';
import { isKeptSeriesKey } from '../../store/kept-series';
import { inProcessRunner } from '../../workers/simulation-runner';
import type { TestBackend } from '../test-backend';
import { replayRuns, replayTargets } from '../trail/replay';
import { storedSeriesHash } from '../trail/verify-state';
import {
  createBaseline,
  createLabBackend,
  createWholeRunsBackend,
  eventsOfKind,
  newInvestigation,
  runToEnd,
} from './test-lab';

const HEAP_TM1 = taskManagerSeriesKey('tm-1', 'Status.JVM.Memory.Heap.Used');
const DIRECT_TM1 = taskManagerSeriesKey('tm-1', 'Status.JVM.Memory.Direct.MemoryUsed');

let lean: TestBackend;
let whole: TestBackend;
let leanInvestigation: string;
let leanRunId: string;
let wholeRunId: string;

beforeAll(async () => {
  lean = createLabBackend();
  whole = createWholeRunsBackend();
  leanInvestigation = await newInvestigation(lean);
  leanRunId = (await runToEnd(lean, (await createBaseline(lean, leanInvestigation)).id)).id;
  const wholeInvestigation = await newInvestigation(whole);
  wholeRunId = (await runToEnd(whole, (await createBaseline(whole, wholeInvestigation)).id)).id;
}, 60_000);
afterAll(() => {
  lean.dispose();
  whole.dispose();
});

const seriesOf = async (t: TestBackend, runId: string, key: string) =>
  (await t.call('runs.series', { runId, keys: [key], points: 20_000 }))[0]!;

describe('lean runs: the kept series on disk, the rest re-derived when read', () => {
  it('stores a 6 h, parallelism 8 run of the seed job in at most 250 KB', async () => {
    const t = createLabBackend();
    try {
      const id = await newInvestigation(t);
      const run = await runToEnd(
        t,
        (await createBaseline(t, id, { scenario: 'offheap-map-leak', hours: 6, parallelism: 8 })).id,
      );
      const bytes = t.backend.store.db
        .prepare<[string], { bytes: number }>(
          `SELECT (SELECT sum(length(data)) FROM run_series WHERE run_id = runs.id) + length(analysis)
                  + length(topology) + length(events) AS bytes FROM runs WHERE id = ?`,
        )
        .get(run.id)!.bytes;
      expect(bytes).toBeLessThan(250 * 1024);
      const detail = await t.call('runs.get', { runId: run.id });
      expect(detail.seriesKeys.length).toBe(119);
      const onDisk = t.backend.store.runs.listSeriesKeys(run.id);
      expect(onDisk.length).toBeGreaterThan(8);
      expect(onDisk.every(isKeptSeriesKey)).toBe(true);
    } finally {
      t.dispose();
    }
  }, 60_000);

  it('gives a series not on disk exactly as a run stored whole holds it', async () => {
    expect(lean.backend.store.runs.getSeries(leanRunId, HEAP_TM1)).toBeUndefined();
    expect(whole.backend.store.runs.getSeries(wholeRunId, HEAP_TM1)).toBeDefined();
    expect(await seriesOf(lean, leanRunId, HEAP_TM1)).toEqual(await seriesOf(whole, wholeRunId, HEAP_TM1));
    expect(await seriesOf(lean, leanRunId, DIRECT_TM1)).toEqual(
      await seriesOf(whole, wholeRunId, DIRECT_TM1),
    );
    const [leanDetail, wholeDetail] = await Promise.all([
      lean.call('runs.get', { runId: leanRunId }),
      whole.call('runs.get', { runId: wholeRunId }),
    ]);
    expect(leanDetail.seriesKeys).toEqual(wholeDetail.seriesKeys);
  });

  it('records the hash of the kept part in run.completed, and verify holds the disk to it', async () => {
    const [completed] = await eventsOfKind(lean, leanInvestigation, 'run.completed');
    expect(completed!.payload.keptSeriesHash).toBe(
      (storedSeriesHash(lean.backend.store, leanRunId) as { hash: string }).hash,
    );
    expect((await lean.call('audit.verify', {})).ok).toBe(true);
  });

  it('verify names a run whose recorded parameters to re-derive from were edited on disk', async () => {
    const t = createLabBackend();
    try {
      const id = await newInvestigation(t);
      const run = await runToEnd(t, (await createBaseline(t, id)).id);
      t.backend.store.db
        .prepare("UPDATE run_derivations SET params = json_set(params, '$.seed', 99) WHERE run_id = ?")
        .run(run.id);
      const result = await t.call('audit.verify', {});
      expect(result.ok).toBe(false);
      expect(result.state.firstMismatch?.message).toMatch(
        /^run 1: the parameters it is re-derived from is not what event #\d+ recorded/,
      );
    } finally {
      t.dispose();
    }
  });
});

describe('runs.discardData', () => {
  it('removes the series, plan and events from disk; the audit events stay, verify is intact, reads and replay re-derive it', async () => {
    const t = createLabBackend();
    try {
      const id = await newInvestigation(t);
      const run = await runToEnd(t, (await createBaseline(t, id)).id);
      const before = {
        direct: await seriesOf(t, run.id, DIRECT_TM1),
        heap: await seriesOf(t, run.id, HEAP_TM1),
        detail: await t.call('runs.get', { runId: run.id }),
      };
      const eventsBefore = (await t.call('audit.list', { investigationId: id, limit: 500 })).length;

      const discarded = await t.call('runs.discardData', { runId: run.id });
      expect(discarded.dataDiscarded).toMatchObject({ by: 'tester' });
      expect(t.backend.store.runs.listSeriesKeys(run.id)).toEqual([]);
      const row = t.backend.store.runs.get(run.id)!;
      expect([row.topology, row.events]).toEqual([null, null]);
      expect(row.verdict).toBe(run.verdict);

      const [event] = await eventsOfKind(t, id, 'run.data-discarded');
      const [completed] = await eventsOfKind(t, id, 'run.completed');
      expect(event!.payload).toMatchObject({ runId: run.id, seriesHash: completed!.payload.seriesHash });
      expect(event!.payload.freedBytes).toBeGreaterThan(10_000);
      expect((await t.call('audit.list', { investigationId: id, limit: 500 })).length).toBe(eventsBefore + 1);

      const verified = await t.call('audit.verify', {});
      expect(verified.ok).toBe(true);
      expect(verified.state.ok).toBe(true);

      const lab = await t.call('lab.state', { investigationId: id });
      expect(lab.experiments[0]!.runs[0]!.dataDiscarded).toMatchObject({ by: 'tester' });

      expect(await seriesOf(t, run.id, DIRECT_TM1)).toEqual(before.direct);
      expect(await seriesOf(t, run.id, HEAP_TM1)).toEqual(before.heap);
      const detail = await t.call('runs.get', { runId: run.id });
      expect({ ...detail, run: { ...detail.run, dataDiscarded: undefined } }).toEqual({
        ...before.detail,
        run: { ...before.detail.run, dataDiscarded: undefined },
      });

      const replayed = await replayRuns(replayTargets(t.backend.store, id), {
        runner: inProcessRunner,
        storedSeriesHashOf: (target) => storedSeriesHash(t.backend.store, target.localRunId),
      });
      expect(replayed).toMatchObject({ ok: true, replayed: 1, firstMismatch: null });

      // Twice is once: nothing more is recorded.
      await t.call('runs.discardData', { runId: run.id });
      expect(await eventsOfKind(t, id, 'run.data-discarded')).toHaveLength(1);
    } finally {
      t.dispose();
    }
  });

  it('verify names a discard nobody recorded', async () => {
    const t = createLabBackend();
    try {
      const id = await newInvestigation(t);
      const run = await runToEnd(t, (await createBaseline(t, id)).id);
      t.backend.store.runs.discardData(run.id, 1, 'someone');
      const result = await t.call('audit.verify', {});
      expect(result.ok).toBe(false);
      expect(result.state.firstMismatch?.message).toMatch(/run 1: /);
    } finally {
      t.dispose();
    }
  });

  it('keeps a run stored whole, saying why', async () => {
    const error = await whole.fail('runs.discardData', { runId: wholeRunId });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/run #1 is stored whole .* so it is kept/);
  });
});
