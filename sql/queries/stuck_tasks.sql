-- Tasks that have stayed in one non-final status longer than a given interval (default 1 hour),
-- longest-stuck first. updated_at changes on every transition and progress write.
WITH params AS (
    SELECT interval '1 hour' AS stuck_for
)
SELECT
    t.task_id,
    t.user_id,
    t.tool_id,
    t.status,
    t.progress,
    t.current_agent,
    t.updated_at,
    now() - t.updated_at AS stuck_for
FROM tasks t, params p
WHERE t.status IN ('CREATED', 'UPLOADING', 'UPLOAD_FAILED', 'QUEUED', 'PROCESSING')
  AND t.updated_at < now() - p.stuck_for
ORDER BY t.updated_at;
