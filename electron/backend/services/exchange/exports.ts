// The export channels. exports.render returns the content (browser mode downloads it); exports.save asks the
// desktop host where to save and writes the files there (a PDF is printed from the HTML first), and in browser
// mode prints a PDF with headless Chromium into the data folder's exports/ and returns it to download. Either way the export is recorded in the trail with its format and the chain
// head it ends with, and the "exported the trail" checklist item is ticked from that evidence if nobody set it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import type {
  ExportFormat,
  RenderedExport,
  TextExportFormat,
} from '../../../../shared/contract/exchange-entities';
import { findChecklistItem } from '../../../../shared/domain/rules';
import type { ChainHead } from '../../../../shared/report/report-model';
import { commit, type RecordAudit } from '../commit';
import type { ServiceContext } from '../context';
import type { HostInfo } from '../handler-types';
import { requireInvestigation } from '../lookups';
import { type ChromiumLookup, findChromium, printReportToPdf } from './chromium-pdf';
import type { ExchangeHost } from './exchange-host';
import { writeExportFiles, writeFileWhole } from './export-file';
import { exportFileName, prepareExport, renderExport } from './render-export';
import { type ExportMeta, exportMeta } from './report-data';
import { zipStream } from './zip-stream';

const HANDOVER_ITEM = 'fresh.handover';

function tickHandover(
  ctx: ServiceContext,
  investigationId: string,
  format: ExportFormat,
  record: RecordAudit,
  now: number,
  exportEventSeq: number,
) {
  const found = findChecklistItem(HANDOVER_ITEM);
  if (!found || ctx.store.checklist.get(investigationId, HANDOVER_ITEM)) return;
  const evidence = {
    itemId: HANDOVER_ITEM,
    description: `exported as ${format.toUpperCase()}`,
    runIds: [],
    eventSeq: exportEventSeq,
  };
  ctx.store.checklist.set(
    investigationId,
    { itemId: HANDOVER_ITEM, ruleId: found.rule.id, ticked: true, at: now, by: ctx.user },
    evidence,
  );
  record({
    investigationId,
    kind: 'checklist.ticked',
    ruleId: found.rule.id,
    payload: {
      itemId: HANDOVER_ITEM,
      text: found.item.text,
      auto: true,
      evidence: evidence.description,
      runIds: [],
      evidenceEventSeq: exportEventSeq,
    },
  });
}

/**
 * A JSON bundle's export is recorded before the bundle is rendered, so the bundle's own chain ends with the event
 * that says who exported it, when and from where: a reader checks `exportedBy` against it instead of believing the
 * file. (Its size is not known yet, so that event carries none.)
 */
function sealBundleExport(
  ctx: ServiceContext,
  investigationId: string,
  fileName: string,
  meta: ExportMeta,
  extra: Record<string, unknown>,
): void {
  commit(ctx, (record, now) => {
    // The tick first: the export's own event must be the last one the bundle's chain holds. It is appended right
    // after the tick's event in this transaction, so its seq is the head's plus two.
    tickHandover(ctx, investigationId, 'json', record, now, ctx.store.audit.head().seq + 2);
    record({
      investigationId,
      kind: 'export.written',
      ruleId: 'get-a-fresh-view',
      payload: {
        format: 'json',
        fileName,
        exportedFrom: {
          app: 'Peel',
          version: meta.peelVersion,
          host: meta.host,
          database: meta.databaseFile,
        },
        ...extra,
      },
    });
    ctx.store.investigations.touch(investigationId, now);
  });
}

function recordExport(
  ctx: ServiceContext,
  investigationId: string,
  format: ExportFormat,
  rendered: Pick<RenderedExport, 'fileName' | 'head' | 'bytes'>,
  extra: Record<string, unknown>,
): void {
  commit(ctx, (record, now) => {
    const written = record({
      investigationId,
      kind: 'export.written',
      ruleId: 'get-a-fresh-view',
      payload: { format, fileName: rendered.fileName, bytes: rendered.bytes, head: rendered.head, ...extra },
    });
    tickHandover(ctx, investigationId, format, record, now, written.seq);
    ctx.store.investigations.touch(investigationId, now);
  });
}

export async function renderForClient(
  ctx: ServiceContext,
  hostInfo: HostInfo,
  request: RequestOf<'exports.render'>,
): Promise<ResponseOf<'exports.render'>> {
  const meta = exportMeta(ctx, hostInfo.version, hostInfo.host);
  const via = `${hostInfo.host} download`;
  if (request.format === 'json') {
    const investigation = requireInvestigation(ctx, request.investigationId);
    sealBundleExport(ctx, investigation.id, exportFileName(investigation.title, 'json'), meta, { via });
    return renderExport(ctx, request.investigationId, 'json', meta);
  }
  const rendered = await renderExport(ctx, request.investigationId, request.format, meta);
  const printing = request.purpose === 'print';
  recordExport(ctx, request.investigationId, printing ? 'pdf' : request.format, rendered, {
    via: printing ? 'browser print' : via,
  });
  return rendered;
}

/** An export being downloaded over HTTP (browser mode): its name and head now, its bytes as they are read. */
export interface ExportDownload {
  /** The file the browser saves: a Markdown export is a ZIP of the .md and its graphs folder. */
  fileName: string;
  mimeType: string;
  head: ChainHead;
  /** Read once; stop early (return) when the download is abandoned. */
  body(): AsyncIterable<string | Uint8Array>;
  /** Records the export once every byte was sent; an abandoned download is not recorded. */
  finished(bytes: number): void;
}

/**
 * Starts a streamed download: the export is read at today's head and its text sent as it is read, so the host's
 * memory does not grow with the investigation. A JSON bundle records its export first (its chain ends with it).
 */
