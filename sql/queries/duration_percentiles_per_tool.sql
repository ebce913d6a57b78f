-- p50 / p95 duration (ms) of finished analysis runs per tool.
WITH params AS (
    SELECT now() - interval '30 days' AS since
)
SELECT
    h.tool_id,
    count(*)                                                              AS runs,
    percentile_cont(0.5)  WITHIN GROUP (ORDER BY h.duration_ms)           AS p50_ms,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY h.duration_ms)           AS p95_ms,
    max(h.duration_ms)                                                    AS max_ms
FROM job_history h, params p
WHERE h.tool_id IS NOT NULL
  AND h.status IN ('COMPLETED', 'FAILED')
  AND h.duration_ms IS NOT NULL
  AND h.started_at >= p.since
GROUP BY h.tool_id
ORDER BY h.tool_id;
