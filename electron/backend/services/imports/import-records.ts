// Stores an import (its series as read) with the `metrics.imported` event that vouches for it, and turns stored
// imports back into the contract's shape. The event names the source (file name, or the query's URL without
// credentials), the SHA-256 of the bytes read, and the hash of the series stored, so `verify` can hold the rows
// against it. Nothing half-imported: an import is one transaction.
import { createHash } from 'node:crypto';
import { PeelError } from '../../../../shared/contract/errors';
import type { MetricImport } from '../../../../shared/contract/real-entities';
import { ImportError, importErrorDetails } from '../../../../shared/imports/import-error';
import {
  type ImportedMetrics,
  type ImportedSeries,
  labelText,
} from '../../../../shared/imports/imported-series';
import { restartsFromImports } from '../../../../shared/imports/restart-times';
import { seriesVerdict } from '../../../../shared/imports/series-verdict';
import {
  float64Bytes,
  type MetricImportOrigin,
  type MetricImportRecord,
} from '../../store/metric-imports-store';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';

/**
 * SHA-256 over the series in order: each contributes its metric and labels, TaskManager, kind, unit and length
 * as a text line, then its times and values as little-endian float64.
 */
export function importedSeriesHash(series: readonly ImportedSeries[]): string {
  const hash = createHash('sha256');
  for (const s of series) {
    hash.update(
      `${s.metric}${labelText(s.labels)}\n${s.taskManager ?? ''}\n${s.kind ?? ''}\n${s.flinkName ?? ''}\n${s.unit}\n${s.timesSec.length}\n`,
    );
    hash.update(float64Bytes(s.timesSec));
    hash.update(float64Bytes(s.values));
  }
  return hash.digest('hex');
}

/** An ImportError as the contract's error: what went wrong and where (file, line, field; or URL and status). */
export function asPeelError(error: unknown, channel: string): unknown {
  if (!(error instanceof ImportError)) return error;
  const shape = importErrorDetails(error);
  return new PeelError(
    shape.code === 'cancelled' ? 'cancelled' : 'invalid-request',
    `${channel}: ${shape.message}`,
    {
      ...shape.details,
      importCode: shape.code,
    },
  );
}

export function importView(record: MetricImportRecord, series: readonly ImportedSeries[]): MetricImport {
  return {
    id: record.id,
    investigationId: record.investigationId,
    seq: record.seq,
    source: record.source,
    origin: record.origin,
    format: record.format,
    contentSha256: record.contentSha256,
    bytes: record.bytes,
    warnings: record.warnings,
    importedAt: record.importedAt,
    importedBy: record.importedBy,
    series: series.map((s, position) => {
      const n = s.timesSec.length;
      const verdict = record.verdicts[position] ?? null;
      return {
        position,
        metric: s.metric,
        labels: { ...s.labels },
        taskManager: s.taskManager,
        kind: s.kind,
        flinkName: s.flinkName,
        unit: s.unit,
        points: n,
        firstSec: n > 0 ? (s.timesSec[0] as number) : null,
        lastSec: n > 0 ? (s.timesSec[n - 1] as number) : null,
        verdict: (verdict?.verdict as MetricImport['series'][number]['verdict']) ?? null,
        summary: verdict?.summary ?? null,
      };
    }),
  };
}

export interface ReadContent {
  origin: MetricImportOrigin;
  contentSha256: string;
  bytes: number;
}

/** Stores what an importer read, analysed, with its audit event; refuses an import with no series. */
export function storeImport(
  ctx: ServiceContext,
  investigationId: string,
  metrics: ImportedMetrics,
  content: ReadContent,
  /** The channel that asked, for messages. */
  channel: string,
): MetricImport {
  requireInvestigation(ctx, investigationId);
  if (metrics.series.length === 0) {
    throw asPeelError(
      new ImportError('empty', 'no series in what was read: nothing imported', { source: metrics.source }),
      channel,
    );
  }
  const restarts = restartsFromImports([metrics]);
  const verdicts = metrics.series.map((s) => {
    const result = seriesVerdict(s, restarts);
    return result && { verdict: result.verdict, summary: result.summary };
  });
  const seriesSha256 = importedSeriesHash(metrics.series);
  return commit(ctx, (record, now) => {
    const id = ctx.newId();
    const row = {
      id,
      investigationId,
      source: metrics.source,
      origin: content.origin,
      format: metrics.format,
      contentSha256: content.contentSha256,
      bytes: content.bytes,
      seriesSha256,
      warnings: metrics.warnings,
      verdicts,
      importedAt: now,
      importedBy: ctx.user,
    };
    const seq = ctx.store.metricImports.insert(row, metrics.series);
    ctx.store.investigations.touch(investigationId, now);
    record({
      investigationId,
      kind: 'metrics.imported',
      ruleId: 'quit-thinking-and-look',
      payload: {
        importId: id,
        seq,
        source: metrics.source,
        origin: content.origin,
        format: metrics.format,
        contentSha256: content.contentSha256,
        bytes: content.bytes,
        seriesHash: seriesSha256,
        series: metrics.series.length,
        points: metrics.series.reduce((sum, s) => sum + s.timesSec.length, 0),
      },
    });
    return importView({ ...row, seq }, metrics.series);
  });
}

export function listImports(ctx: ServiceContext, investigationId: string): MetricImport[] {
  requireInvestigation(ctx, investigationId);
  return ctx.store.metricImports
    .listForInvestigation(investigationId)
    .map((record) => importView(record, ctx.store.metricImports.series(record.id)));
}
