#!/usr/bin/env bash
# Entity resolution on data unlike the benchmark's customer generator (issue 5: "matching quality is also judged on
# data from other sources"): three generated sets with their own truth (benchmarks/er-outside/gen_people.py: two
# merged CRMs, US households, international names), master-my-data in default and fuzzy mode, pairwise
# precision/recall/F1 per set. No server needed (local `analyze`). Data and runs: .local/er-outside (ER_OUTSIDE_DIR).
#   scripts/bench-er-outside.sh                 # all three sets
#   scripts/bench-er-outside.sh b_households    # one set
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
PY=/usr/bin/python3   # Debian's python3 with python3-pandas (a pyenv shim may come first on PATH)
dotnet build "$repo/Agensium.Scheduler/Agensium.Scheduler.csproj" -c Release -nologo -v q >/dev/null
"$PY" "$repo/benchmarks/er-outside/gen_people.py" >/dev/null
"$PY" "$repo/benchmarks/er-outside/score_er.py" "$@" | "$PY" -c '
import json, sys
print("| set | mode | precision | recall | F1 | golden records | wall s |")
print("|---|---|---|---|---|---|---|")
for line in sys.stdin:
    r = json.loads(line)
    cells = [r["ds"], r["mode"], r.get("precision"), r.get("recall"), r.get("f1"), r.get("golden"), r["wall"]]
    print("| " + " | ".join(str(c) for c in cells) + " |")
'