export async function startDownload(
  ctx: ServiceContext,
  hostInfo: HostInfo,
  investigationId: string,
  format: TextExportFormat,
): Promise<ExportDownload> {
  const meta = exportMeta(ctx, hostInfo.version, hostInfo.host);
  const via = `${hostInfo.host} download`;
  const investigation = requireInvestigation(ctx, investigationId);
  if (format === 'json')
    sealBundleExport(ctx, investigation.id, exportFileName(investigation.title, 'json'), meta, { via });
  const prepared = await prepareExport(ctx, investigation.id, format, meta);
  const zipped = prepared.assets.length > 0;
  const fileName = zipped ? `${prepared.fileName.replace(/\.md$/, '')}.zip` : prepared.fileName;
  return {
    fileName,
    mimeType: zipped ? 'application/zip' : prepared.mimeType,
    head: prepared.head,
    body: () =>
      zipped
        ? zipStream([
            { path: prepared.fileName, data: prepared.text() },
            ...prepared.assets.map((asset) => ({ path: asset.path, data: [asset.text] })),
          ])
        : prepared.text(),
    finished(bytes) {
      if (format === 'json') return;
      recordExport(ctx, investigation.id, format, { fileName, head: prepared.head, bytes }, { via });
    },
  };
}

export async function saveWithDialog(
  ctx: ServiceContext,
  hostInfo: HostInfo,
  host: ExchangeHost | undefined,
  request: RequestOf<'exports.save'>,
  lookUpChromium: () => ChromiumLookup = findChromium,
): Promise<ResponseOf<'exports.save'>> {
  if (!host) {
    if (request.format === 'pdf')
      return savePdfInBrowserMode(ctx, hostInfo, request.investigationId, lookUpChromium());
    throw new PeelError(
      'invalid-request',
      'exports.save: saving to a file you choose needs the desktop app; in a browser, Peel downloads the export (exports.render), and saves a PDF into the data folder.',
    );
  }
  const investigation = requireInvestigation(ctx, request.investigationId);
  const path = await host.chooseSavePath({
    defaultName: exportFileName(investigation.title, request.format),
    format: request.format,
  });
  if (path === null)
    return { format: request.format, saved: false, path: null, files: [], head: null, bytes: 0 };
  const meta = exportMeta(ctx, hostInfo.version, hostInfo.host);
  const fileName = path.split(/[\\/]/).pop()!;
  if (request.format === 'pdf') {
    const html = await renderExport(ctx, investigation.id, 'html', meta);
    const pdf = await host.printToPdf(html.text);
    await writeFileWhole(path, [pdf]);
    const rendered = { fileName, head: html.head, bytes: pdf.byteLength };
    recordExport(ctx, investigation.id, 'pdf', rendered, { via: 'desktop save', path });
    return { format: 'pdf', saved: true, path, files: [path], head: html.head, bytes: pdf.byteLength };
  }
  if (request.format === 'json')
    sealBundleExport(ctx, investigation.id, fileName, meta, { via: 'desktop save', path });
  const prepared = await prepareExport(ctx, investigation.id, request.format, meta, fileName);
  const written = await writeExportFiles(path, prepared);
  if (request.format !== 'json') {
    recordExport(
      ctx,
      investigation.id,
      request.format,
      { fileName, head: prepared.head, bytes: written.bytes },
      { via: 'desktop save', path },
    );
  }
  return {
    format: request.format,
    saved: true,
    path,
    files: written.files,
    head: prepared.head,
    bytes: written.bytes,
  };
}

/** `name` in `folder`, or "name (2).pdf", "name (3).pdf"... when taken: an export never overwrites an earlier one. */
function freePath(folder: string, name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const path = join(folder, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!existsSync(path)) return path;
  }
}

/**
 * Browser mode has no printToPDF and no save dialog: the backend prints the HTML report with headless Chromium, as
 * the command line does, into the data folder's exports/ (the same name the desktop app suggests) and sends the
 * bytes back for the page to download. Without a Chromium it says where it looked and what to do instead.
 */
async function savePdfInBrowserMode(
  ctx: ServiceContext,
  hostInfo: HostInfo,
  investigationId: string,
  chromium: ChromiumLookup,
): Promise<ResponseOf<'exports.save'>> {
  const investigation = requireInvestigation(ctx, investigationId);
  if (!chromium.path) {
    throw new PeelError(
      'invalid-request',
      `exports.save: a PDF in browser mode is printed with headless Chromium, and none was found (looked at ${chromium.looked.join(', ')}). ` +
        'Install Chromium (apt-get install chromium) or set PEEL_CHROMIUM to its path and restart Peel; or export HTML and print it from the browser.',
    );
  }
  const meta = exportMeta(ctx, hostInfo.version, hostInfo.host);
  const folder = join(hostInfo.dataDir, 'exports');
  mkdirSync(folder, { recursive: true });
  const path = freePath(folder, exportFileName(investigation.title, 'pdf'));
  const html = await prepareExport(ctx, investigation.id, 'html', meta);
  await printReportToPdf(chromium.path, html.text(), path);
  const pdf = readFileSync(path);
  const rendered = { fileName: path.split(/[\\/]/).pop()!, head: html.head, bytes: pdf.byteLength };
  recordExport(ctx, investigation.id, 'pdf', rendered, { via: 'browser mode, headless Chromium', path });
  return {
    format: 'pdf',
    saved: true,
    path,
    files: [path],
    head: rendered.head,
    bytes: pdf.byteLength,
    pdfBase64: pdf.toString('base64'),
  };
}
