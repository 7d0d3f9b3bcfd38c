// Replay against real runs on a real database: re-running each recorded simulation from the parameters and seed its
// chain holds must give what the chain recorded, and a run whose stored series or recorded inputs were changed is
// named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeSeries } from '../../store/series-codec';
import { inProcessRunner } from '../../workers/simulation-runner';
import { createBaseline, createLabBackend, derive, newInvestigation, runToEnd } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';
import { replayRuns, replayTargets } from './replay';
import { storedSeriesHash } from './verify-state';

let t: TestBackend;
let investigationId: string;

beforeEach(async () => {
  t = createLabBackend();
  investigationId = await newInvestigation(t);
  const baseline = await createBaseline(t, investigationId);
  await runToEnd(t, baseline.id);
  const control = await derive(t, baseline, { control: true });
  await runToEnd(t, control.id);
});
afterEach(() => t.dispose());

const replay = (signal?: AbortSignal) =>
  replayRuns(replayTargets(t.backend.store, investigationId), {
    runner: inProcessRunner,
    storedSeriesHashOf: (target) => storedSeriesHash(t.backend.store, target.localRunId),
    ...(signal ? { signal } : {}),
  });

describe('replaying recorded runs', () => {
  it('reproduces every run of an untouched investigation from its recorded parameters and seed', async () => {
    const progress: string[] = [];
    const result = await replayRuns(replayTargets(t.backend.store, investigationId), {
      runner: inProcessRunner,
      storedSeriesHashOf: (target) => storedSeriesHash(t.backend.store, target.localRunId),
      onProgress: (done, total, current) => progress.push(`${done}/${total} ${current}`),
    });
    expect(result).toMatchObject({
      ok: true,
      cancelled: false,
      total: 2,
      replayed: 2,
      firstMismatch: null,
      notBound: [],
    });
    expect(progress[0]).toMatch(/^0\/2 run 1 of “/);
    expect(progress.at(-1)).toBe('2/2 done');
  });

  it('names a run whose stored series were altered', async () => {
    const store = t.backend.store;
    const run = store.db.prepare<[], { id: string }>('SELECT id FROM runs WHERE seq = 2').get()!;
    const series = store.db
      .prepare<[string], { series_key: string; length: number }>(
        'SELECT series_key, length FROM run_series WHERE run_id = ? LIMIT 1',
      )
      .get(run.id)!;
    store.db
      .prepare('UPDATE run_series SET data = ? WHERE run_id = ? AND series_key = ?')
      .run(encodeSeries(new Float32Array(series.length).fill(7)), run.id, series.series_key);
    const result = await replay();
    expect(result.ok).toBe(false);
    expect(result.firstMismatch?.message).toMatch(
      /^run 2 of “.+”: its stored series are not what replaying its recorded parameters gives$/,
    );
  });

  it('names a run whose recorded parameters do not give what was recorded (another seed)', async () => {
    const targets = replayTargets(t.backend.store, investigationId);
    targets[0]!.params = { ...targets[0]!.params, seed: targets[0]!.params.seed + 1 };
    const result = await replayRuns(targets, { runner: inProcessRunner });
    expect(result.ok).toBe(false);
    expect(result.firstMismatch?.message).toMatch(
      /^run 1 of “.+”: replaying its recorded parameters gives (the verdict|other series)/,
    );
  });

  it('stops when cancelled, saying so', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await replay(controller.signal)).toMatchObject({ ok: false, cancelled: true, replayed: 0 });
  });
});
