#!/usr/bin/env bash
# One QueuedTaskRepair pass against a bloated qrtz_fired_triggers, the statement before 5adba05 ("old") and the one in
# Agensium.Scheduler/Jobs/QueuedRepairQuery.cs ("new"), as a node runs it: auto-prepared, seven passes while the fired
# table holds one page (the plan is made then), then a drain's churn (insert/delete, autovacuum off for the table),
# then the pass timed and EXPLAIN (ANALYZE, BUFFERS). docs/benchmarks.md, Scheduler, "QueuedTaskRepair's pass".
#   scripts/bench-queued-repair.sh [QUEUED=100000] [CHURN_ROUNDS=60] [RUNS=2]
# Takes /tmp/bench.lock around each timed run itself (do not wrap it in flock). Needs the stack (scripts/stack.sh up).
set -euo pipefail
here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=lib/stack-env.sh
source "$here/lib/stack-env.sh"
queued="${1:-100000}" rounds="${2:-60}" runs="${3:-2}"
db=agensium_bench_queued_repair
pg() { PGPASSWORD=agensium psql -h 127.0.0.1 -p "$AGENSIUM_PG_PORT" -U agensium -X -q -v ON_ERROR_STOP=1 "$@"; }
pg -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
for f in "$REPO_ROOT"/sql/0*.sql; do pg -d "$db" -f "$f" >/dev/null 2>&1; done
pg -d "$db" <<SQL
INSERT INTO users (id, email) VALUES (1, 'bench@agensium.local') ON CONFLICT DO NOTHING;
INSERT INTO tasks (task_id, user_id, tool_id, status, progress, queue, updated_at)
SELECT md5(g::text)::uuid::text, 1, 'profile-my-data', 'QUEUED', 15, 'default', now() - interval '1 hour' + g * interval '10 ms'
  FROM generate_series(1, $queued) g;
-- One stranded task among the oldest, so the pass reads the fired table and the recovery group.
INSERT INTO tasks (task_id, user_id, tool_id, status, progress, queue, updated_at)
VALUES ('stranded', 1, 'profile-my-data', 'QUEUED', 15, 'default', now() - interval '2 hours');
INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery)
VALUES ('agensium', 'process-analysis', 'analysis', 'x', true, false, false, true);
INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time, priority, trigger_state, trigger_type, start_time, misfire_instr)
SELECT 'agensium', md5(g::text)::uuid::text, 'default', 'process-analysis', 'analysis', 639000000000000000 + g, 5, 'WAITING', 'SIMPLE', 639000000000000000, 0
  FROM generate_series(1, $queued) g;
INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name, fired_time, sched_time, priority, state, is_nonconcurrent)
SELECT 'agensium', 'live-' || g, 'running-' || g, 'default', 'node-1', 639000000000000000, 639000000000000000, 5, 'EXECUTING', false FROM generate_series(1, 2) g;
ALTER TABLE qrtz_fired_triggers SET (autovacuum_enabled = off);
SQL
pg -d "$db" -c "VACUUM ANALYZE tasks" -c "VACUUM ANALYZE qrtz_triggers"

slice="WITH slice AS (
  SELECT t.task_id, t.user_id, t.tool_id, coalesce(t.queue, 'default') AS queue, t.attempt, t.next_retry_at, t.updated_at
    FROM tasks t WHERE t.status = 'QUEUED' AND t.updated_at < now() - \$1 AND t.updated_at > \$2 ORDER BY t.updated_at LIMIT \$3)"
old="PREPARE pass (interval, timestamptz, int, text, text) AS $slice
SELECT s.task_id, g.x IS NULL AND f.x IS NULL AND r.x IS NULL AS stranded
  FROM slice s
  LEFT JOIN LATERAL (SELECT 1 AS x FROM qrtz_triggers g WHERE g.sched_name = \$4 AND split_part(g.trigger_name, '.', 1) = s.task_id LIMIT 1) g ON true
  LEFT JOIN LATERAL (SELECT 1 AS x FROM qrtz_fired_triggers f WHERE f.sched_name = \$4 AND split_part(f.trigger_name, '.', 1) = s.task_id LIMIT 1) f ON true
  LEFT JOIN LATERAL (SELECT 1 AS x FROM qrtz_triggers r WHERE r.sched_name = \$4 AND r.trigger_group = \$5
                        AND position(s.task_id IN convert_from(r.job_data, 'UTF8')) > 0 LIMIT 1) r ON true
 ORDER BY s.updated_at"
new="PREPARE pass (interval, timestamptz, int, text) AS $slice,
fired AS MATERIALIZED (SELECT DISTINCT split_part(f.trigger_name, '.', 1) AS task_id FROM qrtz_fired_triggers f WHERE f.sched_name = \$4),
recovering AS MATERIALIZED (SELECT convert_from(r.job_data, 'UTF8') AS job_data FROM qrtz_triggers r WHERE r.sched_name = \$4 AND r.trigger_group = 'RECOVERING_JOBS')
SELECT s.task_id, g.x IS NULL AND NOT EXISTS (SELECT 1 FROM fired WHERE fired.task_id = s.task_id)
       AND NOT EXISTS (SELECT 1 FROM recovering WHERE position(s.task_id IN recovering.job_data) > 0) AS stranded
  FROM slice s
  LEFT JOIN LATERAL (SELECT 1 AS x FROM qrtz_triggers g WHERE g.sched_name = \$4 AND split_part(g.trigger_name, '.', 1) = s.task_id LIMIT 1) g ON true
 ORDER BY s.updated_at"

run() { # $1 old|new
  local prepare args
  if [[ $1 == old ]]; then prepare=$old args="'30 s', '-infinity', 2000, 'agensium', 'RECOVERING_JOBS'"
  else prepare=$new args="'30 s', '-infinity', 2000, 'agensium'"; fi
  pg -d "$db" -c "VACUUM ANALYZE qrtz_fired_triggers" # back to one page, as after a vacuum between drains
  PGPASSWORD=agensium flock /tmp/bench.lock psql -h 127.0.0.1 -p "$AGENSIUM_PG_PORT" -U agensium -d "$db" -X -q -v ON_ERROR_STOP=1 <<SQL \
    | awk '/fired pages|^Time:|Execution Time/ { print } /Buffers: shared/ && !b { print; b = 1 }'
$prepare;
\o /dev/null
$(for _ in 1 2 3 4 5 6 7; do echo "EXECUTE pass ($args);"; done)
\o
DO \$\$ BEGIN FOR i IN 1..$rounds LOOP
  INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name, fired_time, sched_time, priority, state, is_nonconcurrent)
  SELECT 'agensium', 'churn-' || i || '-' || g, md5((i * 1000 + g)::text)::uuid::text, 'default', 'node-1', 639000000000000000, 639000000000000000, 5, 'EXECUTING', false
    FROM generate_series(1, 1000) g;
  DELETE FROM qrtz_fired_triggers WHERE entry_id LIKE 'churn-%';
END LOOP; END \$\$;
\pset tuples_only on
SELECT 'fired pages ' || pg_relation_size('qrtz_fired_triggers') / 8192 || ', plans generic ' || generic_plans || ' custom ' || custom_plans FROM pg_prepared_statements;
\pset tuples_only off
\timing on
\o /dev/null
EXECUTE pass ($args);
\o
\timing off
EXPLAIN (ANALYZE, BUFFERS) EXECUTE pass ($args);
SQL
}
for i in $(seq 1 "$runs"); do
  for variant in old new; do echo "== $variant $i $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"; run "$variant"; done
done
pg -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
