// Notes as chains of immutable revisions: a correction is a new revision pointing at the one it corrects.
import type Database from 'better-sqlite3';
import type { Note } from '../../../shared/contract/entities';
import type { RuleId } from '../../../shared/domain/rules';

export interface NoteRevisionRow {
  id: string;
  note_id: string;
  investigation_id: string;
  rule_id: string | null;
  body: string;
  created_at: number;
  created_by: string;
  corrects_id: string | null;
}

export interface NewNoteRevision {
  id: string;
  noteId: string;
  investigationId: string;
  ruleId: RuleId | null;
  body: string;
  createdAt: number;
  createdBy: string;
  correctsId: string | null;
}

/** Folds revisions (oldest first) into notes showing their latest text, with the older texts as history. */
export function foldRevisions(rows: readonly NoteRevisionRow[]): Note[] {
  const notes = new Map<string, Note>();
  for (const row of rows) {
    const existing = notes.get(row.note_id);
    if (!existing) {
      notes.set(row.note_id, {
        id: row.note_id,
        investigationId: row.investigation_id,
        ruleId: row.rule_id as RuleId | null,
        body: row.body,
        createdAt: row.created_at,
        createdBy: row.created_by,
        updatedAt: row.created_at,
        edited: false,
        history: [{ id: row.id, body: row.body, createdAt: row.created_at, createdBy: row.created_by }],
      });
      continue;
    }
    existing.body = row.body;
    existing.updatedAt = row.created_at;
    existing.edited = true;
    existing.history.push({
      id: row.id,
      body: row.body,
      createdAt: row.created_at,
      createdBy: row.created_by,
    });
  }
  return [...notes.values()];
}

export type NotesStore = ReturnType<typeof createNotesStore>;

export function createNotesStore(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO note_revisions (id, note_id, investigation_id, rule_id, body, created_at, created_by, corrects_id)
     VALUES (@id, @noteId, @investigationId, @ruleId, @body, @createdAt, @createdBy, @correctsId)`,
  );
  const forInvestigation = db.prepare<[string], NoteRevisionRow>(
    'SELECT * FROM note_revisions WHERE investigation_id = ? ORDER BY created_at, rowid',
  );
  const forNote = db.prepare<[string], NoteRevisionRow>(
    'SELECT * FROM note_revisions WHERE note_id = ? ORDER BY created_at, rowid',
  );

  return {
    insertRevision(revision: NewNoteRevision): void {
      insert.run(revision);
    },
    listForInvestigation(investigationId: string): Note[] {
      return foldRevisions(forInvestigation.all(investigationId));
    },
    getNote(noteId: string): { note: Note; latestRevisionId: string } | undefined {
      const rows = forNote.all(noteId);
      const [note] = foldRevisions(rows);
      const latest = rows.at(-1);
      return note && latest ? { note, latestRevisionId: latest.id } : undefined;
    },
  };
}
