// Recreates an investigation's records (as a bundle holds them) under new local ids, inside the caller's
// transaction: for an import (the colleague's investigation, as it was) and for a branch (a new local investigation
// starting from it). New ids let the same bundle be imported twice, or into the database it came from; every
// reference between records, and the ids inside the stored JSON (evidence, resolution, preflight), follow the map.
import { type SeriesBlob, type StoredDetailText, seriesColumns } from '../../store/runs-store';
import type { ServiceContext } from '../context';
import type { BundleRecords } from './build-bundle';
import type { CarriedRun } from './carried-series';

export interface MaterializeTarget {
  /** The local investigation's fields that differ from the source's (a branch is new, open and unresolved). */
  investigation: {
    title: string;
    createdAt: number;
    createdBy: string;
    updatedAt: number;
    status: 'open' | 'resolved';
    keepResolution: boolean;
  };
  /**
   * The runs the records carry by `derive`, re-derived on import, by source run id: the series to store (a lean
   * run's kept ones) and every key; stored lean, with what re-derives the rest.
   */
  derived?: ReadonlyMap<
    string,
    { series: readonly SeriesBlob[]; keys: string[]; detailText?: StoredDetailText | undefined }
  >;

  /**
   * The runs carried as content, made ready in the bundle check's thread (carried-series.ts), by source run id:
   * each series' blob by its index (the records' base64 text of them is then empty) and the detail columns' text
   * (the records' events may then be null).
   */
  carried?: ReadonlyMap<string, CarriedRun>;

  /**
   * Runs whose series an import wrote ahead (staged-series.ts): source run id -> the local id they were written
   * under. These runs take those ids, and their series are not written again here.
   */
  stagedRunIds?: ReadonlyMap<string, string>;
}

type BundleRun = BundleRecords['runs'][number];

/**
 * The series blobs to store for one of the records' runs: a re-derived run's (its kept ones), then those it carries
 * as content (decoded in the check's thread, or from their base64 here). One at a time, so a caller writing them in
 * batches never holds a second copy of them all.
 */
export function* runSeriesBlobs(
  run: BundleRun,
  target: Pick<MaterializeTarget, 'derived' | 'carried'>,
): Generator<SeriesBlob> {
  const derived = run.derive && target.derived?.get(run.id);
  if (derived) yield* derived.series;
  const decoded = target.carried?.get(run.id)?.series;
  const blobs = decoded && 'blobs' in decoded ? decoded.blobs : null;
  for (const [j, series] of run.series.entries()) {
    const blob = blobs?.[j];
    yield {
      ...seriesColumns(series),
      data: blob
        ? Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
        : Buffer.from(series.data, 'base64'),
    };
  }
}

export interface Materialized {
  investigationId: string;
  /** Source id -> local id, for every record. */
  idMap: Record<string, string>;
  counts: { experiments: number; runs: number; hypotheses: number; notes: number; checklist: number };
}

/** A run still in progress when exported has no result to carry; it arrives as failed, saying so. */
export const UNFINISHED_RUN =
  'This run was still in progress when the investigation was exported; it has no result here.';

