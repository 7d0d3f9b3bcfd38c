// An import's series written ahead of its records: the import stores exactly what the one-transaction import did,
// and an import stopped between the two (cancelled, refused, or the process gone) leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabBackend, createWholeRunsBackend } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';
import { ImportCancelled } from './import-cancelled';
import { importBundle } from './imports';
import { discardLeftOverStaging, stageSeries } from './staged-series';
import { type Story, tellStory } from './test-story';

let story: Story;
/** Every run with every series carried as content (as a version 1 bundle, or the bench's 231 MB one): many batches. */
let wholeText: string;
beforeAll(async () => {
  story = await tellStory(createWholeRunsBackend());
  wholeText = (
    await story.t.call('exports.render', { investigationId: story.investigationId, format: 'json' })
  ).text;
}, 60_000);
afterAll(() => story.t.dispose());

const count = (t: TestBackend, table: string) =>
  (t.backend.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** A run's series as stored: key -> (shape, bytes as hex). */
function storedSeries(t: TestBackend, runId: string): Record<string, string> {
  const rows = t.backend.store.db
    .prepare<
      [string],
      { series_key: string; start_sec: number; step_sec: number; length: number; data: Buffer }
    >(
      'SELECT series_key, start_sec, step_sec, length, data FROM run_series WHERE run_id = ? ORDER BY series_key',
    )
    .all(runId);
  return Object.fromEntries(
    rows.map((r) => [r.series_key, `${r.start_sec}/${r.step_sec}/${r.length}/${r.data.toString('hex')}`]),
  );
}

function nothingLeft(t: TestBackend): void {
  for (const table of [
    'investigations',
    'runs',
    'run_series',
    'import_staged_runs',
    'imported_investigations',
  ]) {
    expect(count(t, table), table).toBe(0);
  }
}

describe('series written ahead of an import', () => {
  it('are the series the exporting database holds, in several batches, handed over to the recorded runs', async () => {
    const target = createLabBackend();
    try {
      const batches: string[] = [];
      const info = await importBundle(
        target.backend.context,
        { text: wholeText },
        { onProgress: (_fraction, message) => batches.push(message) },
      );
      expect(batches.filter((m) => /MB of series/.test(m)).length).toBeGreaterThan(1);
      const idMap = target.backend.store.imports.get(info.investigationId)!.idMap;
      const sourceRuns = story.t.backend.store.db
        .prepare<[string], { id: string }>('SELECT id FROM runs WHERE investigation_id = ?')
        .all(story.investigationId);
      expect(sourceRuns.length).toBeGreaterThan(0);
      for (const { id } of sourceRuns) {
        const expected = storedSeries(story.t, id);
        expect(Object.keys(expected).length).toBeGreaterThan(0);
        expect(storedSeries(target, idMap[id]!)).toEqual(expected);
      }
      expect(count(target, 'import_staged_runs')).toBe(0);
      // Every stored series belongs to a recorded run.
      expect(
        target.backend.store.db
          .prepare('SELECT count(*) AS n FROM run_series WHERE run_id NOT IN (SELECT id FROM runs)')
          .get(),
      ).toEqual({ n: 0 });
      expect(target.backend.store.db.pragma('foreign_key_check')).toEqual([]);
      expect(
        (await target.call('imports.status', { investigationId: info.investigationId })).imported?.chain.ok,
      ).toBe(true);
    } finally {
      target.dispose();
    }
  });

  it('are deleted when the import is cancelled between two batches', async () => {
    const target = createLabBackend();
    try {
      const controller = new AbortController();
      let staged = 0;
      const imported = importBundle(
        target.backend.context,
        { text: wholeText },
        {
          signal: controller.signal,
          onProgress: (_fraction, message) => {
            if (!/MB of series/.test(message)) return;
            staged++;
            // Some series are on disk, named as staged, and belong to no run yet.
            expect(count(target, 'run_series')).toBeGreaterThan(0);
            expect(count(target, 'import_staged_runs')).toBeGreaterThan(0);
            expect(count(target, 'runs')).toBe(0);
            controller.abort();
          },
        },
      );
      await expect(imported).rejects.toBeInstanceOf(ImportCancelled);
      expect(staged).toBe(1);
      nothingLeft(target);
    } finally {
      target.dispose();
    }
  });

  it('are deleted when the import is refused in its last transaction', async () => {
    const target = createLabBackend();
    try {
      // The hand-over is checked against the records only once they are written (after the series).
      const forged = JSON.parse(wholeText);
      forged.handover.nextStep = { ...forged.handover.nextStep, title: 'Nothing left to do' };
      await expect(importBundle(target.backend.context, { text: JSON.stringify(forged) })).rejects.toThrow(
        /handover: its next step/,
      );
      nothingLeft(target);
    } finally {
      target.dispose();
    }
  });

  it('that a stopped process left are deleted when the database is next opened', async () => {
    let target = createLabBackend();
    try {
      const [series] = story.t.backend.store.db
        .prepare<[], { data: Buffer }>('SELECT data FROM run_series LIMIT 1')
        .all();
      const blob = {
        key: 'tm-1/direct',
        startSec: 0,
        stepSec: 1,
        length: 3,
        min: 0,
        max: 1,
        data: series!.data,
      };
      await stageSeries(target.backend.context, 'stage-1', [
        { runId: 'run-a', series: [blob, { ...blob, key: 'tm-2/direct' }] },
        { runId: 'run-b', series: [blob] },
      ]);
      expect(count(target, 'run_series')).toBe(3);
      // The import's last transaction never ran: the process stopped here.
      target = target.reopen();
      nothingLeft(target);
      expect(discardLeftOverStaging(target.backend.context)).toBe(0);
    } finally {
      target.dispose();
    }
  });

  it('are never handed over to runs the import did not record', async () => {
    const target = createLabBackend();
    try {
      const [series] = story.t.backend.store.db
        .prepare<[], { data: Buffer }>('SELECT data FROM run_series LIMIT 1')
        .all();
      await stageSeries(target.backend.context, 'stage-2', [
        {
          runId: 'never-recorded',
          series: [{ key: 'k', startSec: 0, stepSec: 1, length: 1, min: 0, max: 0, data: series!.data }],
        },
      ]);
      expect(() =>
        target.backend.store.transaction(() => target.backend.store.importStaging.adopt('stage-2')),
      ).toThrow(/run never-recorded/);
      expect(count(target, 'import_staged_runs')).toBe(1);
    } finally {
      target.dispose();
    }
  });
});
