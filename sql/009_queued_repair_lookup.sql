-- QueuedTaskRepair asks, for QUEUED tasks, whether the store still holds a trigger of theirs: named after the task
-- (task id, or task-id.retryN for a retry). Matching those names with LIKE or a prefix range made PostgreSQL scan the
-- trigger table once per task: with 100,000 queued tasks one repair pass ran for minutes, every 5 s on every node
-- (docs/benchmarks.md, 2026-12-03). These expression indexes answer "a trigger of this task?" with one lookup.
-- Task ids are UUIDs (no '.'), so the part before the first '.' of a trigger name is the task it belongs to.
CREATE INDEX IF NOT EXISTS ix_qrtz_triggers_task ON qrtz_triggers (sched_name, (split_part(trigger_name, '.', 1)));
CREATE INDEX IF NOT EXISTS ix_qrtz_fired_triggers_task ON qrtz_fired_triggers (sched_name, (split_part(trigger_name, '.', 1)));
