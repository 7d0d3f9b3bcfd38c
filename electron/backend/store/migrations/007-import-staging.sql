-- Series of a bundle import written ahead of its records (services/exchange/staged-series.ts). An import writes
-- its runs' series blobs into run_series in small transactions before the one transaction that records the runs,
-- so the API is never held by hundreds of megabytes written at once. Until that transaction commits, the blobs
-- belong to no run (their run ids are the ones the import will give its runs), and this table names them: the
-- import's last transaction deletes its rows here as it records the runs; a cancelled or refused import deletes
-- its series and its rows; and what a crash left here is deleted when Peel next opens the database, so no series
-- ever outlives an import that did not complete.
CREATE TABLE import_staged_runs (
  run_id    TEXT PRIMARY KEY,
  stage_id  TEXT NOT NULL,
  staged_at INTEGER NOT NULL
) STRICT;

CREATE INDEX import_staged_runs_by_stage ON import_staged_runs (stage_id);
