-- Objects and prefixes that must leave S3, recorded in PostgreSQL by the transaction that makes them garbage, so any
-- node removes them (StorageRemover), not only the node that saw it happen (a node that stopped or died lost its list).
--   reason 'upload':       an upload's own key, written when the upload reserves its name, before its PUT. While
--                          awaiting_commit, only the upload's commit may take it (it deletes this row, under the task's
--                          lock); a failed or refused upload makes it due at once; an upload whose node died leaves it
--                          due at due_at (the upload window). A remover that takes it clears awaiting_commit, so the
--                          upload can no longer commit that key.
--   reason 'replaced':     a committed file's earlier version, recorded by the commit that replaced it.
--   reason 'deleted-task': a CREATED task's prefix, recorded by the transaction that deleted its row.
--   reason 'expired-task': an EXPIRED task's prefix, recorded by the statement that expired it; its removal sets the
--                          task's s3_cleaned.
--   reason 'cancelled-outputs': the outputs/ prefix of a run that ended after its task was cancelled or deleted,
--                          recorded with the run's end.
-- A single key is never removed while a task_inputs row commits it. A row whose removal fails is tried again after its
-- own backoff (attempts, due_at), so one that always fails never holds back the others.
CREATE TABLE IF NOT EXISTS s3_removals (
    id               bigserial    PRIMARY KEY,
    object_key       text         NOT NULL UNIQUE,
    is_prefix        boolean      NOT NULL DEFAULT false,
    task_id          varchar(36),
    reason           text         NOT NULL,
    awaiting_commit  boolean      NOT NULL DEFAULT false,
    due_at           timestamptz  NOT NULL DEFAULT now(),
    attempts         integer      NOT NULL DEFAULT 0,
    rechecks_left    integer      NOT NULL DEFAULT 0,
    last_error       text,
    created_at       timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_s3_removals_due ON s3_removals (due_at);

-- EXPIRED tasks whose prefix a cleanup run could not remove (s3_cleaned false) become rows of their own.
INSERT INTO s3_removals (object_key, is_prefix, task_id, reason)
SELECT 'users/' || t.user_id || '/tasks/' || t.task_id || '/', true, t.task_id, 'expired-task'
  FROM tasks t
 WHERE t.status = 'EXPIRED' AND NOT t.s3_cleaned
ON CONFLICT (object_key) DO NOTHING;
