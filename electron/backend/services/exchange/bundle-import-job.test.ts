// Bundle imports from disk as a job: streamed and hashed, progress pushed, one at a time (a second import, from a
// file or as text, is refused naming the one in progress), cancellable before anything is written.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PushEvent, PushEventPayload } from '../../../../shared/contract/events';
import { awaitRun, createBaseline, createLabBackend, gatedRunner, newInvestigation } from '../lab/test-lab';
import { createTestBackend, type TestBackend } from '../test-backend';
import { bundleImportSettled } from './bundle-import-job';

let folder: string;
let bundlePath: string;
let bundleBytes: Buffer;
beforeAll(async () => {
  const source = createLabBackend();
  try {
    const id = await newInvestigation(source, 'Exported for the import job');
    const baseline = await createBaseline(source, id);
    const run = await source.call('runs.start', { experimentId: baseline.id });
    await awaitRun(source, run.id);
    const text = (await source.call('exports.render', { investigationId: id, format: 'json' })).text;
    folder = mkdtempSync(join(tmpdir(), 'peel-bundle-job-'));
    bundlePath = join(folder, 'handover.peel.json');
    bundleBytes = Buffer.from(text, 'utf8');
    writeFileSync(bundlePath, bundleBytes);
  } finally {
    source.dispose();
  }
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let t: TestBackend;
beforeEach(() => {
  t = createLabBackend();
});
afterEach(() => t.dispose());

const pushed = <N extends PushEvent['name']>(name: N): PushEventPayload<N>[] =>
  t.events.flatMap((event) => (event.name === name ? [event.payload as PushEventPayload<N>] : []));
const countOf = (table: string) =>
  (t.backend.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const importedCount = () => countOf('imported_investigations');

describe('bundles.importFile', () => {
  it('streams the file, pushes progress, and imports it as the text import would', async () => {
    const job = await t.call('bundles.importFile', { path: bundlePath });
    expect(job.fileName).toBe('handover.peel.json');
    await bundleImportSettled(t.backend.context);
    const [finished] = pushed('bundle.finished');
    expect(finished).toMatchObject({ jobId: job.jobId, error: null, investigationId: expect.any(String) });
    const fractions = pushed('bundle.progress').map((p) => p.fraction);
    expect(fractions.length).toBeGreaterThanOrEqual(2);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    const status = await t.call('imports.status', { investigationId: finished!.investigationId! });
    expect(status.imported).toMatchObject({
      title: 'Exported for the import job',
      bundleSha256: createHash('sha256').update(bundleBytes).digest('hex'),
    });
    expect(status.imported!.chain.ok).toBe(true);
  });

  it('takes one import at a time: a second one, from a file or as text, is refused naming the first', async () => {
    const first = await t.call('bundles.importFile', { path: bundlePath });
    const again = await t.fail('bundles.importFile', { path: bundlePath });
    expect(again.code).toBe('conflict');
    expect(again.message).toBe(
      'bundles.importFile: another bundle import is in progress (handover.peel.json); bundles are imported one at a time. Wait for it to finish or cancel it, then import again. Nothing was imported.',
    );
    const asText = await t.fail('bundles.import', {
      text: bundleBytes.toString('utf8'),
      fileName: 'copy.json',
    });
    expect(asText.code).toBe('conflict');
    expect(asText.message).toMatch(
      /^bundles\.import: another bundle import is in progress \(handover\.peel\.json\)/,
    );
    await bundleImportSettled(t.backend.context);
    expect(pushed('bundle.finished')).toEqual([expect.objectContaining({ jobId: first.jobId, error: null })]);
    expect(importedCount()).toBe(1);
    // Once it is done, the next import is taken (and refused only for what it is: the same chain already here
    // would be a second copy, which the import allows as a separate investigation).
    await t.call('bundles.importFile', { path: bundlePath });
    await bundleImportSettled(t.backend.context);
    expect(importedCount()).toBe(2);
  });

  it('stops when cancelled, writing nothing', async () => {
    const before = countOf('audit_events');
    const job = await t.call('bundles.importFile', { path: bundlePath });
    expect(await t.call('bundles.cancelImport', { jobId: job.jobId })).toEqual({ cancelled: true });
    await bundleImportSettled(t.backend.context);
    expect(pushed('bundle.finished')).toEqual([
      {
        jobId: job.jobId,
        fileName: 'handover.peel.json',
        investigationId: null,
        error: { code: 'cancelled', message: 'cancelled: nothing was imported' },
      },
    ]);
    expect(importedCount()).toBe(0);
    expect(countOf('audit_events')).toBe(before);
    expect(countOf('investigations')).toBe(0);
    expect(await t.call('bundles.cancelImport', { jobId: job.jobId })).toEqual({ cancelled: false });
  });

  it('stops re-deriving its runs when cancelled then, writing nothing', async () => {
    const gated = gatedRunner();
    const held = createTestBackend({ runner: gated.runner });
    try {
      const job = await held.call('bundles.importFile', { path: bundlePath });
      // Checked in its thread, then waiting on the worker pool for its run's re-derivation.
      while (gated.started.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const progress = held.events.flatMap((event) =>
        event.name === 'bundle.progress' ? [event.payload] : [],
      );
      expect(progress.at(-1)?.message).toMatch(/re-deriving handover\.peel\.json's runs: 0 of 1/);
      expect(await held.call('bundles.cancelImport', { jobId: job.jobId })).toEqual({ cancelled: true });
      gated.open();
      await bundleImportSettled(held.backend.context);
      const finished = held.events.flatMap((event) =>
        event.name === 'bundle.finished' ? [event.payload] : [],
      );
      expect(finished).toEqual([
        {
          jobId: job.jobId,
          fileName: 'handover.peel.json',
          investigationId: null,
          error: { code: 'cancelled', message: 'cancelled: nothing was imported' },
        },
      ]);
      const count = (table: string) =>
        (held.backend.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(count('investigations')).toBe(0);
      expect(count('runs')).toBe(0);
    } finally {
      held.dispose();
    }
  });

  it('says what is wrong with a file it cannot import, and where', async () => {
    const missing = await t.call('bundles.importFile', { path: join(folder, 'nowhere.json') });
    await bundleImportSettled(t.backend.context);
    const notJson = join(folder, 'notes.txt');
    writeFileSync(notJson, 'these are not the droids\n');
    const second = await t.call('bundles.importFile', { path: notJson });
    await bundleImportSettled(t.backend.context);
    const ended = pushed('bundle.finished');
    expect(ended[0]).toMatchObject({
      jobId: missing.jobId,
      investigationId: null,
      error: {
        code: 'invalid-request',
        message: expect.stringMatching(/nowhere\.json cannot be read \(no such file\)/),
      },
    });
    expect(ended[1]).toMatchObject({
      jobId: second.jobId,
      error: { code: 'invalid-request', message: expect.stringMatching(/notes\.txt is not JSON/) },
    });
    expect(importedCount()).toBe(0);
  });
});
