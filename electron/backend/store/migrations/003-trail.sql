-- The audit trail's corrections: revisions of hypotheses' statements and of audit events' descriptions, each
-- pointing at what it corrects (nothing in the trail is ever rewritten). Also what the timeline reads by: an index
-- for filtering an investigation's trail by kind and rule while paging by seq, and a full-text index for search.

-- A correction of a hypothesis's statement. The original statement stays in hypotheses.statement; the first
-- correction has corrects_id NULL (it corrects that original), every later one points at the revision before it.
CREATE TABLE hypothesis_revisions (
  id               TEXT PRIMARY KEY,
  hypothesis_id    TEXT NOT NULL REFERENCES hypotheses (id),
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  statement        TEXT NOT NULL CHECK (length(trim(statement)) > 0),
  created_at       INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  corrects_id      TEXT REFERENCES hypothesis_revisions (id)
) STRICT;
CREATE INDEX hypothesis_revisions_by_investigation
  ON hypothesis_revisions (investigation_id, hypothesis_id, created_at);
-- One correction per revision (and one of the original): a hypothesis's history is a single chain, never a fork.
CREATE UNIQUE INDEX hypothesis_revisions_single_correction
  ON hypothesis_revisions (hypothesis_id, coalesce(corrects_id, ''));

-- A person's description of an audit event (what it meant, why it was done); a correction is a new row pointing at
-- the description it corrects.
CREATE TABLE event_descriptions (
  id               TEXT PRIMARY KEY,
  event_id         TEXT NOT NULL REFERENCES audit_events (id),
  investigation_id TEXT,
  body             TEXT NOT NULL CHECK (length(trim(body)) > 0),
  created_at       INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  corrects_id      TEXT REFERENCES event_descriptions (id)
) STRICT;
CREATE INDEX event_descriptions_by_event ON event_descriptions (event_id, created_at);
CREATE UNIQUE INDEX event_descriptions_single_correction
  ON event_descriptions (event_id, coalesce(corrects_id, ''));

CREATE TRIGGER hypothesis_revisions_no_update BEFORE UPDATE ON hypothesis_revisions
BEGIN
  SELECT RAISE(ABORT, 'hypothesis_revisions is append-only: correct a hypothesis by adding a revision');
END;

CREATE TRIGGER hypothesis_revisions_no_delete BEFORE DELETE ON hypothesis_revisions
BEGIN
  SELECT RAISE(ABORT, 'hypothesis_revisions is append-only: correct a hypothesis by adding a revision');
END;

-- The original statement is the first entry of a hypothesis's history: its status may change, its text may not.
CREATE TRIGGER hypotheses_statement_kept BEFORE UPDATE OF statement ON hypotheses
WHEN NEW.statement IS NOT OLD.statement
BEGIN
  SELECT RAISE(ABORT, 'hypotheses.statement is kept as first written: correct a hypothesis by adding a revision');
END;

CREATE TRIGGER event_descriptions_no_update BEFORE UPDATE ON event_descriptions
BEGIN
  SELECT RAISE(ABORT, 'event_descriptions is append-only: correct a description by adding one');
END;

CREATE TRIGGER event_descriptions_no_delete BEFORE DELETE ON event_descriptions
BEGIN
  SELECT RAISE(ABORT, 'event_descriptions is append-only: correct a description by adding one');
END;

-- The timeline pages an investigation's trail newest first and filters by kind and rule: with both in the index,
-- a filtered page (or a count) is read from the index alone, without touching the events' payloads.
CREATE INDEX audit_events_trail ON audit_events (investigation_id, seq, kind, rule_id);

-- Text search over the trail: one row per audit event (rowid = seq) holding in `body` its kind, its one-line
-- description, the text in its payload and the latest person's description, and in `hash` its hash (searched only
-- for hex words, so a number typed in a search does not match hash prefixes). A derived index, filled as events are
-- searched; it is not part of the hash chain and can be rebuilt from the events at any time.
CREATE VIRTUAL TABLE audit_search USING fts5 (body, hash, tokenize = 'unicode61 remove_diacritics 2');
