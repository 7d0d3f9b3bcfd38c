// People's descriptions of audit events, as immutable entries: correcting a description adds an entry pointing at
// the one it corrects (NULL for the first), so every earlier text stays readable.
import type Database from 'better-sqlite3';
import type { EventDescription } from '../../../shared/contract/trail-entities';

export interface EventDescriptionRow {
  id: string;
  event_id: string;
  body: string;
  created_at: number;
  created_by: string;
}

export interface NewEventDescription {
  id: string;
  eventId: string;
  investigationId: string | null;
  body: string;
  createdAt: number;
  createdBy: string;
  correctsId: string | null;
}

/** One event's entries (oldest first) as views show them: the latest text, `edited` once corrected. */
export function foldDescriptions(rows: readonly EventDescriptionRow[]): EventDescription | null {
  const latest = rows.at(-1);
  if (!latest) return null;
  return {
    eventId: latest.event_id,
    body: latest.body,
    updatedAt: latest.created_at,
    updatedBy: latest.created_by,
    edited: rows.length > 1,
    history: rows.map((row) => ({
      id: row.id,
      body: row.body,
      createdAt: row.created_at,
      createdBy: row.created_by,
    })),
  };
}

export type EventDescriptionsStore = ReturnType<typeof createEventDescriptionsStore>;

export function createEventDescriptionsStore(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO event_descriptions (id, event_id, investigation_id, body, created_at, created_by, corrects_id)
     VALUES (@id, @eventId, @investigationId, @body, @createdAt, @createdBy, @correctsId)`,
  );
  const forEvent = db.prepare<[string], EventDescriptionRow>(
    'SELECT * FROM event_descriptions WHERE event_id = ? ORDER BY created_at, rowid',
  );
  // A page's ids travel as one JSON array: one statement whatever the page size.
  const forEvents = db.prepare<[string], EventDescriptionRow>(
    `SELECT * FROM event_descriptions WHERE event_id IN (SELECT value FROM json_each(?))
     ORDER BY event_id, created_at, rowid`,
  );

  return {
    insert(description: NewEventDescription): void {
      insert.run(description);
    },
    forEvent(eventId: string): EventDescriptionRow[] {
      return forEvent.all(eventId);
    },
    /** The descriptions of the given events, folded, by event id (events without one are absent). */
    forEvents(eventIds: readonly string[]): Map<string, EventDescription> {
      const grouped = new Map<string, EventDescriptionRow[]>();
      if (eventIds.length === 0) return new Map();
      for (const row of forEvents.all(JSON.stringify(eventIds))) {
        const list = grouped.get(row.event_id);
        if (list) list.push(row);
        else grouped.set(row.event_id, [row]);
      }
      const folded = new Map<string, EventDescription>();
      for (const [eventId, rows] of grouped) folded.set(eventId, foldDescriptions(rows)!);
      return folded;
    },
  };
}
