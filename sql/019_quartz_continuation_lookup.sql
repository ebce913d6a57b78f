-- Quartz 4.7.3 reads a trigger together with the triggers that continue it, in one statement run once per job:
--   … FROM qrtz_triggers WHERE sched_name = $1 AND trigger_name = $2 AND trigger_group = $3
--   UNION ALL … FROM qrtz_triggers WHERE sched_name = $4 AND trigger_state = $5 AND continues_trigger_name = $6
--                                     AND continues_trigger_group = $7
-- No index has the continuation's columns, so a generic plan of the second branch is a sequential scan of the whole
-- table (Quartz relies on the state value, 'AWAITING', being rare, which only a plan made for that value knows). The
-- node runs Quartz's statements with generic plans (QuartzSetup: plan_cache_mode, docs/benchmarks.md, Scheduler,
-- "PostgreSQL's CPU per job"): this index keeps that branch one empty index probe at any backlog. Partial on the rows
-- that continue another trigger: the service's triggers continue none, so no trigger version of a job writes an entry.
-- continues_trigger_name = $6 implies IS NOT NULL, so generic plans use it.
CREATE INDEX IF NOT EXISTS idx_qrtz_t_continues ON qrtz_triggers (sched_name, continues_trigger_name, continues_trigger_group)
    WHERE continues_trigger_name IS NOT NULL;
