#!/usr/bin/python3
"""Runs master-my-data on each dataset in default and fuzzy mode, then scores pairwise P/R/F1 against the truth.

Row -> cluster: the golden-record-builder's report data.clusters[*].row_indexes (0-based rows of its input table).
This is valid only when survivorship-resolver kept every row (its total_records == clusters), which holds here
because the unique record_id column is one of its automatic key columns; this is checked.
"""
import csv, glob, itertools, json, os, subprocess, sys, time
from collections import Counter, defaultdict

import pandas as pd

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DLL = os.path.join(ROOT, "Agensium.Scheduler", "bin", "Release", "net10.0", "Agensium.Scheduler.dll")
BASE = os.environ.get("ER_OUTSIDE_DIR", os.path.join(ROOT, ".local", "er-outside"))
DATA = os.path.join(BASE, "data")
RUNS = os.path.join(BASE, "runs")
os.makedirs(BASE, exist_ok=True)
FUZZY = os.path.join(BASE, "params_fuzzy.json")
json.dump({"golden-record-builder": {"enable_fuzzy_matching": True}}, open(FUZZY, "w"))


def run(ds, mode):
    out = os.path.join(RUNS, f"{ds}_{mode}")
    if os.path.exists(out):
        subprocess.run(["rm", "-rf", out])
    cmd = ["dotnet", DLL, "analyze", os.path.join(DATA, ds + ".csv"), "--tool", "master-my-data", "--out", out]
    if mode == "fuzzy":
        cmd += ["--params", FUZZY]
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.time() - t
    with open(out + ".log", "w") as f:
        f.write(" ".join(cmd) + f"\nrc={p.returncode} wall={wall:.2f}s\n--stdout--\n{p.stdout}\n--stderr--\n{p.stderr}\n")
    return out, p.returncode, wall, p.stdout, p.stderr


def pairs_of(groups):
    s = set()
    for g in groups:
        for a, b in itertools.combinations(sorted(g), 2):
            s.add((a, b))
    return s


def evaluate(ds, mode):
    out, rc, wall, so, se = run(ds, mode)
    res = dict(ds=ds, mode=mode, rc=rc, wall=round(wall, 2))
    if rc != 0:
        res["error"] = (so + se)[-500:]
        return res, None
    rep = json.load(open(glob.glob(os.path.join(out, "*_analysis.json"))[0]))
    inp = pd.read_csv(os.path.join(DATA, ds + ".csv"), dtype=str, keep_default_na=False)
    truth = pd.read_csv(os.path.join(DATA, ds + "_truth.csv"), dtype=str)
    ent = dict(zip(truth.record_id, truth.entity_id))
    ar = rep["agent_results"]
    res["exec_ms"] = rep["metadata"]["execution_time_ms"]
    res["agents_ok"] = list(ar)
    sv = ar.get("survivorship-resolver", {}).get("summary_metrics", {})
    res["surv_rows"], res["surv_clusters"] = sv.get("total_records"), sv.get("clusters")
    g = ar["golden-record-builder"]
    gm, gd = g["summary_metrics"], g["data"]
    res["golden"] = gm["golden_records_created"]
    res["merged_clusters"] = gm["merged_clusters"]
    res["pairs_compared"] = gd.get("pairs_compared")
    res["match_keys"] = gd.get("parameters", gd).get("match_key_columns") if isinstance(gd.get("parameters"), dict) else None
    clusters = gd["clusters"]
    res["clusters_listed"] = len(clusters)
    assert sv.get("total_records") == sv.get("clusters") == len(inp), "survivorship merged rows: row indexes would not map"
    rid = list(inp.record_id)
    pred = [[rid[i] for i in c["row_indexes"]] for c in clusters]
    listed = sum(len(c) for c in pred)
    res["rows_listed"] = listed
    # mastered csv cross-check
    mcsv = [f for f in glob.glob(os.path.join(out, "*.csv"))][0]
    m = pd.read_csv(mcsv, dtype=str, keep_default_na=False)
    res["mastered_rows"] = len(m)
    bad = 0
    for k, c in enumerate(clusters):
        row = m[m["__cluster_id__"] == c["cluster_id"]]
        if len(row) != 1 or int(row["__source_count__"].iloc[0]) != len(c["row_indexes"]) or row["record_id"].iloc[0] not in pred[k]:
            bad += 1
    res["mastered_mismatch"] = bad
    tgroups = defaultdict(list)
    for r in rid:
        tgroups[ent[r]].append(r)
    T = pairs_of(tgroups.values())
    P = pairs_of(pred)
    tp = len(T & P)
    res["true_pairs"], res["pred_pairs"], res["tp"] = len(T), len(P), tp
    res["precision"] = round(tp / len(P), 4) if P else None
    res["recall"] = round(tp / len(T), 4) if T else None
    res["f1"] = round(2 * tp / (len(T) + len(P)), 4) if T or P else None
    # purity diagnostics
    res["false_merge_clusters"] = sum(1 for c in pred if len({ent[r] for r in c}) > 1)
    res["true_entities"] = len(tgroups)
    return res, dict(pred=pred, T=T, P=P, inp=inp, ent=ent, rep=rep, m=m)


if __name__ == "__main__":
    sets = sys.argv[1:] or ["a_crm_merge", "b_households", "c_intl"]
    os.makedirs(RUNS, exist_ok=True)
    allres = []
    for ds in sets:
        for mode in ("default", "fuzzy"):
            res, detail = evaluate(ds, mode)
            print(json.dumps(res), flush=True)
            allres.append(res)
            if detail:
                inp = detail["inp"].set_index("record_id")
                with open(os.path.join(RUNS, f"{ds}_{mode}_errors.txt"), "w") as f:
                    f.write("FALSE MERGES (predicted pairs not in truth)\n")
                    for a, b in sorted(detail["P"] - detail["T"]):
                        f.write(f"{detail['ent'][a]} {a}: {list(inp.loc[a])}\n{detail['ent'][b]} {b}: {list(inp.loc[b])}\n\n")
                    f.write("MISSED (truth pairs not predicted)\n")
                    for a, b in sorted(detail["T"] - detail["P"]):
                        f.write(f"{detail['ent'][a]} {a}: {list(inp.loc[a])}\n{detail['ent'][b]} {b}: {list(inp.loc[b])}\n\n")
    json.dump(allres, open(os.path.join(RUNS, "results_" + "_".join(sets) + ".json"), "w"), indent=1)
