"""Calls a zeef server through unmodified yente clients and checks what they understood.

Used by yente_client_check.sh (which installs the clients); exits non-zero on any failure.
"""

import os
import sys
import tempfile

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
TOKEN = os.environ.get("ZEEF_API_TOKEN") or None
NAME = os.environ.get("CHECK_NAME", "Abu Bakr al-Baghdadi")
EXPECT = os.environ.get("CHECK_ID", "un-QDi.299")
failures = []


def check(what, ok, detail=""):
    print(f"[{'ok' if ok else 'FAIL'}] {what}{': ' + detail if detail else ''}")
    if not ok:
        failures.append(what)


def with_yente_client():
    import yente_client
    from yente_client import Client, Person

    print(f"-- yente-client {yente_client.__name__} against {URL}")
    with Client(base_url=URL, api_key=TOKEN) as c:
        check("healthz", c.healthz().status == "ok")
        check("readyz", c.readyz().status == "ok")
        cat = c.datasets()
        names = [d.name for d in cat.datasets]
        check("catalog parsed", "default" in names, ", ".join(names))
        algos = c.algorithms()
        check("algorithms parsed", bool(algos.algorithms), f"default={algos.default}")
        # The same person is on several lists: EXPECT must be among the matches, as a
        # result of its own or (one result per resolved entity) among a result's referents.
        resp = c.match(Person(name=[NAME]), datasets=["default"])
        hit = next(
            (r for r in resp.results if r.id == EXPECT or EXPECT in (r.referents or [])),
            None,
        )
        got = [(r.id, round(r.score, 3), r.match) for r in resp.results]
        check(f"match {NAME!r}", hit is not None and hit.match, f"total={resp.total.value} {got}")
        if hit is not None:
            expl = {k: round(v.score, 3) for k, v in hit.explanations.items()}
            print(f"     {EXPECT} explanations: {expl}")
        found = c.search(NAME, datasets=["default"], limit=10)
        check("search", any(r.id == EXPECT for r in found.results), f"{[r.id for r in found.results]}")
        ent = c.fetch(EXPECT)
        check("fetch entity", ent.id == EXPECT, f"caption={ent.caption!r}")


def with_nomenklatura():
    from followthemoney import Dataset
    from nomenklatura.cache import Cache
    from nomenklatura.db import make_session
    from nomenklatura.enrich import make_enricher
    from followthemoney import StatementEntity

    print(f"-- nomenklatura YenteEnricher against {URL}")
    dataset = Dataset.make({"name": "zeef_check", "title": "zeef check"})
    db = os.path.join(tempfile.mkdtemp(), "cache.sqlite3")
    cache = Cache(make_session(f"sqlite:///{db}"), dataset, create=True)
    config = {
        "type": "nomenklatura.enrich.yente:YenteEnricher",
        "api": URL.rstrip("/") + "/",
        "dataset": "default",
        "cache_days": 0,
    }
    if TOKEN:
        config["api_key"] = TOKEN
    enricher = make_enricher(dataset, cache, config)
    entity = StatementEntity.from_data(
        dataset, {"id": "check-1", "schema": "Person", "properties": {"name": [NAME]}}
    )
    matches = list(enricher.match(entity))
    ids = [m.id for m in matches]
    referents = [r for m in matches for r in (getattr(m, "referents", None) or [])]
    check(f"enricher match {NAME!r}", EXPECT in ids or EXPECT in referents, f"{ids}")
    for m in matches[:1]:
        print(f"     {m.id} {m.schema.name} {m.caption!r}")
        expanded = list(enricher.expand(entity, m))
        check("enricher expand", bool(expanded) and expanded[0].id == m.id, f"{len(expanded)} entities")


for run in (with_yente_client, with_nomenklatura):
    try:
        run()
    except Exception as exc:  # report and go on to the next client
        check(run.__name__, False, f"{type(exc).__name__}: {exc}")

print(f"\n{len(failures)} failed" if failures else "\nall checks passed")
sys.exit(1 if failures else 0)
