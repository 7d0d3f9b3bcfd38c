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
   * The main file's text in pieces (strings, or a page of rows already encoded as UTF-8), each at most about a
   * page of events; the event loop runs between pages. Read it once: the pages are read from the store as it is
   * iterated. A piece of bytes is the reader's: it is not written again.
   */
  text(): AsyncGenerator<string | Uint8Array>;
}

/**
 * One page's rows as UTF-8, each row encoded as soon as it is built. Concatenating a page's rows into one string
 * made a rope of thousands of pieces that was then flattened into a megabyte-large string (allocated among old
 * objects) only to be encoded and dropped: most of a CSV export's time went to that and the collections it caused.
 */
export class PageBytes {
  private buffer: Buffer;
  length = 0;
  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }
  add(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4).
    const most = text.length * 3;
    if (this.length + most > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + most));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length);
  }
  /** The bytes written; the buffer is the caller's from here (a download may still hold it while it is sent). */
  take(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

async function* documentText(
  ctx: ServiceContext,
  investigationId: string,
  head: ChainHead,
  document: StreamedDocument,
): AsyncGenerator<string | Uint8Array> {
  yield document.before;
  let index = 0;
  let capacity = 1 << 20;
  for (let after = 0; ; ) {
    const page = ctx.store.bundles.eventTuplesPage(investigationId, after, head.count, EXPORT_PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]![0];
    const bytes = new PageBytes(capacity);
    for (const row of page) bytes.add(document.row(reportEventOf(row), index++));
    capacity = bytes.length + (bytes.length >> 2);
    yield bytes.take();
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
  const pieces: Buffer[] = [];
  for await (const piece of prepared.text())
    pieces.push(
      typeof piece === 'string'
        ? Buffer.from(piece, 'utf8')
        : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength),
    );
  const text = Buffer.concat(pieces).toString('utf8');
  const { text: _stream, ...rest } = prepared;
  return {
    ...rest,
    text,
    bytes: Buffer.byteLength(text) + prepared.assets.reduce((sum, a) => sum + Buffer.byteLength(a.text), 0),
  };
}
