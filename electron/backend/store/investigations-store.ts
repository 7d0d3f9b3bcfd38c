// Investigations: rows, the newest-first list with search, and the small counts the home screen shows.
import type Database from 'better-sqlite3';
import type { Investigation, InvestigationSummary } from '../../../shared/contract/entities';
import type { LabState, Preflight } from '../../../shared/contract/lab-entities';
import { CHECKLIST_ITEM_COUNT } from '../../../shared/domain/rules';
import { dehydrateJson, hydrateJson, hydrateJsonOrNull } from './hydration';

/** The investigation's resolution as the lab shows it: when, by whom, why, and the runs of its proof. */
export type Resolution = NonNullable<LabState['resolution']>;

/**
 * An investigation copied whole (an import or a branch): every column given, the lab's preflight and resolution as
 * the source stored them (the bundle's schema checked them; the copy maps the ids inside).
 */
export interface InvestigationCopy extends Investigation {
  configOverrides: Record<string, string>;
  preflight: unknown;
  resolution: { at: number } | null;
}

/** The lab's settings of an investigation, from its JSON columns. */
export interface InvestigationLab {
  configOverrides: Record<string, string>;
  preflight: Preflight | null;
  resolution: Resolution | null;
}

interface InvestigationRow {
  id: string;
  title: string;
  summary: string;
  started_at: number;
  created_at: number;
  created_by: string;
  updated_at: number;
  status: 'open' | 'resolved';
  scenario_id: string | null;
}

interface SummaryRow extends InvestigationRow {
  checklist_done: number;
  open_hypotheses: number;
  event_count: number;
}

function rowToInvestigation(row: InvestigationRow): Investigation {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    startedAt: row.started_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    status: row.status,
    scenarioId: row.scenario_id,
  };
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export type InvestigationsStore = ReturnType<typeof createInvestigationsStore>;

export function createInvestigationsStore(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO investigations (id, title, summary, started_at, created_at, created_by, updated_at, status, scenario_id)
     VALUES (@id, @title, @summary, @startedAt, @createdAt, @createdBy, @updatedAt, @status, @scenarioId)`,
  );
  const insertCopy = db.prepare(
    `INSERT INTO investigations (id, title, summary, started_at, created_at, created_by, updated_at, status, scenario_id,
                                 config_overrides, resolution, resolved_at, preflight)
     VALUES (@id, @title, @summary, @startedAt, @createdAt, @createdBy, @updatedAt, @status, @scenarioId,
             @configOverrides, @resolution, @resolvedAt, @preflight)`,
  );
  const byId = db.prepare<[string], InvestigationRow>('SELECT * FROM investigations WHERE id = ?');
  const summaries = db.prepare<[{ pattern: string }], SummaryRow>(
    `SELECT i.*,
       (SELECT count(*) FROM checklist_ticks c WHERE c.investigation_id = i.id AND c.ticked = 1) AS checklist_done,
       (SELECT count(*) FROM hypotheses h WHERE h.investigation_id = i.id AND h.status = 'open') AS open_hypotheses,
       (SELECT count(*) FROM audit_events a WHERE a.investigation_id = i.id) AS event_count
     FROM investigations i
     WHERE @pattern = '' OR i.title LIKE @pattern ESCAPE '\\' OR i.summary LIKE @pattern ESCAPE '\\'
     ORDER BY i.created_at DESC, i.rowid DESC`,
  );
  const touch = db.prepare('UPDATE investigations SET updated_at = ? WHERE id = ?');
  const setScenario = db.prepare('UPDATE investigations SET scenario_id = ?, updated_at = ? WHERE id = ?');
  const setStatus = db.prepare('UPDATE investigations SET status = ?, updated_at = ? WHERE id = ?');
  const labColumns = db.prepare<
    [string],
    { config_overrides: string; resolution: string | null; preflight: string | null }
  >('SELECT config_overrides, resolution, preflight FROM investigations WHERE id = ?');
  const setOverrides = db.prepare(
    'UPDATE investigations SET config_overrides = ?, updated_at = ? WHERE id = ?',
  );
  const setPreflight = db.prepare('UPDATE investigations SET preflight = ?, updated_at = ? WHERE id = ?');
  const resolve = db.prepare(
    "UPDATE investigations SET status = 'resolved', resolution = ?, resolved_at = ?, updated_at = ? WHERE id = ?",
  );

  return {
    insert(investigation: Investigation): void {
      insert.run(investigation);
    },
    insertCopy(copy: InvestigationCopy): void {
      insertCopy.run({
        id: copy.id,
        title: copy.title,
        summary: copy.summary,
        startedAt: copy.startedAt,
        createdAt: copy.createdAt,
        createdBy: copy.createdBy,
        updatedAt: copy.updatedAt,
        status: copy.status,
        scenarioId: copy.scenarioId,
        configOverrides: JSON.stringify(copy.configOverrides),
        resolution: dehydrateJson(copy.resolution),
        resolvedAt: copy.resolution?.at ?? null,
        preflight: dehydrateJson(copy.preflight),
      });
    },
    get(id: string): Investigation | undefined {
      const row = byId.get(id);
      return row ? rowToInvestigation(row) : undefined;
    },
    list(query = ''): InvestigationSummary[] {
      const trimmed = query.trim();
      return summaries.all({ pattern: trimmed === '' ? '' : likePattern(trimmed) }).map((row) => ({
        ...rowToInvestigation(row),
        checklistDone: row.checklist_done,
        checklistTotal: CHECKLIST_ITEM_COUNT,
        openHypotheses: row.open_hypotheses,
        eventCount: row.event_count,
      }));
    },
    touch(id: string, at: number): void {
      touch.run(at, id);
    },
    setScenario(id: string, scenarioId: string | null, at: number): void {
      setScenario.run(scenarioId, at, id);
    },
    setStatus(id: string, status: Investigation['status'], at: number): void {
      setStatus.run(status, at, id);
    },
    /** The lab's settings of an investigation: config overrides, the last preflight, the resolution. */
    lab(id: string): InvestigationLab | undefined {
      const row = labColumns.get(id);
      if (!row) return undefined;
      return {
        configOverrides: hydrateJson<Record<string, string>>(row.config_overrides),
        preflight: hydrateJsonOrNull<Preflight>(row.preflight),
        resolution: hydrateJsonOrNull<Resolution>(row.resolution),
      };
    },
    setConfigOverrides(id: string, overrides: Record<string, string>, at: number): void {
      setOverrides.run(JSON.stringify(overrides), at, id);
    },
    setPreflight(id: string, preflight: Preflight, at: number): void {
      setPreflight.run(JSON.stringify(preflight), at, id);
    },
    resolve(id: string, resolution: Resolution, at: number): void {
      resolve.run(JSON.stringify(resolution), at, at, id);
    },
  };
}
