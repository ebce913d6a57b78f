#!/usr/bin/env bash
# Scheduler benchmark (issue 7): no-op jobs through the whole production path (HTTP submit → task row → Quartz
# store → listener → job_history → warm worker process → Redis events → completion committed in PostgreSQL),
# and the seed's Celery setup (../shared/anchors/celery) on the same machine in the same run.
#   scripts/bench-scheduler.sh            # throughput 1/2/3 nodes × 4 slots, latency, backlogs 2k/10k/100k, Celery
#   BACKLOGS="2000 100000" COUNT=2000 scripts/bench-scheduler.sh
# Uses a scratch database agensium_bench on the local stack (started if needed). Prints a markdown table.
set -euo pipefail
export AGENSIUM_PG_DB=agensium_bench
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/stack-env.sh
source "$here/lib/stack-env.sh"
COUNT="${COUNT:-2000}"
# Jobs run first, not counted: the nodes reach the steady state of a service that has been up for a while. .NET's
# tiered JIT (with dynamic PGO) is still recompiling the hot paths after 1,000 jobs: 1 node did ~60 jobs/s after
# 1,000 and ~90 after 5,000 (docs/benchmarks.md, 2026-12-04 22:30 UTC).
WARMUP="${WARMUP:-5000}"
LATENCY_COUNT="${LATENCY_COUNT:-200}"
BACKLOGS="${BACKLOGS-2000 10000 100000}"  # empty: no backlog run
BACKLOG_SUBMIT="${BACKLOG_SUBMIT:-10000}"  # at most this many of a backlog go through the API, the rest are SQL copies
MEASURE="${MEASURE:-2000}"            # jobs of each backlog's drain that are timed
NODES="${NODES:-1 2 3}"               # cluster sizes of the throughput run
LATENCY="${LATENCY:-1}"               # 0: no latency run
CELERY="${CELERY:-1}"                 # 0: no Celery anchor
CELERY_DIR="${CELERY_DIR:-$REPO_ROOT/../shared/anchors/celery}"
out="$LOCAL_DIR/bench-scheduler"; mkdir -p "$out"
results="$out/results.txt"; : >"$results"

"$here/stack.sh" up >/dev/null
psql_admin() { PGPASSWORD=agensium psql -h 127.0.0.1 -p "$AGENSIUM_PG_PORT" -U agensium -d "$AGENSIUM_PG_DB" -X -q -At "$@"; }
PGPASSWORD=agensium psql -h 127.0.0.1 -p "$AGENSIUM_PG_PORT" -U agensium -d postgres -X -q -At \
  -c "SELECT 1 FROM pg_database WHERE datname = 'agensium_bench'" | grep -q 1 || \
  PGPASSWORD=agensium psql -h 127.0.0.1 -p "$AGENSIUM_PG_PORT" -U agensium -d postgres -X -q -c "CREATE DATABASE agensium_bench"
"$here/stack.sh" migrate >/dev/null
psql_admin -c "INSERT INTO users (id, email, name) OVERRIDING SYSTEM VALUE VALUES (1, 'bench@agensium.local', 'Bench') ON CONFLICT (id) DO NOTHING" >/dev/null
dotnet build "$REPO_ROOT/Agensium.Scheduler/Agensium.Scheduler.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$REPO_ROOT/benchmarks/Agensium.Benchmarks.Scheduler" -c Release -nologo -v q >/dev/null
bench="$REPO_ROOT/benchmarks/Agensium.Benchmarks.Scheduler/bin/Release/net10.0/Agensium.Benchmarks.Scheduler.dll"
conn="$ConnectionStrings__Postgres"
# The per-key submit rate limit (Api:SubmitPermitsPerMinute) protects production from one noisy client; the
# benchmark is that client on purpose, so it is lifted here. Celery has no such limit.
export Worker__EnableBenchmarkTools=true Scheduler__Concurrency=4 Api__SubmitPermitsPerMinute=1000000
url() { echo "http://127.0.0.1:$((5100 + $1 + ${AGENSIUM_TEST_PORT_OFFSET:-0}))"; }
stop_all() { for n in 1 2 3 4; do "$here/node.sh" stop "$n" >/dev/null 2>&1 || true; done; }
trap stop_all EXIT
reset_db() {
  stop_all
  psql_admin -c "TRUNCATE job_history, tasks CASCADE" >/dev/null
  # A backlog step leaves most of its triggers queued: none may leak into the next step.
  psql_admin -c "DELETE FROM qrtz_fired_triggers WHERE job_name = 'process-analysis'; DELETE FROM qrtz_triggers WHERE job_name = 'process-analysis'" >/dev/null
}
# A step is assigned first, so a failed one stops the script (set -e) instead of feeding the next step a wrong state.
record() { echo "$1" | tee -a "$results"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)" | tee -a "$results"

