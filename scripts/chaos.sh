#!/usr/bin/env bash
# Chaos runner (issue 8): three real service nodes on this checkout's stack (PostgreSQL, Redis, s3rver), a stream of
# short jobs (x-noop, profile-my-data on a small CSV, x-fault-injection sleep:1-3) and faults injected at random
# moments: SIGKILL/restart of nodes, PostgreSQL restart and pause, Redis and S3 down, one node's clock ±30 s
# (libfaketime), a node frozen with SIGSTOP past the check-in threshold. Then every invariant is checked and the
# figures are printed; the exit code is non-zero on any violation.
#   scripts/chaos.sh                          # every scenario once, outages of a minute (~10 min)
#   scripts/chaos.sh --short                  # the CI version (~4 min)
#   scripts/chaos.sh --soak 30                # random scenarios for 30 minutes under a steady stream
#   scripts/chaos.sh --scenarios node-kill,redis-down [--seed N] [--rate TASKS_PER_S]
# Uses the scratch database agensium_chaos (recreated) on the stack of scripts/stack.sh (started if needed): faults
# only ever touch that stack, i.e. the ports of AGENSIUM_PG_PORT / AGENSIUM_REDIS_PORT / AGENSIUM_S3_PORT.
# Nodes listen on 5181-5183 (+ AGENSIUM_TEST_PORT_OFFSET); logs and the report go to .local/chaos/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/stack-env.sh
source "$here/lib/stack-env.sh"

if ! command -v faketime >/dev/null 2>&1 && [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing faketime (libfaketime, for the clock-skew scenario)…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q faketime >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q faketime >/dev/null 2>&1; } \
    || echo "could not install faketime; the clock-skew scenario will report a violation" >&2
fi
"$here/stack.sh" up >/dev/null
dotnet build "$REPO_ROOT/Agensium.Scheduler/Agensium.Scheduler.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$REPO_ROOT/tools/Agensium.Chaos/Agensium.Chaos.csproj" -c Release -nologo -v q >/dev/null
mkdir -p "$LOCAL_DIR/chaos"
report="$LOCAL_DIR/chaos/report-$(date -u +%Y%m%d-%H%M%S).md"
set +e
dotnet "$REPO_ROOT/tools/Agensium.Chaos/bin/Release/net10.0/Agensium.Chaos.dll" --repo "$REPO_ROOT" --report "$report" "$@"
rc=$?
set -e
echo "report: $report"
exit "$rc"
