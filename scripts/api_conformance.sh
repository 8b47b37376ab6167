#!/usr/bin/env bash
# Checks `zeef serve` against its own OpenAPI document with schemathesis (PyPI): every
# operation, positive and negative cases, every check (status codes, response schemas,
# headers, auth; settings in scripts/schemathesis.toml). Starts the server on a free
# loopback port with an API token, over a data directory updated from the shared lists, and
# fails on any failure schemathesis reports.
#
#   scripts/api_conformance.sh [ZEEF_BINARY]       # default target/debug/zeef
#
# Env: ZEEF_SHARED (the shared lists, default ../shared), ZEEF_CONFORMANCE_SECONDS (time
# budget of the run, default 120), ZEEF_CONFORMANCE_DATA (a data directory to reuse).
set -euo pipefail
cd "$(dirname "$0")/.."

zeef="${1:-target/debug/zeef}"
seconds="${ZEEF_CONFORMANCE_SECONDS:-120}"
shared="${ZEEF_SHARED:-$(cd .. && pwd)/shared}"
report="target/api-conformance"
mkdir -p "$report"

command -v schemathesis >/dev/null || python3 -m pip install --quiet schemathesis

data="${ZEEF_CONFORMANCE_DATA:-$report/data}"
if ! "$zeef" --data "$data" lists >/dev/null 2>&1; then
  "$zeef" --data "$data" update --from "$shared/data/lists" >"$report/update.log" 2>&1 || {
    cat "$report/update.log" >&2
    echo "api conformance: cannot make a data directory from $shared/data/lists" >&2
    exit 1
  }
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token="conformance-$RANDOM$RANDOM"
base="http://127.0.0.1:$port"
"$zeef" --data "$data" serve --listen "127.0.0.1:$port" --token "$token" \
  >"$report/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$report/serve.log" >&2; exit 1; }
  sleep 1
done
curl -fsS "$base/readyz" >/dev/null || {
  tail -n 20 "$report/serve.log" >&2
  echo "api conformance: the server did not get ready" >&2
  exit 1
}

# --max-time bounds the run; what is not reached in time is not a failure, a failure is.
schemathesis --config-file scripts/schemathesis.toml run "$base/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --max-time "$seconds" \
  --workers 1 \
  --generation-database none \
  --report junit --report-dir "$report" \
  --no-color
