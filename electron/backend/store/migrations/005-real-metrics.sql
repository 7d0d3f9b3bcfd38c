-- Real incidents: metrics imported from files or a live Prometheus, kept as read (one row per import, its series
-- with their own irregular times). Each import is recorded by a `metrics.imported` event carrying the content hash
-- of what was read and the hash of the series stored, so `verify` holds these rows against the chain.

CREATE TABLE metric_imports (
  id               TEXT PRIMARY KEY,
  investigation_id TEXT NOT NULL REFERENCES investigations (id),
  seq              INTEGER NOT NULL,
  -- File name, or the query's URL without credentials.
  source           TEXT NOT NULL,
  origin           TEXT NOT NULL CHECK (origin IN ('file', 'prometheus')),
  format           TEXT NOT NULL,
  content_sha256   TEXT NOT NULL,
  bytes            INTEGER NOT NULL,
  series_sha256    TEXT NOT NULL,
  warnings         TEXT NOT NULL,
  -- Per series (by position): the staircase verdict and its one-line summary, or null for non-memory series.
  verdicts         TEXT NOT NULL,
  imported_at      INTEGER NOT NULL,
  imported_by      TEXT NOT NULL,
  UNIQUE (investigation_id, seq)
) STRICT;
CREATE INDEX metric_imports_by_investigation ON metric_imports (investigation_id, seq);

-- One row per imported series: times (epoch seconds) and values as little-endian float64 blobs of equal length.
CREATE TABLE metric_import_series (
  import_id    TEXT NOT NULL REFERENCES metric_imports (id),
  position     INTEGER NOT NULL,
  metric       TEXT NOT NULL,
  labels       TEXT NOT NULL,
  task_manager TEXT,
  kind         TEXT,
  flink_name   TEXT,
  unit         TEXT NOT NULL,
  length       INTEGER NOT NULL,
  times        BLOB NOT NULL,
  vals         BLOB NOT NULL,
  PRIMARY KEY (import_id, position)
) STRICT, WITHOUT ROWID;
