-- The newest event of a kind in an investigation (audit-store.ts latestSeq, training-store.ts drillStart) is read
-- on every lab state and run: without this index each such read walked the investigation's whole trail backwards,
-- so its cost grew with the trail (a kind the trail does not hold, as `drill.started` in an investigation that is
-- not a drill, read every event). With it each is one index seek.
CREATE INDEX audit_events_by_kind ON audit_events (investigation_id, kind, seq);
