-- Job runs per scheduler node (Quartz instance id), all jobs, with outcome counts (they add up to runs).
WITH params AS (
    SELECT now() - interval '1 day' AS since
)
SELECT
    h.node_instance_id,
    count(*)                                        AS runs,
    count(*) FILTER (WHERE h.status = 'COMPLETED')  AS completed,
    count(*) FILTER (WHERE h.status = 'FAILED')     AS failed,
    count(*) FILTER (WHERE h.status = 'LOST')       AS lost,
    count(*) FILTER (WHERE h.status = 'CANCELLED')  AS cancelled,
    count(*) FILTER (WHERE h.status = 'SKIPPED')    AS skipped,
    count(*) FILTER (WHERE h.status = 'RUNNING')    AS running,
    min(h.started_at)                               AS first_run,
    max(h.started_at)                               AS last_run
FROM job_history h, params p
WHERE h.started_at >= p.since
GROUP BY h.node_instance_id
ORDER BY runs DESC, h.node_instance_id;
