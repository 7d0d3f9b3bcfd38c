-- The notebook: investigations, checklist ticks, notes (immutable revisions), hypotheses, and the audit trail.
-- Times are UTC epoch milliseconds; actors are OS user names.

CREATE TABLE investigations (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  summary     TEXT NOT NULL,
  started_at  INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  created_by  TEXT NOT NULL,
  updated_at  INTEGER NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  scenario_id TEXT
) STRICT;
CREATE INDEX investigations_by_created ON investigations (created_at DESC);

-- Current state of each checklist item; every change is also an audit event.
CREATE TABLE checklist_ticks (
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  item_id          TEXT NOT NULL,
  rule_id          TEXT NOT NULL,
  ticked           INTEGER NOT NULL CHECK (ticked IN (0, 1)),
  updated_at       INTEGER NOT NULL,
  updated_by       TEXT NOT NULL,
  PRIMARY KEY (investigation_id, item_id)
) STRICT;

-- A note is a chain of revisions; a correction is a new row pointing at the revision it corrects.
CREATE TABLE note_revisions (
  id               TEXT PRIMARY KEY,
  note_id          TEXT NOT NULL,
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  rule_id          TEXT,
  body             TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  corrects_id      TEXT REFERENCES note_revisions (id)
) STRICT;
CREATE INDEX note_revisions_by_investigation ON note_revisions (investigation_id, note_id, created_at);
CREATE UNIQUE INDEX note_revisions_single_correction ON note_revisions (corrects_id) WHERE corrects_id IS NOT NULL;

CREATE TABLE hypotheses (
  id               TEXT PRIMARY KEY,
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  statement        TEXT NOT NULL,
  rule_id          TEXT,
  status           TEXT NOT NULL CHECK (status IN ('open', 'supported', 'refuted', 'inconclusive')),
  reason           TEXT,
  created_at       INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX hypotheses_by_investigation ON hypotheses (investigation_id, created_at);

-- The audit trail: append-only, one SHA-256 chain per database (hash covers the event and the previous hash).
CREATE TABLE audit_events (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  id               TEXT NOT NULL UNIQUE,
  investigation_id TEXT,
  at               INTEGER NOT NULL,
  actor            TEXT NOT NULL,
  kind             TEXT NOT NULL,
  rule_id          TEXT,
  payload          TEXT NOT NULL,
  prev_hash        TEXT NOT NULL,
  hash             TEXT NOT NULL
) STRICT;
CREATE INDEX audit_events_by_investigation ON audit_events (investigation_id, seq);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: an event cannot be changed');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: an event cannot be deleted');
END;

CREATE TRIGGER note_revisions_no_update BEFORE UPDATE ON note_revisions
BEGIN
  SELECT RAISE(ABORT, 'note_revisions is append-only: correct a note by adding a revision');
END;

CREATE TRIGGER note_revisions_no_delete BEFORE DELETE ON note_revisions
BEGIN
  SELECT RAISE(ABORT, 'note_revisions is append-only: correct a note by adding a revision');
END;
