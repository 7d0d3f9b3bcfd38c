-- Lean runs: a simulated run keeps on disk only the series the lab shows first (direct memory per TaskManager, the
-- back-pressure heat map); the others are re-derived on demand by re-running the simulator on the recorded
-- parameters and seed, and checked against the series hash its `run.completed` event recorded. One row per such run
-- says how: the simulator version, the parameters (with the seed), the hashes of all its series and of its
-- detail (analysis, plan, events), and every series key.
-- `discarded_at` is set when the user discarded the run's data (no series, plan or events left on disk).
CREATE TABLE run_derivations (
  run_id       TEXT PRIMARY KEY REFERENCES runs (id),
  simulator    TEXT NOT NULL,
  params       TEXT NOT NULL,
  series_hash  TEXT NOT NULL,
  detail_hash  TEXT NOT NULL,
  series_keys  TEXT NOT NULL,
  discarded_at INTEGER,
  discarded_by TEXT
) STRICT;
