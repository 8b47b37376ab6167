#!/usr/bin/env python3
"""Data for the reverse-rescreening benchmark (BENCHMARKS.md, "Scale-out on NATS").

  bench_watch_data.py subjects NEGATIVES.csv N OUT.csv
      N fictional customers: first, middle and last names and birth data recombined from
      the rows of NEGATIVES.csv (each name keeps its script), ids c1..cN.
  bench_watch_data.py change EXPORT.ftm.json OUT_BEFORE_DIR OUT_AFTER_DIR [SHARE]
      two FtM mirrors (one source, `all`) of an exported snapshot: the second with SHARE
      (default 0.01) of the records changed, a third each removed, amended (an alias added)
      and added (a copy under a new id with the name's words reversed).

Deterministic (fixed seed)."""

import csv
import json
import os
import random
import sys


def subjects(negatives, n, out):
    rows = list(csv.DictReader(open(negatives, encoding="utf-8")))
    rnd = random.Random(7)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "first_name", "middle_name", "last_name", "date_of_birth", "nationality"])
        for i in range(1, n + 1):
            # Names recombined within one source row's script: first from one row, last
            # from another row written in the same script.
            a = rnd.choice(rows)
            b = rnd.choice(rows)
            for _ in range(20):
                if script(b["last_name"]) == script(a["first_name"]):
                    break
                b = rnd.choice(rows)
            w.writerow([f"c{i}", a["first_name"], a["middle_name"], b["last_name"],
                        rnd.choice(rows)["date_of_birth"], a["nationality"]])


def script(text):
    for ch in text:
        if ch.isalpha():
            return "latin" if ord(ch) <= 0x24F else hex(ord(ch) >> 8)
    return ""


def change(export, before_dir, after_dir, share):
    records = [json.loads(line) for line in open(export, encoding="utf-8") if line.strip()]
    rnd = random.Random(11)
    k = max(3, int(len(records) * share)) // 3
    picked = rnd.sample(range(len(records)), 2 * k)
    removed, amended = set(picked[:k]), set(picked[k:])
    after = []
    for i, r in enumerate(records):
        if i in removed:
            continue
        if i in amended:
            r = json.loads(json.dumps(r))
            names = r.get("properties", {}).get("name", [])
            if names:
                r["properties"].setdefault("alias", []).append(names[0].upper() + " JR")
        after.append(r)
    for j, i in enumerate(rnd.sample(range(len(records)), k)):
        r = json.loads(json.dumps(records[i]))
        r["id"] = f"bench-added-{j}"
        names = r.get("properties", {}).get("name", [])
        if names:
            r["properties"]["name"] = [" ".join(reversed(names[0].split()))]
        after.append(r)
    for d, recs in ((before_dir, records), (after_dir, after)):
        os.makedirs(os.path.join(d, "all"), exist_ok=True)
        with open(os.path.join(d, "all", "entities.ftm.json"), "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(records)} records; {k} removed, {k} amended, {k} added", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1] == "subjects":
        subjects(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "change":
        change(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]) if len(sys.argv) > 5 else 0.01)
    else:
        sys.exit(__doc__)
