-- The last N failed job runs with their error codes, newest first.
WITH params AS (
    SELECT 20 AS n
)
SELECT
    h.finished_at,
    h.job_name,
    h.task_id,
    h.user_id,
    h.tool_id,
    h.node_instance_id,
    h.attempt,
    h.error_code,
    left(h.error_message, 200) AS error_message
FROM job_history h
WHERE h.status = 'FAILED'
ORDER BY h.finished_at DESC
LIMIT (SELECT n FROM params);
