#!/usr/bin/env python3
"""Batch throughput with and without `--record`, as BENCHMARKS.md reports it.

    python3 scripts/bench_recording.py [--runs 5] [--input FILE] [--data DIR]
        [--database postgres://...] [ZEEF_BINARY ...]

For each zeef binary (default target/release/zeef), runs `zeef batch` on the input (default the
50,000 negatives of ../shared/eval-dev) unrecorded and recorded, alternately, `--runs` times,
and prints each run's rows/s (zeef's own figure for the screening phase) and CPU (user + sys
of the whole process), then the medians and the recorded/unrecorded ratios. The SQLite store
is removed before each recorded run; with `--database` the PostgreSQL tables are dropped
(psql must reach the server). Builds a data directory from ../shared/data/lists unless
`--data` names one that exists.
"""
import argparse, glob, os, re, statistics, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("binaries", nargs="*", default=["target/release/zeef"])
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--shared", default=os.environ.get("ZEEF_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared")))
ap.add_argument("--input")
ap.add_argument("--data")
ap.add_argument("--database", help="record into this PostgreSQL URL instead of SQLite")
a = ap.parse_args()
source = a.input or os.path.join(a.shared, "eval-dev", "screening", "negatives_us.csv")
data = a.data or tempfile.mkdtemp(prefix="zeef-bench-")
if not os.path.exists(os.path.join(data, "snapshots")):
    subprocess.run([a.binaries[0], "--data", data, "update", "--from", os.path.join(a.shared, "data", "lists")],
                   check=True, capture_output=True)
out = os.path.join(tempfile.mkdtemp(prefix="zeef-bench-out-"), "out.jsonl")


def fresh_store():
    if a.database:
        subprocess.run(["psql", "-q", a.database, "-c",
                        "DROP TABLE IF EXISTS zeef_audit_entries, zeef_audit_contexts, zeef_audit_lock"],
                       check=True, capture_output=True)
    else:
        for f in glob.glob(os.path.join(data, "audit.sqlite*")):
            os.remove(f)


runs = {}
for _ in range(a.runs):
    for binary in a.binaries:
        for mode in ("unrecorded", "recorded"):
            args = [binary, "--data", data, "batch", "--input", source, "--output", out]
            if mode == "recorded":
                fresh_store()
                args.append("--record")
                if a.database:
                    args += ["--database", a.database]
            before = os.times()
            p = subprocess.run(args, capture_output=True, text=True)
            after = os.times()
            m = re.search(r"([0-9]+) rows/s", p.stderr)
            if p.returncode != 0 or not m:
                sys.exit(f"{binary} {mode} failed:\n{p.stderr}")
            cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            runs.setdefault((binary, mode), []).append((int(m.group(1)), cpu))
            print(f"{binary} {mode}: {m.group(1)} rows/s, {cpu:.2f} s CPU", flush=True)

for binary in a.binaries:
    plain, rec = runs[(binary, "unrecorded")], runs[(binary, "recorded")]
    med = lambda rs, i: statistics.median(r[i] for r in rs)
    ratios = sorted(r[0] / p[0] for p, r in zip(plain, rec))
    print(f"{binary}: unrecorded {med(plain, 0):.0f} rows/s ({med(plain, 1):.2f} s CPU), "
          f"recorded {med(rec, 0):.0f} rows/s ({med(rec, 1):.2f} s CPU); "
          f"ratio of medians {med(rec, 0) / med(plain, 0):.3f}; pairwise {' '.join(f'{x:.2f}' for x in ratios)}")
