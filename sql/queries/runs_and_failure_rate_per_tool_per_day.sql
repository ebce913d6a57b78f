-- Runs and failure rate of analysis jobs per tool per day (UTC), newest day first.
-- One run = one execution attempt in job_history; LOST attempts (node died) count as runs that did not fail the task.
WITH params AS (
    SELECT now() - interval '30 days' AS since
)
SELECT
    date_trunc('day', h.started_at AT TIME ZONE 'UTC')::date            AS day,
    h.tool_id,
    count(*)                                                            AS runs,
    count(*) FILTER (WHERE h.status = 'COMPLETED')                      AS completed,
    count(*) FILTER (WHERE h.status = 'FAILED')                         AS failed,
    round(100.0 * count(*) FILTER (WHERE h.status = 'FAILED')
          / NULLIF(count(*) FILTER (WHERE h.status <> 'RUNNING'), 0), 2) AS failure_rate_pct
FROM job_history h, params p
WHERE h.tool_id IS NOT NULL
  AND h.started_at >= p.since
GROUP BY 1, 2
ORDER BY day DESC, h.tool_id;
