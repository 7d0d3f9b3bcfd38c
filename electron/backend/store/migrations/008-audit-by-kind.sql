-- The newest event of a kind in an investigation (audit-store.ts latestSeq, training-store.ts drillStart) is read
-- on every lab state and run: without these indexes each such read walked the investigation's trail backwards, so
-- its cost grew with the trail (a kind the trail does not hold, as `drill.started` in an investigation that is not
-- a drill, read every event; the `run.completed` event of an early run read every later run's). With them each is
-- one index seek: by kind, and, for the kinds the checklist's proving events are, by the run or experiment the
-- event is about. Those two are partial (only their kinds' rows), so other events pay nothing for them.
CREATE INDEX audit_events_by_kind ON audit_events (investigation_id, kind, seq);
CREATE INDEX audit_events_by_run ON audit_events (investigation_id, json_extract(payload, '$.runId'), seq)
  WHERE kind = 'run.completed';
CREATE INDEX audit_events_by_experiment
  ON audit_events (investigation_id, kind, json_extract(payload, '$.experimentId'), seq)
  WHERE kind IN ('experiment.created', 'experiment.preflight');
