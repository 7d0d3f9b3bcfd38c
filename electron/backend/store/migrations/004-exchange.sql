-- Imported investigations: bundles received from a colleague, kept read-only with their verified chain.
-- An import recreates the investigation's records under new local ids (so a bundle can be imported twice, or into
-- the database it came from) and keeps the bundle's chain exactly as received; a branch is a local, writable
-- investigation that continues an imported one.

-- One row per imported investigation: where it came from, the chain head it arrived with, and its hand-over.
CREATE TABLE imported_investigations (
  investigation_id TEXT PRIMARY KEY REFERENCES investigations (id),
  original_id      TEXT NOT NULL,
  bundle_version   INTEGER NOT NULL,
  bundle_sha256    TEXT NOT NULL,
  exported_by      TEXT NOT NULL,
  exported_at      INTEGER NOT NULL,
  exported_from    TEXT NOT NULL,
  imported_by      TEXT NOT NULL,
  imported_at      INTEGER NOT NULL,
  head_count       INTEGER NOT NULL,
  head_hash        TEXT NOT NULL,
  event_count      INTEGER NOT NULL,
  handover         TEXT NOT NULL,
  -- The bundle's ids and the local ids they became (JSON object), so its events can be read against the records.
  id_map           TEXT NOT NULL
) STRICT;

-- The imported chain as received: every link from genesis to the head; `event` holds the investigation's events in
-- full (JSON), NULL for the hash-only links of other investigations' events.
CREATE TABLE imported_chain_links (
  investigation_id TEXT NOT NULL REFERENCES imported_investigations (investigation_id),
  seq              INTEGER NOT NULL,
  prev_hash        TEXT NOT NULL,
  hash             TEXT NOT NULL,
  event            TEXT,
  PRIMARY KEY (investigation_id, seq)
) STRICT, WITHOUT ROWID;

-- A local investigation that continues an imported one, from the imported chain head it names.
CREATE TABLE investigation_branches (
  investigation_id      TEXT PRIMARY KEY REFERENCES investigations (id),
  imported_id           TEXT NOT NULL REFERENCES imported_investigations (investigation_id),
  imported_head_hash    TEXT NOT NULL,
  created_at            INTEGER NOT NULL,
  created_by            TEXT NOT NULL
) STRICT;
CREATE INDEX investigation_branches_by_import ON investigation_branches (imported_id, created_at);

CREATE TRIGGER imported_investigations_no_update BEFORE UPDATE ON imported_investigations
BEGIN
  SELECT RAISE(ABORT, 'imported_investigations is kept as imported: import the bundle again for a newer copy');
END;

CREATE TRIGGER imported_investigations_no_delete BEFORE DELETE ON imported_investigations
BEGIN
  SELECT RAISE(ABORT, 'imported_investigations is kept as imported: an import cannot be removed');
END;

CREATE TRIGGER imported_chain_links_no_update BEFORE UPDATE ON imported_chain_links
BEGIN
  SELECT RAISE(ABORT, 'imported_chain_links is append-only: an imported chain is kept as received');
END;

CREATE TRIGGER imported_chain_links_no_delete BEFORE DELETE ON imported_chain_links
BEGIN
  SELECT RAISE(ABORT, 'imported_chain_links is append-only: an imported chain is kept as received');
END;
