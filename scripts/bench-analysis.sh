#!/usr/bin/env bash
# Side-by-side analysis benchmark: our three tools (local mode, Release) against the pandas and DuckDB anchors of
# ../shared/anchors/analysis on the same generated customer file, in one run. No network, no service stack.
#
#   scripts/bench-analysis.sh                 # 100k and 1m rows, 1 run each
#   SIZES="1m" RUNS=3 scripts/bench-analysis.sh
#
# Environment: SIZES (row counts: 100k, 1m or a plain number; default "100k 1m"), RUNS (default 1),
# ONLY (regex of task names to run), ANCHORS (default ../shared/anchors/analysis next to the repository),
# BENCH_DIR (data, builds and results; default .local/bench-analysis, git-ignored).
# Every timed run is wrapped in `flock /tmp/bench.lock` (as the anchors do) and `/usr/bin/time`: wall = whole process.
# The data are generated once (gen_customers.py, 10 % duplicates, seed 42) and kept in BENCH_DIR/data.
# Prints a markdown table (also written to BENCH_DIR/results/table.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd -P)"
ANCHORS="${ANCHORS:-$(cd "$repo/.." && pwd -P)/shared/anchors/analysis}"
BENCH_DIR="${BENCH_DIR:-$repo/.local/bench-analysis}"
SIZES="${SIZES:-100k 1m}"
RUNS="${RUNS:-1}"
ONLY="${ONLY:-}"
PY=/usr/bin/python3     # Debian's python3-pandas; a pyenv shim may come first on PATH
data="$BENCH_DIR/data"
res="$BENCH_DIR/results"
out="$BENCH_DIR/out"

for need in "$PY" /usr/bin/time flock dotnet; do
  command -v "$need" >/dev/null 2>&1 || { echo "bench-analysis: $need is required" >&2; exit 1; }
done
[[ -f "$ANCHORS/gen_customers.py" ]] || { echo "bench-analysis: anchors not found in $ANCHORS (set ANCHORS)" >&2; exit 1; }
# Debian's pandas for the pandas anchors, installed as the Celery anchor installs its packages (root, or sudo).
if ! "$PY" -c 'import pandas' 2>/dev/null; then
  sudo=(); [[ $EUID -eq 0 ]] || sudo=(sudo)
  echo "== installing python3-pandas (apt)"
  { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pandas >/dev/null 2>&1 \
    || { "${sudo[@]}" apt-get update -q >/dev/null 2>&1 && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pandas >/dev/null 2>&1; }; } \
    && "$PY" -c 'import pandas' 2>/dev/null \
    || { echo "bench-analysis: pandas missing and could not be installed (apt-get install -y python3-pandas)" >&2; exit 1; }
