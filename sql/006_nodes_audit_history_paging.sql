-- Operator surface (dashboard, CLI).
--
-- nodes: every service instance that ever joined the cluster, with its heartbeat. Quartz deletes a dead instance's
-- qrtz_scheduler_state row once another node has recovered it, so this table is what still shows a dead node
-- (and, joined with job_history's LOST attempts, what was recovered from it).
CREATE TABLE IF NOT EXISTS nodes (
    instance_id     text         PRIMARY KEY,
    host            text         NOT NULL,
    pid             integer      NOT NULL,
    version         text         NOT NULL,
    run_jobs        boolean      NOT NULL,
    slots           integer      NOT NULL,
    started_at      timestamptz  NOT NULL,
    last_seen       timestamptz  NOT NULL,
    stopped_at      timestamptz  NULL,
    load1           real         NULL,
    working_set_mb  integer      NULL
);
CREATE INDEX IF NOT EXISTS ix_nodes_last_seen ON nodes (last_seen DESC);

-- Every operator action taken from the dashboard (or the operations API), with who did it.
CREATE TABLE IF NOT EXISTS audit_log (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz  NOT NULL DEFAULT now(),
    actor       text         NOT NULL,
    action      varchar(40)  NOT NULL,
    target      text         NOT NULL,
    outcome     varchar(20)  NOT NULL,
    detail      text         NULL,
    node        text         NOT NULL,
    remote_ip   text         NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_log_at ON audit_log (at DESC, id DESC);

-- History paging: newest first, keyset on (started_at, id), with or without one filter. Each index serves
-- "WHERE filter = x AND (started_at, id) < (t, i) ORDER BY started_at DESC, id DESC LIMIT n" as a backward index range
-- scan, so a page costs the same at 1 million rows as at 1,000 (docs/benchmarks.md shows the plans).
CREATE INDEX IF NOT EXISTS ix_job_history_page ON job_history (started_at, id);
CREATE INDEX IF NOT EXISTS ix_job_history_status_page ON job_history (status, started_at, id);
CREATE INDEX IF NOT EXISTS ix_job_history_tool_page ON job_history (tool_id, started_at, id);
CREATE INDEX IF NOT EXISTS ix_job_history_user_page ON job_history (user_id, started_at, id);
CREATE INDEX IF NOT EXISTS ix_job_history_node_page ON job_history (node_instance_id, started_at, id);
CREATE INDEX IF NOT EXISTS ix_job_history_queue_page ON job_history (queue, started_at, id);
CREATE INDEX IF NOT EXISTS ix_job_history_task_page ON job_history (task_id, started_at, id);
-- Superseded by the paging indexes above (same leading columns).
DROP INDEX IF EXISTS ix_job_history_started;
DROP INDEX IF EXISTS ix_job_history_tool_started;
DROP INDEX IF EXISTS ix_job_history_node_started;
DROP INDEX IF EXISTS ix_job_history_task;