export function materializeRecords(
  ctx: ServiceContext,
  records: BundleRecords,
  target: MaterializeTarget,
): Materialized {
  const map = new Map<string, string>();
  const local = (id: string): string => {
    let mapped = map.get(id);
    if (!mapped) {
      mapped = ctx.newId();
      map.set(id, mapped);
    }
    return mapped;
  };
  const localOrNull = (id: string | null) => (id === null ? null : local(id));
  for (const [from, to] of target.stagedRunIds ?? []) map.set(from, to);
  ctx.store.bundles.deferForeignKeys();

  const source = records.investigation;
  const investigationId = local(source.id);
  const resolution =
    target.investigation.keepResolution && source.resolution
      ? { ...source.resolution, proofRunIds: source.resolution.proofRunIds.map(local) }
      : null;
  const preflight = source.preflight
    ? {
        ...source.preflight,
        experimentId:
          typeof source.preflight.experimentId === 'string' ? local(source.preflight.experimentId) : null,
      }
    : null;
  ctx.store.investigations.insertCopy({
    id: investigationId,
    title: target.investigation.title,
    summary: source.summary,
    startedAt: source.startedAt,
    createdAt: target.investigation.createdAt,
    createdBy: target.investigation.createdBy,
    updatedAt: target.investigation.updatedAt,
    status: target.investigation.status,
    scenarioId: source.scenarioId,
    configOverrides: source.configOverrides,
    preflight,
    resolution,
  });

  for (const h of records.hypotheses) {
    const id = local(h.id);
    ctx.store.hypotheses.insert({
      id,
      investigationId,
      statement: h.statement,
      ruleId: h.ruleId,
      status: h.status,
      reason: h.reason,
      predicts: h.predicts,
      // Named once the runs are recorded (below): series an import wrote ahead belong to runs not recorded yet,
      // and SQLite's deferred foreign-key count goes wrong if such a run is recorded while a reference to a run
      // not recorded yet is pending (it counts the run's series against that reference).
      decidedByRunId: null,
      decidedAutomatically: h.decidedAutomatically,
      createdAt: h.createdAt,
      createdBy: h.createdBy,
      updatedAt: h.updatedAt,
    });
    for (const revision of h.revisions) {
      ctx.store.hypothesisRevisions.insert({
        id: local(revision.id),
        hypothesisId: id,
        investigationId,
        statement: revision.statement,
        createdAt: revision.createdAt,
        createdBy: revision.createdBy,
        correctsId: localOrNull(revision.correctsId),
      });
    }
  }
  for (const note of records.notes) {
    for (const revision of note.revisions) {
      ctx.store.notes.insertRevision({
        id: local(revision.id),
        investigationId,
        noteId: local(note.id),
        ruleId: note.ruleId,
        body: revision.body,
        createdAt: revision.createdAt,
        createdBy: revision.createdBy,
        correctsId: localOrNull(revision.correctsId),
      });
    }
  }
  for (const tick of records.checklist) {
    ctx.store.checklist.set(
      investigationId,
      { itemId: tick.itemId, ruleId: tick.ruleId, ticked: tick.ticked, at: tick.at, by: tick.by },
      tick.evidence ? { ...tick.evidence, runIds: tick.evidence.runIds.map(local) } : null,
    );
  }
  for (const e of records.experiments) {
    ctx.store.experiments.insertCopy({
      ...e,
      id: local(e.id),
      investigationId,
      parentId: localOrNull(e.parentId),
      hypothesisId: localOrNull(e.hypothesisId),
    });
  }
  for (const run of records.runs) {
    const unfinished = run.status === 'running';
    const id = local(run.id);
    const derived = run.derive && target.derived?.get(run.id);
    ctx.store.runs.insertCopy(
      {
        ...run,
        id,
        experimentId: local(run.experimentId),
        investigationId,
        status: unfinished ? 'failed' : run.status,
        error: unfinished ? UNFINISHED_RUN : run.error,
        topology: run.plan,
      },
      // A re-derived run's columns as its worker wrote them, a carried one's as the check's thread did (what its
      // detail hash covers), not serialised again here.
      derived ? derived.detailText : target.carried?.get(run.id)?.detailText,
    );
    if (!target.stagedRunIds?.has(run.id)) {
      for (const blob of runSeriesBlobs(run, target)) ctx.store.runs.putSeriesBlob(id, blob);
    }
    if (run.derive && derived) {
      ctx.store.runs.putDerivation({
        runId: id,
        simulator: run.derive.simulator,
        params: run.derive.params,
        seriesHash: run.derive.seriesHash,
        detailHash: run.derive.detailHash,
        keys: derived.keys,
      });
    }
  }
  for (const h of records.hypotheses) {
    if (h.decidedByRunId !== null) ctx.store.hypotheses.setDecidedBy(local(h.id), local(h.decidedByRunId));
  }
  return {
    investigationId,
    idMap: Object.fromEntries(map),
    counts: {
      experiments: records.experiments.length,
      runs: records.runs.length,
      hypotheses: records.hypotheses.length,
      notes: records.notes.length,
      checklist: records.checklist.length,
    },
  };
}
