// Imported investigations (where each came from, the chain head it arrived with, its hand-over), their chains kept
// exactly as received, and the local branches that continue them.
import type Database from 'better-sqlite3';

export interface ImportRecord {
  investigationId: string;
  originalId: string;
  bundleVersion: number;
  bundleSha256: string;
  exportedBy: string;
  exportedAt: number;
  exportedFrom: { app: string; version: string; host: string; database: string };
  importedBy: string;
  importedAt: number;
  headCount: number;
  headHash: string;
  eventCount: number;
  handover: unknown;
  idMap: Record<string, string>;
}

export interface StoredLink {
  seq: number;
  prevHash: string;
  hash: string;
  /** The event's JSON as received, for this investigation's events; null for hash-only links. */
  event: string | null;
}

export interface BranchRecord {
  investigationId: string;
  importedId: string;
  importedHeadHash: string;
  createdAt: number;
  createdBy: string;
}

interface ImportRow {
  investigation_id: string;
  original_id: string;
  bundle_version: number;
  bundle_sha256: string;
  exported_by: string;
  exported_at: number;
  exported_from: string;
  imported_by: string;
  imported_at: number;
  head_count: number;
  head_hash: string;
  event_count: number;
  handover: string;
  id_map: string;
}

function rowToImport(row: ImportRow): ImportRecord {
  return {
    investigationId: row.investigation_id,
    originalId: row.original_id,
    bundleVersion: row.bundle_version,
    bundleSha256: row.bundle_sha256,
    exportedBy: row.exported_by,
    exportedAt: row.exported_at,
    exportedFrom: JSON.parse(row.exported_from) as ImportRecord['exportedFrom'],
    importedBy: row.imported_by,
    importedAt: row.imported_at,
    headCount: row.head_count,
    headHash: row.head_hash,
    eventCount: row.event_count,
    handover: JSON.parse(row.handover),
    idMap: JSON.parse(row.id_map) as Record<string, string>,
  };
}

interface BranchRow {
  investigation_id: string;
  imported_id: string;
  imported_head_hash: string;
  created_at: number;
  created_by: string;
}

const rowToBranch = (row: BranchRow): BranchRecord => ({
  investigationId: row.investigation_id,
  importedId: row.imported_id,
  importedHeadHash: row.imported_head_hash,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

export type ImportsStore = ReturnType<typeof createImportsStore>;

export function createImportsStore(db: Database.Database) {
  const insertImport = db.prepare(
    `INSERT INTO imported_investigations (investigation_id, original_id, bundle_version, bundle_sha256, exported_by,
       exported_at, exported_from, imported_by, imported_at, head_count, head_hash, event_count, handover, id_map)
     VALUES (@investigationId, @originalId, @bundleVersion, @bundleSha256, @exportedBy, @exportedAt, @exportedFrom,
             @importedBy, @importedAt, @headCount, @headHash, @eventCount, @handover, @idMap)`,
  );
  const byId = db.prepare<[string], ImportRow>(
    'SELECT * FROM imported_investigations WHERE investigation_id = ?',
  );
  const isImported = db.prepare<[string], { found: number }>(
    'SELECT 1 AS found FROM imported_investigations WHERE investigation_id = ?',
  );
  const all = db.prepare<[], ImportRow>('SELECT * FROM imported_investigations ORDER BY imported_at');
  const insertLink = db.prepare(
    `INSERT INTO imported_chain_links (investigation_id, seq, prev_hash, hash, event)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const links = db.prepare<[string], { seq: number; prev_hash: string; hash: string; event: string | null }>(
    'SELECT seq, prev_hash, hash, event FROM imported_chain_links WHERE investigation_id = ? ORDER BY seq',
  );
  const eventPage = db.prepare<[string, number, number], { event: string }>(
    `SELECT event FROM imported_chain_links WHERE investigation_id = ? AND event IS NOT NULL AND seq < ?
     ORDER BY seq DESC LIMIT ?`,
  );
  const insertBranch = db.prepare(
    `INSERT INTO investigation_branches (investigation_id, imported_id, imported_head_hash, created_at, created_by)
     VALUES (@investigationId, @importedId, @importedHeadHash, @createdAt, @createdBy)`,
  );
  const branch = db.prepare<[string], BranchRow>(
    'SELECT * FROM investigation_branches WHERE investigation_id = ?',
  );
  const branchesOf = db.prepare<[string], BranchRow>(
    'SELECT * FROM investigation_branches WHERE imported_id = ? ORDER BY created_at',
  );
  const allBranches = db.prepare<[], BranchRow>('SELECT * FROM investigation_branches ORDER BY created_at');

  return {
    insert(record: ImportRecord, chain: readonly StoredLink[]): void {
      insertImport.run({
        ...record,
        exportedFrom: JSON.stringify(record.exportedFrom),
        handover: JSON.stringify(record.handover),
        idMap: JSON.stringify(record.idMap),
      });
      for (const link of chain)
        insertLink.run(record.investigationId, link.seq, link.prevHash, link.hash, link.event);
    },
    get(investigationId: string): ImportRecord | undefined {
      const row = byId.get(investigationId);
      return row ? rowToImport(row) : undefined;
    },
    /** One indexed lookup: the read-only guard asks this on every audited write. */
    isImported(investigationId: string): boolean {
      return isImported.get(investigationId) !== undefined;
    },
    list(): ImportRecord[] {
      return all.all().map(rowToImport);
    },
    links(investigationId: string): StoredLink[] {
      return links.all(investigationId).map((row) => ({
        seq: row.seq,
        prevHash: row.prev_hash,
        hash: row.hash,
        event: row.event,
      }));
    },
    /** The imported investigation's own events as received (JSON text), newest first, a page at a time. */
    eventPage(investigationId: string, beforeSeq: number, limit: number): string[] {
      return eventPage.all(investigationId, beforeSeq, limit).map((row) => row.event);
    },
    insertBranch(record: BranchRecord): void {
      insertBranch.run(record);
    },
    branch(investigationId: string): BranchRecord | undefined {
      const row = branch.get(investigationId);
      return row ? rowToBranch(row) : undefined;
    },
    branchesOf(importedId: string): BranchRecord[] {
      return branchesOf.all(importedId).map(rowToBranch);
    },
    allBranches(): BranchRecord[] {
      return allBranches.all().map(rowToBranch);
    },
  };
}
