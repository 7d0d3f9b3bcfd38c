import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCsvDocument, renderAuditCsv } from './audit-csv';
import { htmlReportDocument, renderHtmlReport } from './html-report';
import { markdownReportDocument, renderMarkdownReport } from './markdown-report';
import { outlineOf, type StreamedDocument } from './streamed-document';
import { variedReportModel } from './varied-report-model';

// The golden files were written by the whole-document writers as they were before the reports were streamed.
const golden = (name: string) => readFileSync(join(__dirname, 'golden', name), 'utf8');

/** The document as a stream writes it: before, then the rows in pages of `page`, then after. */
function inPages(
  document: StreamedDocument,
  events: ReturnType<typeof variedReportModel>['events'],
  page: number,
) {
  const chunks = [document.before];
  for (let from = 0; from < events.length; from += page) {
    let chunk = '';
    for (let i = from; i < Math.min(events.length, from + page); i++) chunk += document.row(events[i]!, i);
    chunks.push(chunk);
  }
  chunks.push(document.after);
  return chunks.join('');
}

describe.each([97, 0])('a report of %i events', (count) => {
  const model = variedReportModel(count);
  const outline = outlineOf(model);
  const documents: [string, StreamedDocument, string][] = [
    ['md', markdownReportDocument(outline, 'report-assets').document, `varied-${count}.md.golden`],
    ['html', htmlReportDocument(outline), `varied-${count}.html.golden`],
    ['csv', auditCsvDocument(model.head, model.databaseFile, count), `varied-${count}.csv.golden`],
  ];

  it('the whole-document writers still write the golden files byte for byte', () => {
    expect(renderMarkdownReport(model, 'report-assets').markdown).toBe(golden(`varied-${count}.md.golden`));
    expect(renderHtmlReport(model)).toBe(golden(`varied-${count}.html.golden`));
    expect(renderAuditCsv(model.events, model.head, model.databaseFile)).toBe(
      golden(`varied-${count}.csv.golden`),
    );
  });

  it.each(documents)('%s streamed in pages of any size is the golden file', (_format, document, file) => {
    const expected = golden(file);
    for (const page of [1, 2, 3, 7, 13, 50, 96, 97, 1000])
      expect(inPages(document, model.events, page)).toBe(expected);
  });
});
