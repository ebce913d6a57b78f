-- Tasks not final whose row has not changed for longer than a given interval (default 1 hour): no transition and no
-- progress written, i.e. stalled, longest first. updated_at changes on every transition and progress write, so a long
-- analysis that keeps reporting progress is not listed.
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
    now() - t.updated_at AS unchanged_for
FROM tasks t, params p
WHERE t.status IN ('CREATED', 'UPLOADING', 'UPLOAD_FAILED', 'QUEUED', 'PROCESSING')
  AND t.updated_at < now() - p.stuck_for
ORDER BY t.updated_at;
