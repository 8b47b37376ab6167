#!/usr/bin/env bash
# Runs existing yente clients, unchanged, against a running `zeef serve`: the `yente-client`
# SDK and nomenklatura's YenteEnricher, both from PyPI. Prints what each got back.
#
#   zeef --data DIR serve --listen 127.0.0.1:8000 &
#   scripts/yente_client_check.sh [http://127.0.0.1:8000]
#
# Env: ZEEF_API_TOKEN (if the server has one), VENV (default .venv-yente-check),
# CHECK_NAME / CHECK_ID (a listed name and the id it must find).
set -euo pipefail
URL="${1:-${ZEEF_URL:-http://127.0.0.1:8000}}"
VENV="${VENV:-.venv-yente-check}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q "nomenklatura==4.17.4" "yente-client==0.2.0"
"$VENV/bin/python" "$HERE/yente_client_check.py" "$URL"
