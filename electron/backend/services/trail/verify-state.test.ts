// Forgeries a person with the database file and a SQLite shell could make to what Peel shows, each done against a
// real database: verify must catch every one and name the record and the event that disagrees.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeSeries } from '../../store/series-codec';
import type { PeelStore } from '../../store/store';
import { createBaseline, createLabBackend, newInvestigation, runToEnd } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';
import { verifyDatabase } from './verify-audit';

let t: TestBackend;
let store: PeelStore;
let runId: string;
let noteRevisionId: string;

beforeEach(async () => {
  t = createLabBackend();
  store = t.backend.store;
  const id = await newInvestigation(t, 'Direct OOMs in ads-metrics');
  const note = await t.call('notes.add', {
    investigationId: id,
    ruleId: null,
    body: 'Band-aid: 5G off-heap',
  });
  noteRevisionId = store.db
    .prepare<[string], { id: string }>('SELECT id FROM note_revisions WHERE note_id = ?')
    .get(note.id)!.id;
  await t.call('hypotheses.add', { investigationId: id, statement: 'Layer 3 leaks', ruleId: null });
  const baseline = await createBaseline(t, id);
  runId = (await runToEnd(t, baseline.id)).id;
});
afterEach(() => t.dispose());

/** Changes rows the way someone with a SQLite shell could: any trigger on the table dropped, then put back as it was. */
function forge(table: string, work: () => void): void {
  const triggers = store.db
    .prepare<[string], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
    )
    .all(table);
  for (const trigger of triggers) store.db.exec(`DROP TRIGGER ${trigger.name}`);
  work();
  for (const trigger of triggers) store.db.exec(trigger.sql);
}

const verify = () => verifyDatabase(store);

describe('verify holds what people read against the chain', () => {
  it('passes an untouched investigation with a run, its series bound by their hash', () => {
    const result = verify();
    expect(result).toMatchObject({
      ok: true,
      firstBad: null,
      state: { ok: true, investigations: 1, firstMismatch: null },
    });
  });

  it("names a run whose verdict and summary were rewritten: 'run 1: verdict is 'flat' but event #N recorded 'leak''", () => {
    const verdict = store.db
      .prepare<[string], { verdict: string }>('SELECT verdict FROM runs WHERE id = ?')
      .get(runId)!;
    store.db.prepare("UPDATE runs SET verdict = 'flat', summary = 'no leak' WHERE id = ?").run(runId);
    const result = verify();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toBeNull();
    expect(result.state.firstMismatch).toMatchObject({ subject: 'run', id: runId });
    expect(result.state.firstMismatch?.message).toMatch(
      /^run 1: (the summary is 'no leak'|verdict is 'flat') but event #\d+ recorded/,
    );
    store.db
      .prepare('UPDATE runs SET summary = (SELECT summary FROM runs WHERE id = ?) WHERE id = ?')
      .run(runId, runId);
    expect(verdict.verdict).not.toBe('flat');
  });

  it('names a run whose verdict alone was set to flat, with the verdict its event recorded', () => {
    const { verdict } = store.db
      .prepare<[string], { verdict: string }>('SELECT verdict FROM runs WHERE id = ?')
      .get(runId)!;
    store.db.prepare("UPDATE runs SET verdict = 'flat' WHERE id = ?").run(runId);
    expect(verify().state.firstMismatch?.message).toMatch(
      new RegExp(`^run 1: verdict is 'flat' but event #\\d+ recorded '${verdict}'$`),
    );
  });

  it('names a renamed investigation', () => {
    store.db.prepare("UPDATE investigations SET title = 'Nothing to see'").run();
    expect(verify().state.firstMismatch?.message).toMatch(
      /^the investigation: the title is 'Nothing to see' but event #1 recorded 'Direct OOMs in ads-metrics'$/,
    );
  });

  it('names a note whose text was edited with its trigger dropped and re-created with its original SQL', () => {
    forge('note_revisions', () =>
      store.db.prepare("UPDATE note_revisions SET body = 'All good' WHERE id = ?").run(noteRevisionId),
    );
    const result = verify();
    expect(result.triggers.ok).toBe(true);
    expect(result.state.firstMismatch).toMatchObject({ subject: 'note', id: noteRevisionId });
    expect(result.state.firstMismatch?.message).toContain(
      "the text is 'All good' but event #2 recorded 'Band-aid: 5G off-heap'",
    );
  });

  it('names a hypothesis whose decision was changed', () => {
    store.db.prepare("UPDATE hypotheses SET status = 'refuted', reason = 'ruled out'").run();
    expect(verify().state.firstMismatch?.message).toMatch(
      /^hypothesis 'Layer 3 leaks': the status is 'refuted' but event #\d+ recorded 'open'$/,
    );
  });

  it("names a run whose series values were replaced by valid, different ones (the chain's series hash)", () => {
    const series = store.db
      .prepare<[string], { series_key: string; length: number }>(
        "SELECT series_key, length FROM run_series WHERE run_id = ? AND series_key LIKE 'tm/%Direct.MemoryUsed'",
      )
      .get(runId)!;
    store.db
      .prepare('UPDATE run_series SET data = ? WHERE run_id = ? AND series_key = ?')
      .run(encodeSeries(new Float32Array(series.length).fill(1)), runId, series.series_key);
    expect(verify().state.firstMismatch?.message).toMatch(
      /^run 1: its series are not what event #\d+ recorded/,
    );
  });

  it("names a series blob corrupted inside its compressed data, instead of failing with zlib's words", () => {
    const blob = store.db
      .prepare<[string], { series_key: string; data: Buffer }>(
        'SELECT series_key, data FROM run_series WHERE run_id = ? LIMIT 1',
      )
      .get(runId)!;
    const corrupt = Buffer.from(blob.data);
    for (let i = 5; i < corrupt.length; i += 7) corrupt[i] = corrupt[i]! ^ 0xa5;
    store.db
      .prepare('UPDATE run_series SET data = ? WHERE run_id = ? AND series_key = ?')
      .run(corrupt, runId, blob.series_key);
    const message = verify().state.firstMismatch?.message ?? '';
    expect(message).toMatch(
      /^run 1: (its series '.+' cannot be read: the stored data is corrupt|its series are not what event)/,
    );
  });

  it('names an experiment whose parameters were changed', () => {
    store.db.prepare("UPDATE experiments SET params = json_set(params, '$.hours', 1)").run();
    expect(verify().state.firstMismatch?.message).toMatch(
      /^experiment #1: the parameters are .* but event #\d+ recorded/,
    );
  });

  it('names a run deleted from under the events that recorded it', () => {
    store.db.pragma('foreign_keys = OFF');
    store.db.prepare('DELETE FROM run_series WHERE run_id = ?').run(runId);
    store.db.prepare('DELETE FROM runs WHERE id = ?').run(runId);
    expect(verify().state.firstMismatch?.message).toMatch(/^run 1 recorded by event #\d+ is missing$/);
  });
});
