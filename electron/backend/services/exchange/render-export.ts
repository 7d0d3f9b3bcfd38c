// Prepares one export of an investigation (Markdown with its graph files, HTML, CSV or the JSON bundle) for writing
// as a stream. Everything but the audit events (and the bundle's chain links) is read in one transaction with the
// chain head; the events are then read in pages up to that head while the text is written, so the head printed at
// the end is the head the content was read at, and no export holds more than a page of its events. Writes nothing;
// the callers write the text (export-file.ts, or the HTTP download) and record the export.

import { PeelError } from '../../../../shared/contract/errors';
import type { RenderedExport, TextExportFormat } from '../../../../shared/contract/exchange-entities';
import { auditCsvDocument } from '../../../../shared/report/audit-csv';
import { htmlReportDocument } from '../../../../shared/report/html-report';
import { markdownReportDocument } from '../../../../shared/report/markdown-report';
import type { ChainHead } from '../../../../shared/report/report-model';
import { slugOf } from '../../../../shared/report/report-text';
import type { StreamedDocument } from '../../../../shared/report/streamed-document';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { buildBundle, derivationPass } from './build-bundle';
import { streamJson } from './json-stream';
import { nextTurn } from './next-turn';
import { buildReportOutline, chainHead, type ExportMeta, reportEventOf } from './report-data';

const MIME: Record<TextExportFormat, string> = {
  md: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
};

const EXTENSION: Record<TextExportFormat, string> = {
  md: 'md',
  html: 'html',
  csv: 'audit.csv',
  json: 'peel.json',
};

/** Events per page of a timeline or CSV: about 0.5 MB of CSV, a few ms of rendering between two turns. */
export const EXPORT_PAGE = 1_000;

export function exportFileName(title: string, format: TextExportFormat | 'pdf'): string {
  return `${slugOf(title)}.${format === 'pdf' ? 'pdf' : EXTENSION[format]}`;
}

/** The folder of a Markdown export's graphs, named after the .md file so the links hold wherever it is saved. */
export function assetDirFor(fileName: string): string {
  return `${fileName.replace(/\.md$/i, '')}-assets`;
}

/** An export ready to be written: its name, head and small files now, its main text as it is read. */
export interface PreparedExport {
  format: TextExportFormat;
  fileName: string;
  mimeType: string;
  head: ChainHead;
  /** Files that go beside the main one (the Markdown postmortem's graphs). */
  assets: RenderedExport['assets'];
  /**
   * The main file's text in pieces, each at most about a page of events; the event loop runs between pages. Read
   * it once: the pages are read from the store as it is iterated.
   */
  text(): AsyncGenerator<string>;
}

async function* documentText(
  ctx: ServiceContext,
  investigationId: string,
  head: ChainHead,
  document: StreamedDocument,
): AsyncGenerator<string> {
  yield document.before;
  let index = 0;
  for (let after = 0; ; ) {
    const page = ctx.store.bundles.eventTuplesPage(investigationId, after, head.count, EXPORT_PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]![0];
    let chunk = '';
    for (const row of page) chunk += document.row(reportEventOf(row), index++);
    yield chunk;
    await nextTurn();
  }
  yield document.after;
}

export async function prepareExport(
  ctx: ServiceContext,
  investigationId: string,
  format: TextExportFormat,
  meta: ExportMeta,
  /** The main file's name (a save dialog may have chosen another one than the title's). */
  fileName?: string,
): Promise<PreparedExport> {
  const pass = format === 'json' ? await derivationPass(ctx, investigationId) : undefined;
  return ctx.store.transaction(() => {
    const investigation = requireInvestigation(ctx, investigationId);
    if (ctx.store.imports.isImported(investigation.id)) {
      throw new PeelError(
        'conflict',
        `“${investigation.title}” was imported: the bundle it came from is its export. Continue it in a new branch to export your own work on it.`,
        { investigationId },
      );
    }
    const head = chainHead(ctx);
    const name = fileName ?? exportFileName(investigation.title, format);
    const base = { format, fileName: name, mimeType: MIME[format], head };
    const rows = (document: StreamedDocument) => () => documentText(ctx, investigation.id, head, document);
    switch (format) {
      case 'md': {
        const outline = buildReportOutline(ctx, investigation, meta, head);
        const { document, assets } = markdownReportDocument(outline, assetDirFor(name));
        return {
          ...base,
          assets: assets.map((a) => ({ path: a.path, mimeType: 'image/svg+xml', text: a.svg })),
          text: rows(document),
        };
      }
      case 'html':
        return {
          ...base,
          assets: [],
          text: rows(htmlReportDocument(buildReportOutline(ctx, investigation, meta, head))),
        };
      case 'csv': {
        const count = ctx.store.bundles.eventCount(investigation.id, head.count);
        return { ...base, assets: [], text: rows(auditCsvDocument(head, meta.databaseFile, count)) };
      }
      case 'json': {
        const bundle = buildBundle(ctx, investigation, meta, head, pass);
        return {
          ...base,
          assets: [],
          async *text() {
            yield* streamJson(bundle, 1);
            yield '\n';
          },
        };
      }
    }
  });
}

/**
 * The export in one string, for the `exports.render` channel (its answer is the text): this holds the whole
 * document, so downloads and saves write the stream instead (export-file.ts, the host's download route).
 */
export async function renderExport(
  ctx: ServiceContext,
  investigationId: string,
  format: TextExportFormat,
  meta: ExportMeta,
  fileName?: string,
): Promise<RenderedExport> {
  const prepared = await prepareExport(ctx, investigationId, format, meta, fileName);
  const pieces: string[] = [];
  for await (const piece of prepared.text()) pieces.push(piece);
  const text = pieces.join('');
  const { text: _stream, ...rest } = prepared;
  return {
    ...rest,
    text,
    bytes: Buffer.byteLength(text) + prepared.assets.reduce((sum, a) => sum + Buffer.byteLength(a.text), 0),
  };
}
