-- The last N failed job runs with their error codes, newest first, and what became of the task since: a failure
-- that a retry overcame shows task_status_now COMPLETED (or QUEUED/PROCESSING while a retry is under way).
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
    left(h.error_message, 200) AS error_message,
    t.status                   AS task_status_now
FROM job_history h
LEFT JOIN tasks t ON t.task_id = h.task_id
WHERE h.status = 'FAILED'
ORDER BY h.finished_at DESC
LIMIT (SELECT n FROM params);
