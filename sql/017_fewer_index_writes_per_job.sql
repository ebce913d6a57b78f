-- Fewer index entries written per job (docs/benchmarks.md, Scheduler, 2026-12-06 "Fewer index entries per job").
-- Every status change of a task and every state change of a Quartz trigger is a non-HOT update (the status or state is
-- indexed), so each new row version is inserted into every index of its table: a task's four versions (created, queued,
-- processing, completed) and a trigger's three (waiting, acquired, fired) each paid for the indexes below.
--
-- tasks (status) and (user_id) are the leading columns of (status, updated_at) and (user_id, status): every query that
-- filters on status or user_id alone is served by the longer index in the same way (an index range on the leading
-- column), so the short ones only cost writes. HistoryAtScale-style plans at a million rows: TasksAtScaleTests.
-- Applied beside running nodes, the drops wait for the tables' exclusive locks: at most Database:MigrationLockTimeout
-- (10 s by default, set by the migrator for every script's transaction; scripts/stack.sh uses the default), rather than
-- every node's statements queueing behind a long query while this one waits (the node's start then fails and is started
-- again).

DROP INDEX IF EXISTS ix_tasks_status;
DROP INDEX IF EXISTS ix_tasks_user_id;

-- Quartz's (sched_name, calendar_name) index answers only "triggers of this calendar" (calendar_name = $1, Quartz's
-- calendar API); the service's triggers have no calendar, so every one of them was an entry for NULL that no query
-- reads. Partial on the rows that have a calendar: calendar_name = $1 implies IS NOT NULL, so the same queries use it,
-- generic plans included.
DROP INDEX IF EXISTS idx_qrtz_t_c;
CREATE INDEX IF NOT EXISTS idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name) WHERE calendar_name IS NOT NULL;