fi
mkdir -p "$data" "$res" "$out"
rm -f "$res"/*

echo "== build (Release; the service published as it is deployed: -r linux-x64, ReadyToRun)"
dotnet publish "$repo/Agensium.Scheduler/Agensium.Scheduler.csproj" -c Release -r linux-x64 --self-contained false \
  -o "$BENCH_DIR/publish" -nologo -v q >/dev/null
dotnet build "$repo/benchmarks/Agensium.Benchmarks.Analysis/Agensium.Benchmarks.Analysis.csproj" -c Release -nologo -v q >/dev/null
# The DuckDB anchor is a throwaway console outside central package management: empty Directory.*.props stop MSBuild
# from inheriting the repository's.
duck="$BENCH_DIR/duckbench"
mkdir -p "$duck"
cp "$ANCHORS/duckbench/Program.cs" "$ANCHORS/duckbench/duckbench.csproj" "$duck/"
echo '<Project></Project>' > "$duck/Directory.Build.props"
echo '<Project></Project>' > "$duck/Directory.Packages.props"
dotnet build "$duck/duckbench.csproj" -c Release -nologo -v q >/dev/null
svc="$BENCH_DIR/publish/Agensium.Scheduler.dll"
erb="$repo/benchmarks/Agensium.Benchmarks.Analysis/bin/Release/net10.0/Agensium.Benchmarks.Analysis.dll"
duckdll="$duck/bin/Release/net10.0/duckbench.dll"
fuzzy="$out/fuzzy-parameters.json"
# master-my-data with fuzzy golden records (golden-record-builder); survivorship-resolver keeps its exact clustering
# on the automatic key columns; everything else at its defaults.
echo '{"golden-record-builder": {"enable_fuzzy_matching": true}}' > "$fuzzy"

# Tasks of one file are run round-robin (run 1 of every task, then run 2, ...), so a drift of the machine's speed
# during the call touches every task alike and the medians stay comparable.
names=(); cmds=()
task() {  # task NAME CMD...   (queued for the current file unless ONLY excludes it)
  local name=$1; shift
  if [[ -n "$ONLY" && ! $name =~ $ONLY ]]; then return 0; fi
  names+=("$name"); cmds+=("$(printf '%q ' "$@")")
}

run_once() {   # run_once TAG NAME N CMD...   (one line per run in $res/TAG.NAME.N.{time,out,err,load})
  local tag=$1 name=$2 i=$3; shift 3
  local p="$res/$tag.$name.$i"
  rm -rf "$out/$tag.$name"; mkdir -p "$out/$tag.$name"
  flock /tmp/bench.lock bash -c 'cat /proc/loadavg > "$0.load"; exec /usr/bin/time -f "TIME wall_s=%e user_s=%U sys_s=%S maxrss_kb=%M" -o "$0.time" "$@" > "$0.out" 2> "$0.err"' "$p" "$@" \
    || echo "   (exit code $? - see $p.err)"
  echo "$tag $name #$i: $(tail -1 "$p.time") load=$(cut -d' ' -f1 "$p.load")"
}

for size in $SIZES; do
  case "$size" in 100k) rows=100000 ;; 1m) rows=1000000 ;; *) rows=$size ;; esac
  csv="$data/customers_$size.csv"
  if [[ ! -s "$csv" || ! -s "$csv.truth.csv" ]]; then
    echo "== generating $csv ($rows rows)"
    "$PY" "$ANCHORS/gen_customers.py" "$rows" "$csv" 0.10 --seed 42 >/dev/null
  fi
  echo "$rows" > "$res/customers_$size.rows"
  stat -c %s "$csv" > "$res/customers_$size.bytes"
  cat "$csv" > /dev/null   # warm page cache: every figure is warm-cache
  tag="customers_$size"
  echo "== $tag"
  names=(); cmds=()
  task agensium_profiler   dotnet "$svc" analyze "$csv" --tool profile-my-data --agents unified-profiler --out "$out/$tag.agensium_profiler"
  task agensium_profile    dotnet "$svc" analyze "$csv" --tool profile-my-data --out "$out/$tag.agensium_profile"
  task agensium_clean      dotnet "$svc" analyze "$csv" --tool clean-my-data --out "$out/$tag.agensium_clean"
  task agensium_er         dotnet "$erb" er "$csv" "$csv.truth.csv"
  task agensium_master     dotnet "$svc" analyze "$csv" --tool master-my-data --params "$fuzzy" --out "$out/$tag.agensium_master"
  task pandas_profile          "$PY" "$ANCHORS/pandas_profile.py" "$csv"
  task pandas_profile_patterns "$PY" "$ANCHORS/pandas_profile.py" "$csv" --patterns
  task pandas_clean            "$PY" "$ANCHORS/pandas_clean.py" "$csv" "$out/cleaned_pandas_$tag.csv"
  task duckdb_summarize_csv    dotnet "$duckdll" summarize-csv "$csv"
  task duckdb_patterns         dotnet "$duckdll" patterns "$csv"
  task duckdb_clean            dotnet "$duckdll" clean "$csv" "$out/cleaned_duckdb_$tag.csv"
  task duckdb_er               dotnet "$duckdll" er "$csv" "$csv.truth.csv"
  for i in $(seq 1 "$RUNS"); do
    for k in "${!names[@]}"; do
      eval "args=(${cmds[k]})"
      run_once "$tag" "${names[k]}" "$i" "${args[@]}"
    done
  done
done

echo
"$PY" "$here/lib/bench_analysis_table.py" "$res" | tee "$res/table.md"
