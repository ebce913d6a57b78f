-- p50 / p95 duration (ms) of completed analysis runs per tool, computed as the dashboard computes them but over the
-- last 30 days of starts (the dashboard shows runs finished in the last 24 h), with the failed runs counted beside
-- them: a failed run's duration says how fast it failed, not how long the tool takes.
WITH params AS (
    SELECT now() - interval '30 days' AS since
)
SELECT
    h.tool_id,
    count(*) FILTER (WHERE h.status = 'COMPLETED')                                                    AS completed_runs,
    percentile_cont(0.5)  WITHIN GROUP (ORDER BY h.duration_ms) FILTER (WHERE h.status = 'COMPLETED') AS p50_ms,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY h.duration_ms) FILTER (WHERE h.status = 'COMPLETED') AS p95_ms,
    max(h.duration_ms) FILTER (WHERE h.status = 'COMPLETED')                                          AS max_ms,
    count(*) FILTER (WHERE h.status = 'FAILED')                                                       AS failed_runs
FROM job_history h, params p
WHERE h.tool_id IS NOT NULL
  AND h.status IN ('COMPLETED', 'FAILED')
  AND h.duration_ms IS NOT NULL
  AND h.started_at >= p.since
GROUP BY h.tool_id
ORDER BY h.tool_id;
