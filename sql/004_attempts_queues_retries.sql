-- Execution semantics (retries, queues): which queue a task was submitted to, which attempt is current and when
-- the next retry is due. Visible in the task row and in each job_history attempt.

ALTER TABLE tasks ADD COLUMN IF NOT EXISTS queue varchar(50) NULL;
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS attempt integer NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS next_retry_at timestamptz NULL;

ALTER TABLE job_history ADD COLUMN IF NOT EXISTS next_retry_at timestamptz NULL;
ALTER TABLE job_history ADD COLUMN IF NOT EXISTS retryable boolean NOT NULL DEFAULT false;

-- Retention sweep of the cleanup job (oldest finished rows first).
CREATE INDEX IF NOT EXISTS ix_job_history_finished ON job_history (finished_at) WHERE finished_at IS NOT NULL;
