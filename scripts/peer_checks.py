#!/usr/bin/env python3
"""The incumbent on zeef's entity-level checks: OpenSanctions nomenklatura (the matcher yente
runs) scores each pair of `crates/matching/tests/data/entity_checks.jsonl`; a check is right
when the score is at or above 0.7 exactly when the two are the same party. zeef's own figure
is printed by `cargo test -p zeef-matching --test entity_checks -- --nocapture`.

    ~/.cache/zeef-peer-venv/bin/python scripts/peer_checks.py [logic-v2|logic-v1]

The virtual environment is the one ../shared/tools/peer-nomenklatura/run.sh makes
(pip install nomenklatura followthemoney rapidfuzz anyascii).
"""
import json, os, sys
from collections import defaultdict
from followthemoney import model
from nomenklatura.matching import get_algorithm, ScoringConfig

alg_name = sys.argv[1] if len(sys.argv) > 1 else "logic-v2"
alg, cfg = get_algorithm(alg_name), ScoringConfig.defaults()
path = os.path.join(os.path.dirname(__file__), "..", "crates/matching/tests/data/entity_checks.jsonl")

def entity(d, id):
    e = model.make_entity(d["schema"])
    e.id = id
    for k, vs in d["properties"].items():
        for v in vs:
            e.add(k, v, quiet=True)
    return e

by_kind, wrong = defaultdict(lambda: [0, 0]), []
for i, line in enumerate(open(path)):
    c = json.loads(line)
    # Ids of their own per check: the algorithm caches by entity id.
    score = alg.compare(entity(c["query"], f"q{i}"), entity(c["candidate"], f"c{i}"), cfg).score
    right = (score >= 0.7) == c["match"]
    by_kind[c["kind"]][0] += 1
    by_kind[c["kind"]][1] += right
    if not right:
        wrong.append(f"{c['check']} ({score:.3f})")
for kind, (n, r) in sorted(by_kind.items()):
    print(f"{kind:12} {r} of {n}")
n = sum(v[0] for v in by_kind.values()); r = sum(v[1] for v in by_kind.values())
print(f"all          {r} of {n} ({alg_name})")
for w in wrong:
    print("  wrong:", w)
