"""Markdown tables of scripts/bench-analysis.sh results: every run, then the issue's targets side by side.
Usage: python3 bench_analysis_table.py RESULTS_DIR"""
import glob
import json
import os
import re
import statistics
import sys

res = sys.argv[1]
runs = {}  # (tag, name) -> list of dicts
for path in sorted(glob.glob(os.path.join(res, "*.time"))):
    base = path[:-5]
    tag, name, _ = os.path.basename(base).split(".")
    text = open(path).read()
    m = re.search(r"wall_s=([\d.]+) user_s=([\d.]+) sys_s=([\d.]+) maxrss_kb=(\d+)", text)
    if not m:
        continue
    out = open(base + ".out").read().strip().splitlines() if os.path.exists(base + ".out") else []
    info = {}
    for line in reversed(out):
        if line.startswith("{"):
            try:
                info = json.loads(line).get("info", {})
            except ValueError:
                pass
            break
    failed = "exit" in text.lower() or "Command exited" in text
    runs.setdefault((tag, name), []).append({
        "wall": float(m.group(1)), "cpu": float(m.group(2)) + float(m.group(3)), "rss": int(m.group(4)) / 1024,
        "load": open(base + ".load").read().split()[0] if os.path.exists(base + ".load") else "?",
        "info": info, "failed": failed})


def med(tag, name, key):
    r = runs.get((tag, name))
    return statistics.median(x[key] for x in r) if r else None


def quality(tag, name):
    r = runs.get((tag, name))
    if not r:
        return ""
    info = r[-1]["info"]
    if "f1" in info:
        return f"P {info['precision']:.3f} R {info['recall']:.3f} F1 {info['f1']:.3f}"
    if "pairwise_clusters" in info:
        p = float(re.search(r"precision=([\d.]+)", info["pairwise_clusters"]).group(1))
        rc = float(re.search(r"recall=([\d.]+)", info["pairwise_clusters"]).group(1))
        return f"P {p:.3f} R {rc:.3f} F1 {2 * p * rc / (p + rc):.3f}"
    return ""


tags = sorted({t for t, _ in runs}, key=lambda t: int(open(os.path.join(res, t + ".rows")).read()))
print("| data | task | wall s (median) | CPU s | peak RSS MiB | rows/s | load at start | notes |")
print("|---|---|---|---|---|---|---|---|")
for tag in tags:
    rows = int(open(os.path.join(res, tag + ".rows")).read())
    for (t, name), r in runs.items():
        if t != tag:
            continue
        wall = med(t, name, "wall")
        note = quality(t, name) + (" FAILED (see .err)" if any(x["failed"] for x in r) else "")
        print(f"| {tag} | {name} | {wall:.2f} | {med(t, name, 'cpu'):.2f} | {med(t, name, 'rss'):.0f} | {rows / wall:,.0f} | "
              f"{'/'.join(x['load'] for x in r)} | {note} |")

print()
print("| data | target | ours (wall / RSS) | pandas | DuckDB | vs pandas | vs DuckDB | CPU s ours / pandas / DuckDB | met? |")
print("|---|---|---|---|---|---|---|---|---|")


def target(tag, label, ours, pandas, duck, speedup, rss_cap, extra=None):
    w, rss = med(tag, ours, "wall"), med(tag, ours, "rss")
    if w is None:
        return
    pw = med(tag, pandas, "wall") if pandas else None
    dw = med(tag, duck, "wall") if duck else None
    checks = [rss <= rss_cap]
    vs_p = vs_d = "–"
    if pw:
        vs_p = f"{pw / w:.1f}× faster" if pw >= w else f"{w / pw:.1f}× slower"
        checks.append(pw / w >= speedup)
    if dw:
        vs_d = f"{dw / w:.2f}× ({'faster' if w <= dw else 'slower'})"
        checks.append(w <= dw)
    if extra is not None:
        checks.append(extra)
    fmt = lambda name: f"{med(tag, name, 'wall'):.2f} s / {med(tag, name, 'rss'):.0f} MiB" if name and med(tag, name, "wall") else "–"
    cpu = " / ".join(f"{med(tag, name, 'cpu'):.1f}" if name and med(tag, name, "cpu") else "–" for name in (ours, pandas, duck))
    print(f"| {tag} | {label} | {fmt(ours)} | {fmt(pandas)} | {fmt(duck)} | {vs_p} | {vs_d} | {cpu} | {'yes' if all(checks) else 'NO'} |")


for tag in tags:
    target(tag, "profiler pass (≥10× pandas, ≤ DuckDB, ≤300 MB)", "agensium_profiler", "pandas_profile_patterns", "duckdb_patterns", 10, 300)
    target(tag, "profile-my-data, whole tool (≤300 MB)", "agensium_profile", "pandas_profile_patterns", "duckdb_patterns", 0, 300)
    target(tag, "clean-my-data, whole tool (≥5× pandas, ≤ DuckDB, ≤500 MB)", "agensium_clean", "pandas_clean", "duckdb_clean", 5, 500)
    er = runs.get((tag, "agensium_er"))
    f1 = er[-1]["info"].get("f1") if er else None
    # Issue 5's memory bound (1 GB) is the whole master-my-data tool's (next row); the er process also holds the
    # generator's truth and the pairwise evaluation, so its peak is shown, not judged.
    target(tag, f"entity resolution (≤ DuckDB, F1 ≥ 0.96; ours {quality(tag, 'agensium_er')}, DuckDB {quality(tag, 'duckdb_er')})",
           "agensium_er", None, "duckdb_er", 0, float("inf"), f1 is not None and f1 >= 0.96)
    mw = med(tag, "agensium_master", "wall")
    target(tag, "master-my-data with fuzzy golden records, whole tool (≤30 s, ≤1 GB)", "agensium_master", None, None, 0, 1024, mw is not None and mw <= 30)
