import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateJsonSchema } from '../../../../shared/contract/json-schema-check';
import { PeelBundle } from '../../../../shared/contract/peel-bundle';
import { verifyExportedChain } from '../../../../shared/domain/chain-links';
import { AUDIT_CSV_COLUMNS } from '../../../../shared/report/audit-csv';
import { parseCsv } from '../../../../shared/report/csv-parse.test-support';
import type { Handlers } from '../handler-types';
import { createHandlers } from '../handlers';
import { findChromium } from './chromium-pdf';
import type { ExchangeHost } from './exchange-host';
import { saveWithDialog } from './exports';
import { sha256Hex } from './imports';
import { SCRIPT_NOTE, STORY_TITLE, type Story, tellStory } from './test-story';

let story: Story;
let id: string;
beforeAll(async () => {
  story = await tellStory();
  id = story.investigationId;
}, 60_000);
afterAll(() => story.t.dispose());

const eventsOf = async (investigationId: string) =>
  (await story.t.call('audit.list', { investigationId, limit: 1000 })).reverse();
const render = (format: 'md' | 'html' | 'csv' | 'json') =>
  story.t.call('exports.render', { investigationId: id, format });

describe('exports.render', () => {
  it('Markdown: the postmortem with its sections, tables, graphs as files, and the head it ends with', async () => {
    const before = await eventsOf(id);
    const head = story.t.backend.store.audit.head();
    const md = await render('md');
    const lines = md.text.split('\n');
    expect(lines[0]).toBe('# Postmortem: Direct OOMs in ads-metrics \\| \\<b\\>prod\\</b\\>');
    expect(lines.filter((l) => l.startsWith('## '))).toEqual([
      '## Summary',
      '## Hand-over',
      '## Hypotheses',
      '## Experiments',
      '## Verification (A/B/A)',
      '## Graphs',
      '## The nine rules',
      '## Timeline',
    ]);
    const timeline = lines.slice(lines.indexOf('## Timeline')).filter((l) => /^\| \d+ \|/.test(l));
    expect(timeline.map((l) => Number(l.split(' | ')[0]!.slice(2)))).toEqual(before.map((e) => e.seq));
    const experiments = lines.slice(
      lines.indexOf('## Experiments'),
      lines.indexOf('## Verification (A/B/A)'),
    );
    expect(experiments.filter((l) => /^\| #\d+ \|/.test(l))).toHaveLength(8);
    expect(md.text).toContain(
      '| 1 | Layer 2 leaks: without layer 3 the staircase remains | **refuted (ruled out)** |',
    );
    // The graphs of the story's key runs: baseline, control, the peels and the three A/B/A runs.
    expect(md.assets.map((a) => a.path.split('/')[1])).toEqual([
      'run-1-direct.svg',
      'run-2-direct.svg',
      'run-3-direct.svg',
      'run-4-direct.svg',
      'run-5-direct.svg',
      'run-6-direct.svg',
      'run-7-direct.svg',
      'run-8-direct.svg',
    ]);
    for (const asset of md.assets) {
      expect(md.text).toContain(`](${asset.path})`);
      expect(asset.text).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<path [\s\S]*<\/svg>\n$/);
      expect(asset.text).toContain('direct memory limit');
    }
    expect(md.head).toEqual({ count: head.seq, hash: head.hash });
    expect(lines.filter((l) => l.trim()).at(-1)).toBe(
      `Verify: \`npm run verify -- --db peel.sqlite --expect-head ${head.hash} --expect-count ${head.seq}\``,
    );
  });

  it('HTML: one file, no script, user text escaped, graphs inline, the head at the end', async () => {
    const html = await render('html');
    expect(html.assets).toEqual([]);
    expect(html.text).not.toMatch(/<script/i);
    expect(html.text).toContain('<h1>Direct OOMs in ads-metrics | &lt;b&gt;prod&lt;/b&gt;</h1>');
    expect(html.text).toContain('Tried &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; in a note');
    expect(html.text).not.toContain('<img');
    expect(html.text.match(/<figure id="graph-run-\d+" class="graph"><svg /g)).toHaveLength(8);
    for (const section of [
      'summary',
      'handover',
      'hypotheses',
      'experiments',
      'verification',
      'graphs',
      'rules',
      'timeline',
    ]) {
      expect(html.text).toContain(`<section id="${section}"`);
    }
    expect(html.text).toMatch(
      /<footer id="chain-head"[\s\S]*--expect-head [0-9a-f]{64} --expect-count \d+[\s\S]*<\/footer>\n<\/main>/,
    );
  });

  it('CSV: one row per event of the investigation, in seq order, and the chain head row', async () => {
    const before = await eventsOf(id);
    const csv = await render('csv');
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows.slice(1, -1).map((r) => Number(r[0]))).toEqual(before.map((e) => e.seq));
    expect(rows.slice(1, -1).map((r) => r[AUDIT_CSV_COLUMNS.indexOf('hash')])).toEqual(
      before.map((e) => e.hash),
    );
    for (const row of rows.slice(1, -1)) expect(row[2]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rows.at(-1)![AUDIT_CSV_COLUMNS.indexOf('hash')]).toBe(csv.head.hash);
  });

  it('JSON bundle: valid against the published JSON Schema and the zod schema, with a chain that verifies', async () => {
    const json = await render('json');
    const bundle: unknown = JSON.parse(json.text);
    const published = JSON.parse(
      readFileSync(new URL('../../../../shared/contract/peel-bundle.schema.json', import.meta.url), 'utf8'),
    );
    expect(validateJsonSchema(bundle, published)).toEqual([]);
    const parsed = PeelBundle.parse(bundle);
    expect(parsed.chain.head).toEqual(json.head);
    expect(verifyExportedChain(parsed.chain, id, sha256Hex)).toMatchObject({
      ok: true,
      links: json.head.count,
    });
    expect(parsed.runs).toHaveLength(8);
    // Completed simulated runs travel as what re-derives them (bundle version 2), the rest as they are.
    const completed = parsed.runs.filter((run) => run.status === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const run of completed) {
      expect(run.derive?.params.seed).toEqual(expect.any(Number));
      expect(run.series).toEqual([]);
      expect(run.events).toBeNull();
    }
    expect(parsed.handover.ruledOut.hypotheses.map((h) => h.statement)).toEqual([
      'Layer 2 leaks: without layer 3 the staircase remains',
    ]);
    expect(parsed.handover.ruledOut.operators.length).toBeGreaterThan(0);
    expect(parsed.notes.find((n) => n.revisions[0]!.body === SCRIPT_NOTE)?.revisions).toHaveLength(2);
    expect(parsed.verify).toContain(`--expect-head ${json.head.hash}`);
    // The JSON Schema check is not vacuous: a wrong field fails it.
    expect(validateJsonSchema({ ...(bundle as object), version: 3 }, published)).not.toEqual([]);
  });

  it('records each export with its format and head, and ticks "exported the trail" once from that evidence', async () => {
    const rendered = await render('csv');
    const events = await eventsOf(id);
    const written = events.filter((e) => e.kind === 'export.written');
    expect(written.at(-1)).toMatchObject({
      payload: { format: 'csv', head: rendered.head, fileName: rendered.fileName },
    });
    const ticks = events.filter(
      (e) => e.kind === 'checklist.ticked' && e.payload.itemId === 'fresh.handover',
    );
    expect(ticks).toHaveLength(1);
    expect(ticks[0]!.payload).toMatchObject({ auto: true });
    const detail = await story.t.call('investigations.get', { id });
    expect(detail.checklist.find((c) => c.itemId === 'fresh.handover')?.ticked).toBe(true);
  });

  it('print purpose records a PDF export (the browser prints the HTML)', async () => {
    await story.t.call('exports.render', { investigationId: id, format: 'html', purpose: 'print' });
    const last = (await eventsOf(id)).at(-1)!;
    expect(last).toMatchObject({ kind: 'export.written', payload: { format: 'pdf', via: 'browser print' } });
  });

  it('names the investigation it cannot find', async () => {
    const error = await story.t.fail('exports.render', { investigationId: 'nope', format: 'md' });
    expect(error).toMatchObject({ code: 'not-found', message: "There is no investigation with id 'nope'." });
  });
});

