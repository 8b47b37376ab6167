#!/usr/bin/env python3
"""Screening quality on ../shared/eval-dev, measured through `zeef batch` as a user runs it.

    python3 scripts/eval_screening.py [--zeef target/release/zeef] [--data DIR]

Builds a data directory from ../shared/data/lists (unless --data names one that exists),
batch-screens the UN positives (untreated and treated) against the UN list and the 50,000
negatives against all lists, and prints recall, top-1 and the share of negatives alerting.
A hit is the listed person whose name equals the untreated row's name, at or above the
default threshold (eval-dev/README.md).
"""
import argparse, csv, json, os, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--zeef", default="target/release/zeef")
ap.add_argument("--data")
ap.add_argument("--shared", default=os.environ.get("ZEEF_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared")))
a = ap.parse_args()
ev = os.path.join(a.shared, "eval-dev", "screening")
data = a.data or tempfile.mkdtemp(prefix="zeef-eval-")

def zeef(*args, **kw):
    return subprocess.run([a.zeef, "--data", data, *args], check=True, text=True, **kw)

if not os.path.exists(os.path.join(data, "CURRENT")):
    zeef("update", "--from", os.path.join(a.shared, "data", "lists"), stderr=subprocess.DEVNULL)

# Listed name -> UN entity id, to find the truth for each positive row.
by_name = {}
for line in zeef("export", "--format", "ftm", "--source", "un", capture_output=True).stdout.splitlines():
    e = json.loads(line)
    for prop in ("name", "alias", "weakAlias", "previousName"):
        for n in e["properties"].get(prop, []):
            by_name.setdefault(n.strip().lower(), e["id"])

def batch(path, *extra):
    out = tempfile.mktemp(suffix=".jsonl")
    t = time.time()
    zeef("batch", "--input", path, "--output", out, *extra, stderr=subprocess.DEVNULL)
    secs = time.time() - t
    with open(out) as f:
        rows = [json.loads(l) for l in f]
    os.unlink(out)
    return rows, secs

with open(os.path.join(ev, "positives_un_untreated.csv")) as f:
    untreated_names = [r["full_name"] for r in csv.DictReader(f)]
truth = [by_name.get(n.strip().lower()) for n in untreated_names]
known = sum(t is not None for t in truth)

for kind in ("untreated", "treated"):
    rows, secs = batch(os.path.join(ev, f"positives_un_{kind}.csv"), "--source", "un")
    hits = top1 = 0
    for row, t in zip(rows, truth):
        if t is None:
            continue
        matches = [r for r in row.get("results", []) if r["match"]]
        hits += any(r["id"] == t for r in matches)
        top1 += bool(matches) and matches[0]["id"] == t
    print(f"UN positives {kind:9}: recall {hits / known:.4f} ({hits}/{known}), top-1 {top1 / known:.4f}, {len(rows) / secs:,.0f} rows/s")

rows, secs = batch(os.path.join(ev, "negatives_us.csv"))
alerting = sum(any(r["match"] for r in row.get("results", [])) for row in rows)
print(f"negatives vs all lists : {alerting}/{len(rows)} rows alert = {alerting * 100 / len(rows):.3f} %, {len(rows) / secs:,.0f} rows/s (batch, all cores, incl. load)")
