// Who exported a bundle, as its chain records it: an export from the app records its `export.written` event before
// the bundle is rendered, so that event is the last of the investigation's events the bundle carries. A reader
// checks the bundle's `exportedBy`, `exportedAt` and `exportedFrom` against it rather than believing the file.
import { canonicalJson } from '../../../../shared/domain/canonical-json';

interface SealCandidate {
  seq: number;
  kind: string;
  at: number;
  actor: string;
  payload: Record<string, unknown>;
}

export interface ExportSeal {
  seq: number;
  at: number;
  actor: string;
  exportedFrom: unknown;
}

export function exportSealOf(events: readonly SealCandidate[]): ExportSeal | null {
  const last = events[events.length - 1];
  if (last?.kind !== 'export.written' || last.payload.format !== 'json') return null;
  return { seq: last.seq, at: last.at, actor: last.actor, exportedFrom: last.payload.exportedFrom ?? null };
}

/** Why the bundle's export fields disagree with the event that recorded the export, or null when they agree. */
export function exportSealMismatch(
  seal: ExportSeal,
  bundle: { exportedBy: string; exportedAt: number; exportedFrom: unknown },
): string | null {
  if (bundle.exportedBy !== seal.actor)
    return `exportedBy is '${bundle.exportedBy}' but event #${seal.seq} recorded the export by '${seal.actor}'`;
  if (bundle.exportedAt !== seal.at)
    return `exportedAt is ${bundle.exportedAt} but event #${seal.seq} recorded the export at ${seal.at}`;
  if (seal.exportedFrom !== null && canonicalJson(bundle.exportedFrom) !== canonicalJson(seal.exportedFrom))
    return `exportedFrom is ${canonicalJson(bundle.exportedFrom)} but event #${seal.seq} recorded ${canonicalJson(seal.exportedFrom)}`;
  return null;
}
