-- S3 objects and prefixes waiting for removal (s3_removals, sql/015): those tried and failed first, most attempts
-- first, with the last error; then the rest by when they fall due. An upload's key still awaiting its commit is left
-- out (an upload in flight, not garbage yet). A row whose attempts keep growing names a key or prefix S3 refuses to
-- delete; it is retried on its own backoff (up to 1 h apart) and holds back no other.
WITH params AS (
    SELECT 100 AS n
)
SELECT
    r.object_key,
    r.is_prefix,
    r.reason,
    r.task_id,
    r.attempts,
    r.last_error,
    r.due_at,
    now() - r.created_at AS waiting_for
FROM s3_removals r
WHERE NOT r.awaiting_commit
ORDER BY r.attempts DESC, r.due_at, r.id
LIMIT (SELECT n FROM params);