for nodes in $NODES; do
  reset_db
  urls=()
  for n in $(seq 1 "$nodes"); do "$here/node.sh" start "$n" >/dev/null; urls+=("$(url "$n")"); done
  line="$(flock /tmp/bench.lock dotnet "$bench" throughput --api "$(IFS=,; echo "${urls[*]}")" --conn "$conn" --count "$COUNT" --warmup "$WARMUP")"
  record "$line"
done

# Latency: node 1 takes the API calls and runs no jobs; node 2 runs them (the worst case of stock Quartz).
if [[ "$LATENCY" == 1 ]]; then
  reset_db
  Scheduler__RunJobs=false "$here/node.sh" start 1 >/dev/null
  "$here/node.sh" start 2 >/dev/null
  line="$(flock /tmp/bench.lock dotnet "$bench" latency --api "$(url 1)" --conn "$conn" --count "$LATENCY_COUNT" --warmup "$WARMUP")"
  record "$line"
fi

# Backlog: queue N while only the API node runs, then start a worker node and time the first MEASURE jobs of the
# drain (the cost per job while N wait). At most BACKLOG_SUBMIT go through the API; the rest are copies made in SQL
# (BacklogClone: 100k through the API alone would take ~13 min to fill).
for backlog in $BACKLOGS; do
  reset_db
  Scheduler__RunJobs=false "$here/node.sh" start 1 >/dev/null
  submit=$(( backlog < BACKLOG_SUBMIT ? backlog : BACKLOG_SUBMIT ))
  line="$(dotnet "$bench" backlog --api "$(url 1)" --conn "$conn" --count "$submit" --clone-to "$backlog")"
  record "$line"
  psql_admin -c "ANALYZE qrtz_triggers" >/dev/null
  echo "-- acquisition query plan with $backlog waiting triggers" >>"$out/plans.txt"
  # Quartz 4.7.3's acquisition query as it runs (text from pg_stat_statements), with a node's values: now + the
  # 2 s idle wait, the 60 s misfire threshold, 4 free slots.
  psql_admin -c "EXPLAIN (ANALYZE, BUFFERS) WITH c AS (SELECT (extract(epoch from now()) * 10000000)::bigint + 621355968000000000 AS now_ticks)
    SELECT t.TRIGGER_NAME, t.TRIGGER_GROUP, jd.JOB_CLASS_NAME, jd.IS_NONCONCURRENT, t.EXECUTION_GROUP, t.NEXT_FIRE_TIME, t.OVERLAP_POLICY, t.FIXED_DELAY
      FROM c, qrtz_TRIGGERS t JOIN qrtz_JOB_DETAILS jd ON (jd.SCHED_NAME = t.SCHED_NAME AND jd.JOB_GROUP = t.JOB_GROUP AND jd.JOB_NAME = t.JOB_NAME)
     WHERE t.SCHED_NAME = 'agensium' AND TRIGGER_STATE = 'WAITING' AND NEXT_FIRE_TIME <= c.now_ticks + 20000000
       AND (MISFIRE_INSTR = -1 OR (MISFIRE_INSTR <> -1 AND ((MISFIRE_THRESHOLD IS NULL AND NEXT_FIRE_TIME > c.now_ticks - 600000000)
            OR (MISFIRE_THRESHOLD IS NOT NULL AND NEXT_FIRE_TIME > c.now_ticks - MISFIRE_THRESHOLD * 10000))))
       AND (t.PREFERRED_NODE IS NULL OR t.PREFERRED_NODE = 'bench' OR t.PREFERRED_NODE = '__AUTO__'
            OR t.PREFERRED_NODE NOT IN (SELECT ss.INSTANCE_NAME FROM qrtz_SCHEDULER_STATE ss WHERE ss.SCHED_NAME = t.SCHED_NAME
                                        AND ss.LAST_CHECKIN_TIME + ss.CHECKIN_INTERVAL * 10000 >= c.now_ticks))
     ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC LIMIT 4" >>"$out/plans.txt"
  "$here/node.sh" start 2 >/dev/null
  line="$(flock /tmp/bench.lock dotnet "$bench" drain --conn "$conn" --count "$backlog" --measure "$MEASURE")"
  record "$line"
done
stop_all

# The seed's Celery setup, same machine, same run.
if [[ "$CELERY" != 1 ]]; then
  :
elif [[ -f "$CELERY_DIR/run.sh" ]]; then
  flock /tmp/bench.lock bash "$CELERY_DIR/run.sh" "$COUNT" 2>&1 | grep '^celery' | tee -a "$results"
else
  echo "celery anchor not found at $CELERY_DIR" | tee -a "$results"
fi
echo "results: $results; query plans: $out/plans.txt"
