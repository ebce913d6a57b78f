#!/usr/bin/env bash
# Runs every test: starts the local stack if needed (installing what is missing), builds, runs the MSTest suite.
# Integration tests start their own service processes on ports 5150+ against a scratch database.
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter TestCategory=Integration]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib/stack-env.sh"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK 10 is required (https://dot.net)" >&2; exit 1
fi
"$here/stack.sh" up
# The dashboard's browser tests use the distribution's Chromium unless AGENSIUM_CHROMIUM points at another.
[[ -n "${AGENSIUM_CHROMIUM:-}" ]] || "$here/stack.sh" browser
dotnet build "$REPO_ROOT/Agensium.Scheduler.sln" -c Release -nologo -v q
out="$LOCAL_DIR/test-output.log"
mkdir -p "$LOCAL_DIR"
set +e
dotnet test "$REPO_ROOT/Agensium.Scheduler.sln" -c Release --no-build -nologo \
  --logger "console;verbosity=normal" "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
set -e
# One plain closing line for CI: "N passed, N failed" (from the "Total tests / Passed / Failed" summary).
total=$(sed -nE 's/^ *Total tests: *([0-9]+).*/\1/p' "$out" | tail -n 1)
passed=$(sed -nE 's/^ +Passed: *([0-9]+) *$/\1/p' "$out" | tail -n 1)
failed=$(sed -nE 's/^ +Failed: *([0-9]+) *$/\1/p' "$out" | tail -n 1)
# Failures again at the very end (CI shows only the tail): each failed test with the first lines of its message.
if [[ "${failed:-0}" != "0" ]]; then
  echo "---- failed tests ----"
  awk '/^ +Failed [^:]/ {n=14} n>0 {print; n--}' "$out" | cut -c1-300
  echo "----------------------"
fi
echo "${passed:-0} passed, ${failed:-0} failed"
if [[ -z "$total" || "$total" == "0" ]]; then echo "no test ran" >&2; exit 1; fi
exit "$rc"
