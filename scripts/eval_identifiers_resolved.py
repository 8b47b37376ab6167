#!/usr/bin/env python3
"""Screening by identifier, one result per resolved entity: every identifier of every listed
record is screened alone through `zeef batch` (results per resolved entity, the default), and
the first result must be the resolved entity holding that record (a wallet: its holder).
Prints hits and misses by identifier property (BENCHMARKS.md, "Screening by identifier").

  python3 scripts/eval_identifiers_resolved.py ZEEF_BINARY DATA_DIR

DATA_DIR holds the lists (`zeef --data DATA_DIR update --from ../shared/data/lists`)."""

import collections
import json
import os
import subprocess
import sys
import tempfile

PROPS = ["idNumber", "passportNumber", "taxNumber", "registrationNumber", "imoNumber",
         "callSign", "mmsi", "swiftBic", "leiCode", "publicKey"]


def main(zeef, data):
    export = subprocess.run([zeef, "--data", data, "export", "--format", "ftm"],
                            check=True, capture_output=True, text=True).stdout
    queries = []
    # Records listing each number (letters and digits only, upper case): a number listed
    # for several parties cannot put one of them first.
    holders = collections.defaultdict(set)
    for line in export.splitlines():
        e = json.loads(line)
        props = e.get("properties", {})
        # A wallet's identifier names its holder.
        owner = (props.get("holder") or [e["id"]])[0] if e["schema"] == "CryptoWallet" else e["id"]
        for p in PROPS:
            for v in props.get(p, []):
                queries.append((p, v, owner))
                holders[key(v)].add(owner)
    with tempfile.TemporaryDirectory() as tmp:
        q = os.path.join(tmp, "q.jsonl")
        out = os.path.join(tmp, "r.jsonl")
        with open(q, "w", encoding="utf-8") as f:
            for i, (p, v, owner) in enumerate(queries):
                f.write(json.dumps({"id": str(i), "schema": "LegalEntity",
                                    "properties": {p: [v]}}, ensure_ascii=False) + "\n")
        subprocess.run([zeef, "--data", data, "batch", "--input", q, "--output", out],
                       check=True, stderr=subprocess.DEVNULL)
        rows = [json.loads(l) for l in open(out, encoding="utf-8")]
    hits, misses, shared = collections.Counter(), collections.Counter(), collections.Counter()
    examples = {}
    for row in rows:
        p, v, owner = queries[int(row["id"])]
        results = row.get("results") or []
        first = results[0] if results else {}
        found = first.get("referents") or [first.get("id")]
        if owner in found:
            hits[p] += 1
        elif set(found) & holders[key(v)]:
            shared[p] += 1
        else:
            misses[p] += 1
            examples.setdefault(p, (v, owner, first.get("id"), first.get("referents")))
    print(f"{'property':<20}{'identifiers':>12}{'first':>8}{'shared':>8}{'missed':>8}")
    for p in PROPS:
        n = hits[p] + shared[p] + misses[p]
        if n:
            print(f"{p:<20}{n:>12}{hits[p]:>8}{shared[p]:>8}{misses[p]:>8}")
    total = [sum(c.values()) for c in (hits, shared, misses)]
    print(f"{'all':<20}{sum(total):>12}{total[0]:>8}{total[1]:>8}{total[2]:>8}")
    print("shared: another party listing the same number came first")
    for p, ex in examples.items():
        print(f"missed {p}: {ex}")


def key(value):
    return "".join(ch for ch in value.upper() if ch.isalnum())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
