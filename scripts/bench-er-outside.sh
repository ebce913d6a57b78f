#!/usr/bin/env bash
# Entity resolution on data unlike the benchmark's customer generator (issue 5: "matching quality is also judged on
# data from other sources"): three generated sets with their own truth (benchmarks/er-outside/gen_people.py: two
# merged CRMs, US households, international names), master-my-data in default and fuzzy mode, pairwise
# precision/recall/F1 per set. No server needed (local `analyze`). Data and runs: .local/er-outside (ER_OUTSIDE_DIR).
# Then a fourth set, namesakes (benchmarks/er-outside/gen_namesakes.py: 20,514 rows, many people per common name and
# city), resolved by the ER benchmark program as the fuzzy agent resolves it (the report lists too few clusters to
# score a file of that size); its last column is the largest cluster.
#   scripts/bench-er-outside.sh                 # all four sets
#   scripts/bench-er-outside.sh b_households    # one set (the namesakes only when named: d_namesakes)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
PY=/usr/bin/python3   # Debian's python3 with python3-pandas (a pyenv shim may come first on PATH)
dotnet build "$repo/Agensium.Scheduler/Agensium.Scheduler.csproj" -c Release -nologo -v q >/dev/null
"$PY" "$repo/benchmarks/er-outside/gen_people.py" >/dev/null
sets=("$@")
namesakes=0
if [ ${#sets[@]} -eq 0 ]; then namesakes=1; fi
for i in "${!sets[@]}"; do
  if [ "${sets[$i]}" = d_namesakes ]; then namesakes=1; unset 'sets[i]'; fi
done
if [ ${#sets[@]} -eq 0 ] && [ $# -gt 0 ]; then sets=(none); fi
{
if [ "${sets[*]}" != none ]; then "$PY" "$repo/benchmarks/er-outside/score_er.py" "${sets[@]}"; fi
if [ $namesakes = 1 ]; then
  dotnet build "$repo/benchmarks/Agensium.Benchmarks.Analysis" -c Release -nologo -v q >/dev/null
  data="${ER_OUTSIDE_DIR:-$repo/.local/er-outside}/data"
  "$PY" "$repo/benchmarks/er-outside/gen_namesakes.py" >/dev/null
  start=$(date +%s.%N)
  dotnet "$repo/benchmarks/Agensium.Benchmarks.Analysis/bin/Release/net10.0/Agensium.Benchmarks.Analysis.dll" er "$data/d_namesakes.csv" \
    | "$PY" -c 'import json, sys, time; i = json.load(sys.stdin)["info"]; print(json.dumps(dict(ds="d_namesakes", mode="fuzzy (resolver)", precision=i["precision"], recall=i["recall"], f1=i["f1"], golden=i["clusters"], wall=round(time.time() - float(sys.argv[1]), 2), largest=i.get("largest_cluster"))))' "$start"
fi
} | "$PY" -c '
import json, sys
print("| set | mode | precision | recall | F1 | golden records | wall s | largest |")
print("|---|---|---|---|---|---|---|---|")
for line in sys.stdin:
    r = json.loads(line)
    cells = [r["ds"], r["mode"], r.get("precision"), r.get("recall"), r.get("f1"), r.get("golden"), r["wall"], r.get("largest", "")]
    print("| " + " | ".join(str(c) for c in cells) + " |")
'
