-- The lab: experiments (parameters of a simulated run, with their parent and exact diff), runs and their series,
-- hypotheses bound to the runs that test them, and the A/B/A proof behind a resolution.

CREATE TABLE experiments (
  id                     TEXT PRIMARY KEY,
  investigation_id       TEXT NOT NULL REFERENCES investigations (id),
  seq                    INTEGER NOT NULL,
  parent_id              TEXT REFERENCES experiments (id),
  label                  TEXT NOT NULL,
  params                 TEXT NOT NULL,
  diff                   TEXT NOT NULL,
  multi_change_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (multi_change_confirmed IN (0, 1)),
  hypothesis_id          TEXT REFERENCES hypotheses (id),
  created_at             INTEGER NOT NULL,
  created_by             TEXT NOT NULL,
  UNIQUE (investigation_id, seq)
) STRICT;
CREATE INDEX experiments_by_investigation ON experiments (investigation_id, seq);

CREATE TABLE runs (
  id                         TEXT PRIMARY KEY,
  experiment_id              TEXT NOT NULL REFERENCES experiments (id),
  investigation_id           TEXT NOT NULL REFERENCES investigations (id),
  seq                        INTEGER NOT NULL,
  status                     TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed')),
  started_at                 INTEGER NOT NULL,
  finished_at                INTEGER,
  started_by                 TEXT NOT NULL,
  duration_sec               INTEGER NOT NULL,
  verdict                    TEXT,
  retained_bytes_per_restart REAL,
  restarts                   INTEGER,
  ooms                       INTEGER,
  full_gcs                   INTEGER,
  peak_direct_bytes          REAL,
  peak_rss_bytes             REAL,
  summary                    TEXT,
  analysis                   TEXT,
  topology                   TEXT,
  events                     TEXT,
  error                      TEXT,
  UNIQUE (investigation_id, seq)
) STRICT;
CREATE INDEX runs_by_experiment ON runs (experiment_id, started_at);
CREATE INDEX runs_by_investigation ON runs (investigation_id, seq);

-- One row per stored series (a TaskManager metric, or an operator's back pressure), values at step_sec apart.
CREATE TABLE run_series (
  run_id     TEXT NOT NULL REFERENCES runs (id),
  series_key TEXT NOT NULL,
  start_sec  REAL NOT NULL,
  step_sec   REAL NOT NULL,
  length     INTEGER NOT NULL,
  min_value  REAL,
  max_value  REAL,
  data       BLOB NOT NULL,
  PRIMARY KEY (run_id, series_key)
) STRICT, WITHOUT ROWID;

ALTER TABLE hypotheses ADD COLUMN predicts TEXT CHECK (predicts IN ('leak', 'no-leak'));
ALTER TABLE hypotheses ADD COLUMN decided_by_run_id TEXT REFERENCES runs (id);
ALTER TABLE hypotheses ADD COLUMN decided_automatically INTEGER NOT NULL DEFAULT 0;

ALTER TABLE investigations ADD COLUMN config_overrides TEXT NOT NULL DEFAULT '{}';
ALTER TABLE investigations ADD COLUMN resolution TEXT;
ALTER TABLE investigations ADD COLUMN resolved_at INTEGER;
ALTER TABLE investigations ADD COLUMN preflight TEXT;

ALTER TABLE checklist_ticks ADD COLUMN evidence TEXT;
