#!/usr/bin/env bash
# End-to-end demo: local stack, two service nodes on one Quartz store, a sample CSV uploaded through the API,
# profile-my-data run on the cluster with its progress printed live from Redis, then the final task and its report.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib/stack-env.sh"

API_KEY="${AGENSIUM_API_KEY:-dev-api-key-change-me}"
USER_ID="${AGENSIUM_DEMO_USER:-1}"
SAMPLE="${1:-$REPO_ROOT/samples/sample.csv}"
if [[ ! -f "$SAMPLE" || ! -r "$SAMPLE" ]]; then
  # Checked before anything is installed or started: curl would upload an empty body and leave a task behind.
  echo "demo.sh: $SAMPLE is not a readable file (usage: scripts/demo.sh [FILE.csv|.xlsx|.json])" >&2
  exit 2
fi
NODE_A="http://127.0.0.1:$((5101 + ${AGENSIUM_TEST_PORT_OFFSET:-0}))"
NODE_B="http://127.0.0.1:$((5102 + ${AGENSIUM_TEST_PORT_OFFSET:-0}))"

json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }
api() { local method="$1" url="$2"; shift 2; curl -sS --fail-with-body -X "$method" -H "X-Api-Key: $API_KEY" "$@" "$url"; }

echo "== 1. local stack (PostgreSQL, Redis, s3rver)"
"$here/stack.sh" up
if ! python3 -c 'import json' >/dev/null 2>&1; then
  # The demo reads the API's JSON answers with python3 (Debian's python3-minimal is enough).
  echo "installing python3-minimal (apt)"
  $([[ $(id -u) -eq 0 ]] || echo sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-minimal >/dev/null
fi

echo "== 2. build"
dotnet build "$REPO_ROOT/Agensium.Scheduler/Agensium.Scheduler.csproj" -c Release -nologo -v q

started=()
cleanup() {
  [[ -n "${sub_pid:-}" ]] && kill "$sub_pid" 2>/dev/null || true
  # Only the nodes this demo started are stopped; nodes that were already running are left as they were.
  for n in "${started[@]}"; do "$here/node.sh" stop "$n" || true; done
}
trap cleanup EXIT

echo "== 3. two service nodes, one cluster"
for n in 1 2; do
  out="$("$here/node.sh" start "$n")"; echo "$out"
  [[ "$out" == *"already running"* ]] || started+=("$n")
done

echo "== 4. create a profile-my-data task for user $USER_ID (node 1)"
task_id=$(api POST "$NODE_A/api/tasks" -H 'Content-Type: application/json' \
  -d "{\"user_id\": $USER_ID, \"tool_id\": \"profile-my-data\"}" | json 'd["task_id"]')
echo "task $task_id"

echo "== 5. upload $(basename "$SAMPLE") (node 1)"
api PUT "$NODE_A/api/tasks/$task_id/inputs/$(basename "$SAMPLE")" -H 'Content-Type: text/csv' --data-binary "@$SAMPLE"
echo

echo "== 6. subscribe to agensium:task:$task_id, then process (node 2)"
events="$LOCAL_DIR/demo-events.$$"
: >"$events"
redis-cli -p "$AGENSIUM_REDIS_PORT" --no-raw SUBSCRIBE "agensium:task:$task_id" >"$events" 2>&1 &
sub_pid=$!
deadline=$((SECONDS + 10))
until grep -q "agensium:task:$task_id" "$events"; do
  (( SECONDS > deadline )) && { echo "Redis subscription did not start" >&2; exit 1; }
  sleep 0.05
done
api POST "$NODE_B/api/tasks/$task_id/process" -H 'Content-Type: application/json' -d '{}'
echo

printed=0
deadline=$((SECONDS + 300))
while true; do
  # Print each new progress message as it arrives on the channel.
  mapfile -t msgs < <(grep -o '{.*}' "$events" | sed 's/\\"/"/g' || true)
  while (( printed < ${#msgs[@]} )); do
    echo "${msgs[$printed]}" | json '"  progress %3d%%  status %-10s  agent %s" % (d["progress"], d["status"], d["current_agent"] or "-")'
    printed=$((printed + 1))
  done
  status=$(api GET "$NODE_A/api/tasks/$task_id" | json 'd["status"]')
  case "$status" in COMPLETED|FAILED|CANCELLED|EXPIRED) break ;; esac
  (( SECONDS > deadline )) && { echo "task still $status after 300 s" >&2; exit 1; }
  sleep 0.2
done
sleep 0.2
mapfile -t msgs < <(grep -o '{.*}' "$events" | sed 's/\\"/"/g' || true)
while (( printed < ${#msgs[@]} )); do
  echo "${msgs[$printed]}" | json '"  progress %3d%%  status %-10s  agent %s" % (d["progress"], d["status"], d["current_agent"] or "-")'
  printed=$((printed + 1))
done
rm -f "$events"

echo "== 7. final task"
api GET "$NODE_A/api/tasks/$task_id" | python3 -m json.tool
echo "== 8. outputs"
api GET "$NODE_A/api/tasks/$task_id/outputs" | python3 -m json.tool
if [[ "$status" != "COMPLETED" ]]; then echo "demo task ended $status" >&2; exit 1; fi
report="$LOCAL_DIR/demo-report-$task_id.json"
api GET "$NODE_A/api/tasks/$task_id/outputs/profile_my_data_analysis.json" -o "$report"
python3 - "$report" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
prof = r["agent_results"]["unified-profiler"]
cols = prof["data"]["columns"]
names = [c["name"] for c in cols] if isinstance(cols, list) else list(cols)
m = prof["summary_metrics"]
print(f"report: {len(names)} column profiles ({', '.join(names)})")
print(f"rows {m.get('total_rows')}, quality score {m.get('overall_quality_score')}, grade {m.get('quality_grade')}")
PY
echo "report saved to $report (S3: users/$USER_ID/tasks/$task_id/outputs/profile_my_data_analysis.json)"
echo "== demo COMPLETED"
