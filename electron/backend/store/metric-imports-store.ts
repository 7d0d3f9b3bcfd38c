// Metrics imported from real systems (files, a live Prometheus): one row per import and its series as read, with
// their own times. Rows come back as typed values: labels parsed, blobs turned back into Float64Arrays.
import type Database from 'better-sqlite3';
import type { ImportedSeries } from '../../../shared/imports/imported-series';
import type { MetricKind, MetricUnit } from '../../../shared/imports/metric-kinds';

export type MetricImportOrigin = 'file' | 'prometheus';

export interface MetricImportRecord {
  id: string;
  investigationId: string;
  seq: number;
  source: string;
  origin: MetricImportOrigin;
  format: string;
  contentSha256: string;
  bytes: number;
  seriesSha256: string;
  warnings: string[];
  verdicts: ({ verdict: string; summary: string } | null)[];
  importedAt: number;
  importedBy: string;
}

interface ImportRow {
  id: string;
  investigation_id: string;
  seq: number;
  source: string;
  origin: MetricImportOrigin;
  format: string;
  content_sha256: string;
  bytes: number;
  series_sha256: string;
  warnings: string;
  verdicts: string;
  imported_at: number;
  imported_by: string;
}

interface SeriesRow {
  position: number;
  metric: string;
  labels: string;
  task_manager: string | null;
  kind: string | null;
  flink_name: string | null;
  unit: string;
  length: number;
  times: Buffer;
  vals: Buffer;
}

function rowToImport(row: ImportRow): MetricImportRecord {
  return {
    id: row.id,
    investigationId: row.investigation_id,
    seq: row.seq,
    source: row.source,
    origin: row.origin,
    format: row.format,
    contentSha256: row.content_sha256,
    bytes: row.bytes,
    seriesSha256: row.series_sha256,
    warnings: JSON.parse(row.warnings) as string[],
    verdicts: JSON.parse(row.verdicts) as MetricImportRecord['verdicts'],
    importedAt: row.imported_at,
    importedBy: row.imported_by,
  };
}

const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Float64 values as little-endian bytes (the blob's layout on every machine). */
export function float64Bytes(values: Float64Array): Buffer {
  if (isLittleEndian) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) out.writeDoubleLE(values[i]!, i * 8);
  return out;
}

function float64Of(blob: Buffer, length: number, field: string): Float64Array {
  if (blob.length !== length * 8) {
    throw new Error(`${field} holds ${blob.length} bytes, not ${length} float64 values`);
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = blob.readDoubleLE(i * 8);
  return out;
}

function rowToSeries(row: SeriesRow): ImportedSeries {
  return {
    metric: row.metric,
    labels: JSON.parse(row.labels) as Record<string, string>,
    taskManager: row.task_manager,
    kind: row.kind as MetricKind | null,
    flinkName: row.flink_name,
    unit: row.unit as MetricUnit,
    timesSec: float64Of(row.times, row.length, 'times'),
    values: float64Of(row.vals, row.length, 'values'),
  };
}

export type MetricImportsStore = ReturnType<typeof createMetricImportsStore>;

export function createMetricImportsStore(db: Database.Database) {
  const nextSeq = db.prepare<[string], { next: number }>(
    'SELECT coalesce(max(seq), 0) + 1 AS next FROM metric_imports WHERE investigation_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO metric_imports (id, investigation_id, seq, source, origin, format, content_sha256, bytes,
       series_sha256, warnings, verdicts, imported_at, imported_by)
     VALUES (@id, @investigationId, @seq, @source, @origin, @format, @contentSha256, @bytes, @seriesSha256,
       @warnings, @verdicts, @importedAt, @importedBy)`,
  );
  const insertSeries = db.prepare(
    `INSERT INTO metric_import_series (import_id, position, metric, labels, task_manager, kind, flink_name, unit,
       length, times, vals)
     VALUES (@importId, @position, @metric, @labels, @taskManager, @kind, @flinkName, @unit, @length, @times, @vals)`,
  );
  const byId = db.prepare<[string], ImportRow>('SELECT * FROM metric_imports WHERE id = ?');
  const forInvestigation = db.prepare<[string], ImportRow>(
    'SELECT * FROM metric_imports WHERE investigation_id = ? ORDER BY seq',
  );
  const seriesOf = db.prepare<[string], SeriesRow>(
    'SELECT * FROM metric_import_series WHERE import_id = ? ORDER BY position',
  );

  return {
    /** Inserts an import with its series; returns its number in the investigation. */
    insert(record: Omit<MetricImportRecord, 'seq'>, series: readonly ImportedSeries[]): number {
      const seq = nextSeq.get(record.investigationId)?.next ?? 1;
      insert.run({
        ...record,
        seq,
        warnings: JSON.stringify(record.warnings),
        verdicts: JSON.stringify(record.verdicts),
      });
      series.forEach((s, position) => {
        insertSeries.run({
          importId: record.id,
          position,
          metric: s.metric,
          labels: JSON.stringify(s.labels),
          taskManager: s.taskManager,
          kind: s.kind,
          flinkName: s.flinkName,
          unit: s.unit,
          length: s.timesSec.length,
          times: float64Bytes(s.timesSec),
          vals: float64Bytes(s.values),
        });
      });
      return seq;
    },
    get(id: string): MetricImportRecord | undefined {
      const row = byId.get(id);
      return row ? rowToImport(row) : undefined;
    },
    listForInvestigation(investigationId: string): MetricImportRecord[] {
      return forInvestigation.all(investigationId).map(rowToImport);
    },
    /** The import's series as read; throws when a stored blob is not the length its row says. */
    series(importId: string): ImportedSeries[] {
      return seriesOf.all(importId).map(rowToSeries);
    },
  };
}
