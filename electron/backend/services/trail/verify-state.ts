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

/** The events that vouch for an investigation's records, or why there are none to check against. */
function vouchingEvents(store: PeelStore, investigationId: string): ChainEventView[] | { skipped: string } {
  if (store.imports.isImported(investigationId)) return importedEvents(store, investigationId) ?? [];
  const own = localEvents(store, investigationId);
  const branch = store.imports.branch(investigationId);
  if (!branch) return own;
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
  return [...ancestors, ...own];
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
  const events = vouchingEvents(store, investigation.id);
  if ('skipped' in events) return events;
  const state = project(events, emptyProjection());
  const records = bundleRecords({ store }, investigation, { series: false });
  const mismatch = checkState(state, {
    records,
    seriesHashOf: (runId) => storedSeriesHash(store, runId),
    derivationOf: (runId) => store.runs.derivation(runId),
    unfinishedRunError: UNFINISHED_RUN,
    // Metric imports travel in no bundle: an imported investigation and its branches are not checked for them.
    ...(store.imports.isImported(investigation.id) || store.imports.branch(investigation.id)
      ? {}
      : { metricImports: storedMetricImports(store, investigation.id) }),
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
