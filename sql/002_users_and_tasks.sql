-- Agensium users (minimal) and tasks, with exactly the columns and statuses of AGENSIUM.md §1.
-- All times are UTC (timestamptz).

CREATE TABLE IF NOT EXISTS users (
    id          bigint      PRIMARY KEY,
    email       text        NOT NULL UNIQUE,
    name        text        NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS tasks (
    task_id                varchar(36)  PRIMARY KEY,
    user_id                bigint       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tool_id                varchar(50)  NOT NULL,
    agents                 jsonb        NOT NULL DEFAULT '[]'::jsonb,
    status                 varchar(20)  NOT NULL DEFAULT 'CREATED',
    progress               integer      NOT NULL DEFAULT 0,
    current_agent          varchar(100) NULL,
    error_code             varchar(50)  NULL,
    error_message          text         NULL,
    created_at             timestamptz  NOT NULL DEFAULT now(),
    updated_at             timestamptz  NOT NULL DEFAULT now(),
    upload_started_at      timestamptz  NULL,
    processing_started_at  timestamptz  NULL,
    completed_at           timestamptz  NULL,
    failed_at              timestamptz  NULL,
    cancelled_at           timestamptz  NULL,
    expired_at             timestamptz  NULL,
    s3_cleaned             boolean      NOT NULL DEFAULT false,
    CONSTRAINT tasks_status_check CHECK (status IN (
        'CREATED', 'UPLOADING', 'UPLOAD_FAILED', 'QUEUED', 'PROCESSING',
        'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED')),
    CONSTRAINT tasks_progress_check CHECK (progress BETWEEN 0 AND 100),
    CONSTRAINT tasks_agents_is_array CHECK (jsonb_typeof(agents) = 'array')
);

CREATE INDEX IF NOT EXISTS ix_tasks_user_id ON tasks (user_id);
CREATE INDEX IF NOT EXISTS ix_tasks_status ON tasks (status);
CREATE INDEX IF NOT EXISTS ix_tasks_user_id_status ON tasks (user_id, status);
CREATE INDEX IF NOT EXISTS ix_tasks_created_at ON tasks (created_at);
CREATE INDEX IF NOT EXISTS ix_tasks_tool_id ON tasks (tool_id);
-- "tasks stuck in one status longer than X" (sql/queries/stuck_tasks.sql)
CREATE INDEX IF NOT EXISTS ix_tasks_status_updated_at ON tasks (status, updated_at);

-- updated_at is maintained by the database, as in the original backend.
CREATE OR REPLACE FUNCTION tasks_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS tasks_updated_at ON tasks;
CREATE TRIGGER tasks_updated_at BEFORE UPDATE ON tasks
    FOR EACH ROW EXECUTE FUNCTION tasks_set_updated_at();
