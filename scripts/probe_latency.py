#!/usr/bin/env python3
"""How fast /healthz and /readyz answer while `zeef serve` is under hostile load.

    zeef --data D serve --listen 127.0.0.1:8765 &
    python3 scripts/probe_latency.py [http://127.0.0.1:8765] [--seconds 30] [--token T]

Hostile load, all at once and repeated for the whole run: several POST /match requests with
a name of 16,000 words, GET /screen and /search with the same name, and POST /screen batches
of the most queries a batch may hold, each query a name of the most words a name may have
(real work, not refused). Meanwhile one thread asks /healthz and one /readyz every 10 ms.
Prints the probes' latency percentiles and what the load got back (status counts, slowest
answer). Standard library only.
"""
import argparse
import json
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter


def request(url, body=None, token=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    except Exception as e:  # connection refused, reset, timed out
        status = type(e).__name__
    return status, time.perf_counter() - started


def percentiles(xs):
    xs = sorted(xs)
    if not xs:
        return "no samples"
    pick = lambda q: xs[min(len(xs) - 1, int(q * len(xs)))] * 1000
    return (f"n={len(xs)} p50={pick(0.50):.1f} ms p90={pick(0.90):.1f} ms "
            f"p99={pick(0.99):.1f} ms max={xs[-1] * 1000:.1f} ms "
            f"mean={statistics.mean(xs) * 1000:.1f} ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url", nargs="?", default="http://127.0.0.1:8765")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--token")
    ap.add_argument("--hostile", type=int, default=4, help="hostile clients of each kind")
    ap.add_argument("--batch", type=int, default=100, help="queries per batch")
    ap.add_argument("--words", type=int, default=40, help="words per batch query name")
    args = ap.parse_args()
    base = args.url.rstrip("/")
    stop = time.monotonic() + args.seconds
    long_name = " ".join(["Abu", "Bakr"] * 8000)  # 16,000 words, ~140 KB
    names = ["Abu Bakr", "Ivan Petrov", "Maria Gonzalez", "Hassan Ali", "Li Wei"]
    batch = {"queries": [
        {"name": " ".join(names[(i + j) % len(names)] for j in range(args.words // 2))}
        for i in range(args.batch)
    ]}
    q = urllib.parse.quote(long_name)
    hostile = {
        "match 16k words": lambda: request(
            f"{base}/match/default",
            {"queries": {"q": {"schema": "Person", "properties": {"name": [long_name]}}}},
            args.token),
        "screen GET 16k words": lambda: request(f"{base}/screen?name={q}", None, args.token),
        "search 16k words": lambda: request(f"{base}/search/default?q={q}", None, args.token),
        f"screen batch {args.batch}x{args.words} words": lambda: request(
            f"{base}/screen", batch, args.token),
    }
    results = {k: [] for k in hostile}
    probes = {"/healthz": [], "/readyz": []}
    failures = Counter()
    lock = threading.Lock()

    def load(kind):
        while time.monotonic() < stop:
            status, secs = hostile[kind]()
            with lock:
                results[kind].append((status, secs))

    def probe(path):
        while time.monotonic() < stop:
            status, secs = request(f"{base}{path}", None, None, timeout=10)
            with lock:
                if status == 200:
                    probes[path].append(secs)
                else:
                    failures[(path, status)] += 1
            time.sleep(0.01)

    threads = [threading.Thread(target=load, args=(k,)) for k in hostile for _ in range(args.hostile)]
    threads += [threading.Thread(target=probe, args=(p,)) for p in probes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print(f"{args.seconds:.0f} s, {args.hostile} clients of each hostile kind, against {base}")
    for path, xs in probes.items():
        within = sum(1 for x in xs if x <= 0.1)
        print(f"{path:10} {percentiles(xs)}; within 100 ms: {within}/{len(xs)}")
    for (path, status), n in sorted(failures.items()):
        print(f"{path:10} failed {n}x: {status}")
    for kind, rs in results.items():
        statuses = Counter(s for s, _ in rs)
        slowest = max((t for _, t in rs), default=0)
        print(f"{kind:28} {len(rs)} answers {dict(statuses)}; slowest {slowest * 1000:.0f} ms")


if __name__ == "__main__":
    main()
