import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAuditCsv } from '../../../../shared/report/audit-csv';
import { renderHtmlReport } from '../../../../shared/report/html-report';
import { renderMarkdownReport } from '../../../../shared/report/markdown-report';
import type { ReportModel } from '../../../../shared/report/report-model';
import { createTestBackend, type TestBackend } from '../test-backend';
import { CHAIN_PAGE } from './build-bundle';
import { assetDirFor, EXPORT_PAGE, PageBytes, type PreparedExport, prepareExport } from './render-export';
import { buildReportOutline, chainHead, exportMeta, reportEvents } from './report-data';

let t: TestBackend;
let id: string;
let otherId: string;
const TRICKS = ['a | pipe', 'line\nbreak', '<b>&amp;</b>', '"q", c', '=1+1', 'é🙂', ''];

beforeAll(async () => {
  t = createTestBackend();
  id = (await t.call('investigations.create', { title: 'Long | "trail"', summary: '', startedAt: 0 })).id;
  otherId = (await t.call('investigations.create', { title: 'Other', summary: '', startedAt: 0 })).id;
  const store = t.backend.store;
  // More events than two chain pages, interleaved with another investigation's (hash-only links in the bundle).
  store.transaction(() => {
    for (let i = 0; i < CHAIN_PAGE * 2 + 345; i++) {
      const trick = TRICKS[i % TRICKS.length]!;
      store.audit.append({
        id: `e-${i}`,
        investigationId: i % 5 === 4 ? otherId : id,
        at: Date.UTC(2026, 0, 1) + i * 1001,
        actor: i % 3 ? 'alice' : `bob, ${trick}`,
        kind: 'note.added',
        ruleId: i % 2 ? 'quit-thinking-and-look' : null,
        payload: { noteId: `n-${i}`, revisionId: `r-${i}`, body: `note ${i}: ${trick}` },
      });
    }
  });
}, 60_000);
afterAll(() => t.dispose());

async function textOf(prepared: PreparedExport): Promise<string> {
  let text = '';
  for await (const piece of prepared.text()) text += piece;
  return text;
}

/** The same report read whole, as exports were made before they were streamed. */
function wholeModel(): ReportModel {
  const ctx = t.backend.context;
  const head = chainHead(ctx);
  const investigation = ctx.store.investigations.get(id)!;
  const { eventCount: _count, ...outline } = buildReportOutline(
    ctx,
    investigation,
    exportMeta(ctx, 'test', 'cli'),
    head,
  );
  return { ...outline, events: reportEvents(ctx, id, head) };
}

describe('prepareExport', () => {
  const meta = () => exportMeta(t.backend.context, 'test', 'cli');

  it('streams in pages exactly what the whole-document writers write', async () => {
    const ctx = t.backend.context;
    const model = wholeModel();
    expect(model.events.length).toBeGreaterThan(EXPORT_PAGE * 3);
    const md = await prepareExport(ctx, id, 'md', meta());
    expect(await textOf(md)).toBe(renderMarkdownReport(model, assetDirFor(md.fileName)).markdown);
    expect(await textOf(await prepareExport(ctx, id, 'html', meta()))).toBe(renderHtmlReport(model));
    expect(await textOf(await prepareExport(ctx, id, 'csv', meta()))).toBe(
      renderAuditCsv(model.events, model.head, model.databaseFile),
    );
  });

  it('streams the bundle as JSON.stringify would write it, with every event and every other link', async () => {
    const ctx = t.backend.context;
    const text = await textOf(await prepareExport(ctx, id, 'json', meta()));
    const bundle = JSON.parse(text);
    expect(text).toBe(`${JSON.stringify(bundle, null, 1)}\n`);
    const rows = [...ctx.store.bundles.eventRows(id)];
    expect(bundle.chain.events.map((e: { seq: number }) => e.seq)).toEqual(rows.map((r) => r.seq));
    expect(bundle.chain.events.at(-1).payload).toEqual(JSON.parse(rows.at(-1)!.payload));
    const head = ctx.store.audit.head();
    expect(bundle.chain.links).toEqual(
      ctx.store.bundles
        .otherLinks(id, head.seq)
        .map((l) => ({ seq: l.seq, prevHash: l.prev_hash, hash: l.hash })),
    );
    expect(bundle.chain.events.length + bundle.chain.links.length).toBe(head.seq);
  });

  it('is the investigation at its head: events recorded while it is written are not in it', async () => {
    const ctx = t.backend.context;
    const before = wholeModel();
    const prepared = await prepareExport(ctx, id, 'csv', meta());
    const pieces: string[] = [];
    const decoder = new TextDecoder();
    let turns = 0;
    const count = () => {
      turns++;
      if (turns < 1000) setImmediate(count);
    };
    setImmediate(count);
    for await (const piece of prepared.text()) {
      pieces.push(typeof piece === 'string' ? piece : decoder.decode(piece));
      if (pieces.length === 2) {
        // Written between two pages, as another request would.
        ctx.store.transaction(() =>
          ctx.store.audit.append({
            id: 'late',
            investigationId: id,
            at: 1,
            actor: 'alice',
            kind: 'note.added',
            ruleId: null,
            payload: { noteId: 'late', revisionId: 'late', body: 'written during the export' },
          }),
        );
      }
    }
    // Other work ran between the pages.
    expect(turns).toBeGreaterThanOrEqual(Math.floor(before.events.length / EXPORT_PAGE));
    expect(prepared.head).toEqual(before.head);
    expect(pieces.join('')).toBe(renderAuditCsv(before.events, before.head, before.databaseFile));
    expect(pieces.join('')).not.toContain('written during the export');
  });
});

describe('PageBytes', () => {
  it('encodes rows as UTF-8 one after another, growing past its capacity without losing a byte', () => {
    const rows = ['a,b\r\n', 'é“quoted”…\r\n', '🙂 two units, four bytes\r\n', 'x'.repeat(300), '\u0000end'];
    for (const capacity of [1, 7, 64, 4096]) {
      const page = new PageBytes(capacity);
      for (const row of rows) page.add(row);
      const bytes = page.take();
      expect(bytes.length).toBe(page.length);
      expect(bytes.toString('utf8')).toBe(rows.join(''));
      expect(Buffer.compare(bytes, Buffer.from(rows.join(''), 'utf8'))).toBe(0);
    }
  });
});
