// Metrics imported from real systems travel in a bundle beside the runs: each import as it was read (its series
// with their own times, float64), so the colleague who imports the bundle sees the same imported series and real
// runs. The chain binds them as it binds simulated runs' series: `metrics.imported` recorded the content hash of
// the series stored (importedSeriesHash), and the bundle's reader recomputes it from what the file carries, so an
// imported series edited in the file is refused like an edited run.
import {
  type BundleMetricImport,
  IMPORTED_SERIES_ENCODING,
  type PeelBundle,
} from '../../../../shared/contract/peel-bundle';
import type { ImportedSeries } from '../../../../shared/imports/imported-series';
import type { MetricKind, MetricUnit } from '../../../../shared/imports/metric-kinds';
import { float64Bytes, type MetricImportRecord } from '../../store/metric-imports-store';
import type { PeelStore } from '../../store/store';
import type { ServiceContext } from '../context';
import { importedSeriesHash } from '../imports/import-records';

/** An investigation's metric imports as a bundle carries them, in seq order. */
export function bundleMetricImports(
  store: Pick<PeelStore, 'metricImports'>,
  investigationId: string,
): BundleMetricImport[] {
  return store.metricImports.listForInvestigation(investigationId).map((record) => ({
    id: record.id,
    seq: record.seq,
    source: record.source,
    origin: record.origin,
    format: record.format,
    contentSha256: record.contentSha256,
    bytes: record.bytes,
    warnings: record.warnings,
    verdicts: record.verdicts,
    importedAt: record.importedAt,
    importedBy: record.importedBy,
    series: store.metricImports.series(record.id).map((s) => ({
      metric: s.metric,
      labels: { ...s.labels },
      taskManager: s.taskManager,
      kind: s.kind,
      flinkName: s.flinkName,
      unit: s.unit,
      length: s.timesSec.length,
      encoding: IMPORTED_SERIES_ENCODING,
      times: float64Bytes(s.timesSec).toString('base64'),
      values: float64Bytes(s.values).toString('base64'),
    })),
  }));
}

function float64Of(base64: string, length: number, where: string): Float64Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== length * 8) {
    throw new Error(`${where} holds ${bytes.length} bytes, not the ${length} float64 values its length says`);
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = bytes.readDoubleLE(i * 8);
  return out;
}

/** The series of `metricImports[index]` as read, or throws naming the field that cannot be read. */
export function decodeBundleSeries(imported: BundleMetricImport, index: number): ImportedSeries[] {
  return imported.series.map((s, j) => {
    const where = `metricImports[${index}].series[${j}] ('${s.metric}')`;
    return {
      metric: s.metric,
      labels: { ...s.labels },
      taskManager: s.taskManager,
      kind: s.kind as MetricKind | null,
      flinkName: s.flinkName,
      unit: s.unit as MetricUnit,
      timesSec: float64Of(s.times, s.length, `${where}.times`),
      values: float64Of(s.values, s.length, `${where}.values`),
    };
  });
}

/** A metric import as the state check (trail/state-check.ts) holds it against its `metrics.imported` event. */
export interface CheckedMetricImport {
  id: string;
  seq: number;
  source: string;
  origin: string;
  format: string;
  contentSha256: string;
  bytes: number;
  seriesHash: { hash: string } | { error: string };
}

/**
 * The bundle's metric imports as the state check reads them (the hash of each one's series, or why they cannot
 * be read), or undefined for a bundle written before Peel carried them: its `metrics.imported` events are then
 * vouched for by the chain alone, as they were.
 */
export function checkedBundleMetricImports(bundle: PeelBundle): CheckedMetricImport[] | undefined {
  if (!bundle.metricImports) return undefined;
  return bundle.metricImports.map((imported, index) => {
    let seriesHash: { hash: string } | { error: string };
    try {
      seriesHash = { hash: importedSeriesHash(decodeBundleSeries(imported, index)) };
    } catch (error) {
      seriesHash = { error: (error as Error).message };
    }
    return {
      id: imported.id,
      seq: imported.seq,
      source: imported.source,
      origin: imported.origin,
      format: imported.format,
      contentSha256: imported.contentSha256,
      bytes: imported.bytes,
      seriesHash,
    };
  });
}

/** An import to recreate: its record and its series as read. */
export interface CarriedMetricImport {
  record: Omit<MetricImportRecord, 'investigationId'>;
  series: ImportedSeries[];
}

/** The imports a bundle carries, decoded (the bundle was checked first, so they read). */
export function carriedFromBundle(bundle: PeelBundle): CarriedMetricImport[] | null {
  if (!bundle.metricImports) return null;
  return bundle.metricImports.map((imported, index) => {
    const series = decodeBundleSeries(imported, index);
    const { series: _series, ...rest } = imported;
    return {
      record: { ...rest, origin: rest.origin, seriesSha256: importedSeriesHash(series) },
      series,
    };
  });
}

/** The imports an investigation of this database holds, to carry into a branch. */
export function carriedFromStore(
  store: Pick<PeelStore, 'metricImports'>,
  investigationId: string,
): CarriedMetricImport[] {
  return store.metricImports.listForInvestigation(investigationId).map((record) => {
    const { investigationId: _id, ...rest } = record;
    return { record: rest, series: store.metricImports.series(record.id) };
  });
}

/**
 * Recreates carried imports under new local ids inside the caller's transaction (in seq order, so they keep their
 * numbers), adding source id -> local id to `idMap`. Returns how many were recreated.
 */
export function materializeMetricImports(
  ctx: ServiceContext,
  investigationId: string,
  carried: readonly CarriedMetricImport[],
  idMap: Record<string, string>,
): number {
  const ordered = [...carried].sort((a, b) => a.record.seq - b.record.seq);
  for (const { record, series } of ordered) {
    const id = ctx.newId();
    idMap[record.id] = id;
    const { seq: _seq, ...row } = record;
    ctx.store.metricImports.insert({ ...row, id, investigationId }, series);
  }
  return ordered.length;
}
