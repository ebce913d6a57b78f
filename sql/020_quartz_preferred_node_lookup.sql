-- Quartz 4.7.3 counts, at its acquisition rounds (~0.5-0.7 calls/s per node in a drain), the due triggers that prefer
-- this node:
--   SELECT COUNT(t.TRIGGER_NAME), MAX(f.FIRED_TIME) FROM qrtz_TRIGGERS t LEFT JOIN qrtz_FIRED_TRIGGERS f ON (…)
--    WHERE t.SCHED_NAME = $2 AND t.TRIGGER_STATE = $3 AND t.NEXT_FIRE_TIME <= $4 AND t.PREFERRED_NODE = $5
--      AND NOT EXISTS (SELECT … FROM qrtz_FIRED_TRIGGERS o WHERE … AND o.INSTANCE_NAME = $6)
-- (logged with $2 = 'agensium-maintenance', $3 = 'BLOCKED'). No index has preferred_node. The node runs Quartz's
-- statements with generic plans (QuartzSetup: plan_cache_mode; docs/benchmarks.md, Scheduler, "Quartz's generic plans
-- at 100,000 queued"), and a generic plan does not know that the maintenance scheduler's name picks two rows of the
-- table or that few triggers are BLOCKED: with 100,000 queued it was at times a parallel sequential scan of the whole
-- trigger table, ~0.2-0.3 s per call. With this index it is one empty index probe whatever the backlog. Partial on the
-- rows that prefer a node: the service's triggers prefer none, so no trigger version of a job writes an entry.
-- preferred_node = $5 implies IS NOT NULL, so generic plans use it.
CREATE INDEX IF NOT EXISTS idx_qrtz_t_preferred ON qrtz_triggers (sched_name, preferred_node, trigger_state, next_fire_time)
    WHERE preferred_node IS NOT NULL;
