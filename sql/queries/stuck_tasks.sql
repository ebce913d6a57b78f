-- Tasks not final whose row has not changed for longer than a given interval (default 1 hour): no transition and no
-- progress written, i.e. stalled, longest first. updated_at changes on every transition and progress write, so a long
-- analysis that keeps reporting progress is not listed; in_status_since says when the task entered its status.
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
    CASE t.status
        WHEN 'CREATED'   THEN t.created_at
        WHEN 'UPLOADING' THEN t.upload_started_at
        WHEN 'QUEUED'    THEN t.processing_started_at
        WHEN 'PROCESSING' THEN t.processing_started_at
    END AS in_status_since,
    t.updated_at,
    now() - t.updated_at AS unchanged_for
FROM tasks t, params p
WHERE t.status IN ('CREATED', 'UPLOADING', 'UPLOAD_FAILED', 'QUEUED', 'PROCESSING')
  AND t.updated_at < now() - p.stuck_for
ORDER BY t.updated_at;