describe('exports.save (desktop)', () => {
  let dir: string;
  let handlers: Handlers;
  let chosen: string | null;
  let printed: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'peel-save-'));
    printed = [];
    const host: ExchangeHost = {
      chooseSavePath: async () => chosen,
      printToPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.4 fake');
      },
    };
    handlers = createHandlers(
      story.t.backend.context,
      { host: 'electron', version: 'test', dataDir: dir },
      host,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the Markdown where the person chose, its graphs in a folder named after the chosen file', async () => {
    chosen = join(dir, 'handover.md');
    const saved = await handlers['exports.save']({ investigationId: id, format: 'md' });
    expect(saved).toMatchObject({ saved: true, path: chosen });
    expect(readdirSync(join(dir, 'handover-assets'))).toContain('run-1-direct.svg');
    expect(readFileSync(chosen, 'utf8')).toContain('](handover-assets/run-1-direct.svg)');
    expect(saved.files).toHaveLength(1 + 8);
  });

  it('prints the HTML report to PDF and records the export', async () => {
    chosen = join(dir, 'report.pdf');
    const saved = await handlers['exports.save']({ investigationId: id, format: 'pdf' });
    expect(readFileSync(chosen, 'utf8')).toBe('%PDF-1.4 fake');
    expect(printed.at(-1)).toContain(
      `<title>Postmortem: ${STORY_TITLE.replace('<b>', '&lt;b&gt;').replace('</b>', '&lt;/b&gt;')}</title>`,
    );
    const last = (await eventsOf(id)).at(-1)!;
    expect(last).toMatchObject({
      kind: 'export.written',
      payload: { format: 'pdf', path: chosen, head: saved.head },
    });
  });

  it('writes and records nothing when the dialog is cancelled', async () => {
    chosen = null;
    const before = story.t.backend.store.audit.head();
    const saved = await handlers['exports.save']({ investigationId: id, format: 'html' });
    expect(saved).toMatchObject({ saved: false, path: null, files: [] });
    expect(story.t.backend.store.audit.head()).toEqual(before);
  });

  it('is refused in browser mode, saying what to do instead', async () => {
    const error = await story.t.fail('exports.save', { investigationId: id, format: 'md' });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toContain('needs the desktop app');
  });
});

