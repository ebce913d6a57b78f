-- One row per execution attempt of any job (analysis, cleanup, health check, debug), written by the
-- Quartz job listener: inserted RUNNING when the job is about to run, closed when it has run.
-- Operators query it with plain SQL (sql/queries/).

CREATE TABLE IF NOT EXISTS job_history (
    id                bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fire_instance_id  text         NOT NULL,
    job_name          text         NOT NULL,
    job_group         text         NOT NULL,
    task_id           varchar(36)  NULL,
    user_id           bigint       NULL,
    tool_id           varchar(50)  NULL,
    queue             varchar(50)  NULL,
    node_instance_id  text         NOT NULL,
    attempt           integer      NOT NULL DEFAULT 1,
    status            varchar(20)  NOT NULL,
    error_code        varchar(50)  NULL,
    error_message     text         NULL,
    scheduled_at      timestamptz  NULL,
    started_at        timestamptz  NOT NULL,
    finished_at       timestamptz  NULL,
    duration_ms       bigint       NULL,
    result            jsonb        NULL,
    CONSTRAINT job_history_fire_instance_unique UNIQUE (fire_instance_id),
    CONSTRAINT job_history_status_check CHECK (status IN (
        'RUNNING', 'COMPLETED', 'FAILED', 'SKIPPED', 'LOST', 'CANCELLED')),
    CONSTRAINT job_history_attempt_check CHECK (attempt >= 1),
    CONSTRAINT job_history_finished_check CHECK (
        (status = 'RUNNING' AND finished_at IS NULL) OR (status <> 'RUNNING' AND finished_at IS NOT NULL))
);

-- runs / failure rate per tool per day, duration percentiles per tool
CREATE INDEX IF NOT EXISTS ix_job_history_tool_started ON job_history (tool_id, started_at);
-- runs per node
CREATE INDEX IF NOT EXISTS ix_job_history_node_started ON job_history (node_instance_id, started_at);
-- last N failures
CREATE INDEX IF NOT EXISTS ix_job_history_failures ON job_history (finished_at DESC) WHERE status = 'FAILED';
-- attempts of one task
CREATE INDEX IF NOT EXISTS ix_job_history_task ON job_history (task_id, started_at);
-- open attempts (recovery, stuck checks)
CREATE INDEX IF NOT EXISTS ix_job_history_running ON job_history (node_instance_id) WHERE status = 'RUNNING';
-- time-window scans
CREATE INDEX IF NOT EXISTS ix_job_history_started ON job_history (started_at);
