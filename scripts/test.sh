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
dotnet build "$REPO_ROOT/Agensium.Scheduler.sln" -c Release -nologo -v q
dotnet test "$REPO_ROOT/Agensium.Scheduler.sln" -c Release --no-build -nologo \
  --logger "console;verbosity=normal" "$@"
