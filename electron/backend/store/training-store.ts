// What a drill reads back from the trail: its start (which drill, sealed) and the investigation's events in order,
// for the hints and the scorecard, and the drills instructors saved. Drills keep no table of their own: hints taken,
// diagnoses and saved drill files are the events.
import type Database from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/contract/entities';
import type { AuditRow } from './audit-rows';
import { rowToAuditEvent } from './audit-store';

export type TrainingStore = ReturnType<typeof createTrainingStore>;

export function createTrainingStore(db: Database.Database) {
  const lastStart = db.prepare<[string], AuditRow>(
    `SELECT * FROM audit_events WHERE investigation_id = ? AND kind = 'drill.started' ORDER BY seq DESC LIMIT 1`,
  );
  const allEvents = db.prepare<[string], AuditRow>(
    'SELECT * FROM audit_events WHERE investigation_id = ? ORDER BY seq',
  );
  const drillIds = db.prepare<[], { investigation_id: string }>(
    `SELECT DISTINCT investigation_id FROM audit_events WHERE kind = 'drill.started' AND investigation_id IS NOT NULL`,
  );
  const authored = db.prepare<[], AuditRow>(
    `SELECT * FROM audit_events WHERE kind = 'drill.authored' ORDER BY seq`,
  );
  return {
    /** Every save of an instructor's drill, oldest first (the payload holds the drill file). */
    authoredDrillEvents(): AuditEvent[] {
      return authored.all().map(rowToAuditEvent);
    },
    /** The investigation's `drill.started` event (the last, if it was restarted), or undefined: not a drill. */
    drillStart(investigationId: string): AuditEvent | undefined {
      const row = lastStart.get(investigationId);
      return row ? rowToAuditEvent(row) : undefined;
    },
    /** Every event of the investigation, oldest first. */
    events(investigationId: string): AuditEvent[] {
      return allEvents.all(investigationId).map(rowToAuditEvent);
    },
    /** The local investigations that are drills. */
    drillInvestigationIds(): string[] {
      return drillIds.all().map((row) => row.investigation_id);
    },
  };
}
