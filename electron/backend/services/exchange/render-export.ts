// Renders one export of an investigation (Markdown with its graph files, HTML, CSV or the JSON bundle) from a
// consistent read of the store: everything, the chain head included, comes from one read transaction, so the head
// printed at the end is the head the content was read at. Writes nothing; the callers record the export.

import { PeelError } from '../../../../shared/contract/errors';
import type { RenderedExport, TextExportFormat } from '../../../../shared/contract/exchange-entities';
import { renderAuditCsv } from '../../../../shared/report/audit-csv';
import { renderHtmlReport } from '../../../../shared/report/html-report';
import { renderMarkdownReport } from '../../../../shared/report/markdown-report';
import { slugOf } from '../../../../shared/report/report-text';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { buildBundle } from './build-bundle';
import { buildReportModel, chainHead, type ExportMeta, reportEvents } from './report-data';

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

export function exportFileName(title: string, format: TextExportFormat | 'pdf'): string {
  return `${slugOf(title)}.${format === 'pdf' ? 'pdf' : EXTENSION[format]}`;
}

/** The folder of a Markdown export's graphs, named after the .md file so the links hold wherever it is saved. */
export function assetDirFor(fileName: string): string {
  return `${fileName.replace(/\.md$/i, '')}-assets`;
}

export function renderExport(
  ctx: ServiceContext,
  investigationId: string,
  format: TextExportFormat,
  meta: ExportMeta,
  /** The main file's name (a save dialog may have chosen another one than the title's). */
  fileName?: string,
): RenderedExport {
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
    const finish = (text: string, assets: RenderedExport['assets'] = []): RenderedExport => ({
      ...base,
      text,
      assets,
      bytes: Buffer.byteLength(text) + assets.reduce((sum, a) => sum + Buffer.byteLength(a.text), 0),
    });
    switch (format) {
      case 'md': {
        const { markdown, assets } = renderMarkdownReport(
          buildReportModel(ctx, investigation, meta, head),
          assetDirFor(name),
        );
        return finish(
          markdown,
          assets.map((a) => ({ path: a.path, mimeType: 'image/svg+xml', text: a.svg })),
        );
      }
      case 'html':
        return finish(renderHtmlReport(buildReportModel(ctx, investigation, meta, head)));
      case 'csv':
        return finish(renderAuditCsv(reportEvents(ctx, investigation.id), head, meta.databaseFile));
      case 'json':
        return finish(`${JSON.stringify(buildBundle(ctx, investigation, meta, head), null, 1)}\n`);
    }
  });
}