describe('exports.save (browser mode, PDF)', () => {
  let dir: string;
  let handlers: Handlers;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'peel-browser-pdf-'));
    handlers = createHandlers(story.t.backend.context, { host: 'browser', version: 'test', dataDir: dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.runIf(findChromium().path !== null)(
    "prints the PDF with headless Chromium into the data folder's exports/, records it, and returns its bytes",
    async () => {
      const first = await handlers['exports.save']({ investigationId: id, format: 'pdf' });
      expect(first).toMatchObject({ format: 'pdf', saved: true });
      expect(first.path).toBe(join(dir, 'exports', first.path!.split('/').pop()!));
      expect(first.path).toMatch(/\.pdf$/);
      const bytes = readFileSync(first.path!);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(first.bytes).toBe(bytes.byteLength);
      expect(Buffer.from(first.pdfBase64!, 'base64').equals(bytes)).toBe(true);
      const last = (await eventsOf(id)).at(-1)!;
      expect(last).toMatchObject({
        kind: 'export.written',
        payload: { format: 'pdf', via: 'browser mode, headless Chromium', path: first.path },
      });
      // A second export never overwrites the first.
      const second = await handlers['exports.save']({ investigationId: id, format: 'pdf' });
      expect(second.path).not.toBe(first.path);
      expect(second.path).toMatch(/ \(2\)\.pdf$/);
      expect(readdirSync(join(dir, 'exports'))).toHaveLength(2);
    },
    120_000,
  );

  it('says where it looked and what to do when no Chromium is found, and writes nothing', async () => {
    const before = (await eventsOf(id)).length;
    const nowhere = () => ({ path: null, looked: ['/nowhere/chromium', '/also/nowhere/chrome'] });
    await expect(
      saveWithDialog(
        story.t.backend.context,
        { host: 'browser', version: 'test', dataDir: dir },
        undefined,
        { investigationId: id, format: 'pdf' },
        nowhere,
      ),
    ).rejects.toThrow(
      'exports.save: a PDF in browser mode is printed with headless Chromium, and none was found (looked at /nowhere/chromium, /also/nowhere/chrome). Install Chromium',
    );
    expect(await eventsOf(id)).toHaveLength(before);
  });

  it('refuses the other formats in browser mode, pointing to the download', async () => {
    await expect(handlers['exports.save']({ investigationId: id, format: 'md' })).rejects.toThrow(
      /in a browser, Peel downloads the export/,
    );
  });
});
