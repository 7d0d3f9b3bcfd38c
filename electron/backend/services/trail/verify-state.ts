// Verifies the state people read against the chain, investigation by investigation: each one's records as the
// database holds them, against the state re-derived from the events that recorded them (an imported
// investigation's from the chain it arrived with, a branch's from that chain and its own). Read-only.
import type { Investigation } from '../../../../shared/contract/entities';
import type { StateCheck } from '../../../../shared/contract/trail-entities';
import { decodeSeries } from '../../store/series-codec';
import type { PeelStore } from '../../store/store';
import { bundleRecords } from '../exchange/build-bundle';
import { UNFINISHED_RUN } from '../exchange/materialize';
import { importedSeriesHash } from '../imports/import-records';
import { seriesHash } from '../lab/run-content';
import { type ChainEventView, emptyProjection, project, translateIds } from './chain-state';
import type { SeriesHashShown } from './state-check';
import { type CheckedRecords, checkState } from './state-check';

function parsedEvent(json: string): ChainEventView {
  const event = JSON.parse(json) as ChainEventView;
  return { seq: event.seq, kind: event.kind, at: event.at, actor: event.actor, payload: event.payload };
}

function localEvents(store: PeelStore, investigationId: string): ChainEventView[] {
  return [...store.bundles.eventRows(investigationId)].map((row) => ({
    seq: row.seq,
    kind: row.kind,
    at: row.at,
    actor: row.actor,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  }));
}

/** An imported investigation's events as it arrived, with the exporter's ids turned into this database's. */
function importedEvents(store: PeelStore, importedId: string): ChainEventView[] | null {
  const imported = store.imports.get(importedId);
  if (!imported) return null;
  const map = new Map(Object.entries(imported.idMap));
  return store.imports
    .links(importedId)
    .filter((link) => link.event !== null)
    .map((link) => {
      const event = parsedEvent(link.event!);
      return { ...event, payload: translateIds(event.payload, map) };
    });
}

interface Vouching {
  events: ChainEventView[];
  /** Ids the records' stored JSON keeps as the exporter wrote them (a real run's analysis names its imports) -> local. */
  storedIds: ReadonlyMap<string, string> | null;
  /**
   * The events its metric imports are held against, when not all of them: an import or branch made from a bundle
   * that carried none holds only the imports made here, against this database's own events.
   */
  metricImportEvents: ChainEventView[] | null;
}

/** The number of metric imports an import or branch event says it recreated (absent before they travelled). */
const carriedImports = (counts: unknown): boolean =>
  !!counts && typeof (counts as { metricImports?: unknown }).metricImports === 'number';

/** The events that vouch for an investigation's records, or why there are none to check against. */
function vouchingEvents(store: PeelStore, investigationId: string): Vouching | { skipped: string } {
  const own = localEvents(store, investigationId);
  if (store.imports.isImported(investigationId)) {
    const recorded = own.find((event) => event.kind === 'investigation.imported');
    return {
      events: importedEvents(store, investigationId) ?? [],
      storedIds: new Map(Object.entries(store.imports.get(investigationId)?.idMap ?? {})),
      metricImportEvents: carriedImports(recorded?.payload.records) ? null : own,
    };
  }
  const branch = store.imports.branch(investigationId);
  if (!branch) return { events: own, storedIds: null, metricImportEvents: null };
  const continued = own.find((event) => event.kind === 'investigation.continued');
  const carried = continued?.payload.carriedIds;
  if (!carried || typeof carried !== 'object') {
    return { skipped: 'a branch made before branches recorded which records they carried' };
  }
  const map = new Map(Object.entries(carried as Record<string, string>));
  const ancestors = (importedEvents(store, branch.importedId) ?? []).map((event) => ({
    ...event,
    payload: translateIds(event.payload, map),
  }));
  // The exporter's ids reach the branch through both maps: exporter -> imported copy -> branch.
  const storedIds = new Map<string, string>();
  for (const [exported, copied] of Object.entries(store.imports.get(branch.importedId)?.idMap ?? {})) {
    const local = map.get(copied);
    if (local) storedIds.set(exported, local);
  }
  return {
    events: [...ancestors, ...own],
    storedIds,
    metricImportEvents: carriedImports(continued?.payload.carried) ? null : own,
  };
}

/** The hash of what the database holds of a run's series: all, a lean run's kept part, or none once discarded. */
export function storedSeriesHash(store: PeelStore, runId: string): SeriesHashShown {
  const entries = [];
  const derivation = store.runs.derivation(runId);
  const blobs = store.runs.seriesBlobs(runId);
  if (derivation?.discarded && blobs.length === 0) return { hash: seriesHash([]), part: 'none' };
  for (const blob of blobs) {
    try {
      entries.push({
        key: blob.key,
        startSec: blob.startSec,
        stepSec: blob.stepSec,
        values: decodeSeries(blob.data),
      });
    } catch (error) {
      return {
        error: `its series '${blob.key}' cannot be read: the stored data is corrupt (${(error as Error).message})`,
      };
    }
  }
  return derivation ? { hash: seriesHash(entries), part: 'kept' } : { hash: seriesHash(entries) };
}

function storedMetricImports(store: PeelStore, investigationId: string): CheckedRecords['metricImports'] {
  return store.metricImports.listForInvestigation(investigationId).map((record) => {
    let seriesHash: { hash: string } | { error: string };
    try {
      seriesHash = { hash: importedSeriesHash(store.metricImports.series(record.id)) };
    } catch (error) {
      seriesHash = { error: `its stored series cannot be read (${(error as Error).message})` };
    }
    return {
      id: record.id,
      seq: record.seq,
      source: record.source,
      origin: record.origin,
      format: record.format,
      contentSha256: record.contentSha256,
      bytes: record.bytes,
      seriesHash,
    };
  });
}

export function verifyInvestigationState(
  store: PeelStore,
  investigation: Investigation,
): StateCheck['firstMismatch'] | { skipped: string } {
  const vouching = vouchingEvents(store, investigation.id);
  if ('skipped' in vouching) return vouching;
  const state = project(vouching.events, emptyProjection());
  if (vouching.metricImportEvents) state.metricImports = project(vouching.metricImportEvents).metricImports;
  const records = bundleRecords({ store }, investigation, { series: false });
  const mismatch = checkState(state, {
    records,
    seriesHashOf: (runId) => storedSeriesHash(store, runId),
    derivationOf: (runId) => store.runs.derivation(runId),
    unfinishedRunError: UNFINISHED_RUN,
    ...(vouching.storedIds ? { storedIds: vouching.storedIds } : {}),
    metricImports: storedMetricImports(store, investigation.id),
  });
  return (
    mismatch && { ...mismatch, investigationId: investigation.id, investigationTitle: investigation.title }
  );
}

export function verifyState(store: PeelStore): StateCheck {
  let checked = 0;
  const skipped: StateCheck['skipped'] = [];
  for (const summary of store.investigations.list()) {
    const investigation = store.investigations.get(summary.id);
    if (!investigation) continue;
    const result = verifyInvestigationState(store, investigation);
    if (result && 'skipped' in result) {
      skipped.push({ investigationId: investigation.id, title: investigation.title, why: result.skipped });
      continue;
    }
    checked++;
    if (result) return { ok: false, investigations: checked, skipped, firstMismatch: result };
  }
  return { ok: true, investigations: checked, skipped, firstMismatch: null };
}
