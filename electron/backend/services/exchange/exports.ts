// The export channels. exports.render returns the content (browser mode downloads it; the print purpose opens the
// HTML for the browser's print); exports.save asks the desktop host where to save and writes the files there (a
// PDF is printed from the HTML first). Either way the export is recorded in the trail with its format and the chain
// head it ends with, and the "exported the trail" checklist item is ticked from that evidence if nobody set it.
import { writeFileSync } from 'node:fs';
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import type { ExportFormat, RenderedExport } from '../../../../shared/contract/exchange-entities';
import { findChecklistItem } from '../../../../shared/domain/rules';
import { commit, type RecordAudit } from '../commit';
import type { ServiceContext } from '../context';
import type { HostInfo } from '../handler-types';
import { requireInvestigation } from '../lookups';
import type { ExchangeHost } from './exchange-host';
import { exportFileName, renderExport } from './render-export';
import { exportMeta } from './report-data';
import { writeExportFiles } from './write-export';

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

export function renderForClient(
  ctx: ServiceContext,
  hostInfo: HostInfo,
  request: RequestOf<'exports.render'>,
): ResponseOf<'exports.render'> {
  const rendered = renderExport(
    ctx,
    request.investigationId,
    request.format,
    exportMeta(ctx, hostInfo.version, hostInfo.host),
  );
  const printing = request.purpose === 'print';
  recordExport(ctx, request.investigationId, printing ? 'pdf' : request.format, rendered, {
    via: printing ? 'browser print' : `${hostInfo.host} download`,
  });
  return rendered;
}

export async function saveWithDialog(
  ctx: ServiceContext,
  hostInfo: HostInfo,
  host: ExchangeHost | undefined,
  request: RequestOf<'exports.save'>,
): Promise<ResponseOf<'exports.save'>> {
  if (!host) {
    throw new PeelError(
      'invalid-request',
      'exports.save: saving to a file you choose needs the desktop app; in a browser, Peel downloads the export (exports.render).',
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
  let files: string[];
  let rendered: RenderedExport;
  if (request.format === 'pdf') {
    rendered = renderExport(ctx, investigation.id, 'html', meta);
    const pdf = await host.printToPdf(rendered.text);
    writeFileSync(path, pdf);
    rendered = { ...rendered, fileName, bytes: pdf.byteLength };
    files = [path];
  } else {
    rendered = renderExport(ctx, investigation.id, request.format, meta, fileName);
    files = writeExportFiles(path, rendered);
  }
  recordExport(ctx, investigation.id, request.format, rendered, { via: 'desktop save', path });
  return { format: request.format, saved: true, path, files, head: rendered.head, bytes: rendered.bytes };
}
