#!/usr/bin/env bash
# Set up and start Driftboard on http://localhost:8501 (embedded SQLite under ./data/ unless
# DRIFTBOARD_DATABASE_URL is set): virtualenv, install, migrate, load the demo unit if empty.
# DRIFTBOARD_DEMO=0 starts an empty installation: the home page opens the set-up page.
# server.py serves the app and the ingest API (/api/v1/...) on the same PORT and HOST.
source "$(dirname "$0")/_venv.sh"
ensure_venv requirements.txt
.venv/bin/python -m driftboard init-db
if [ "${DRIFTBOARD_DEMO:-1}" != "0" ]; then
    .venv/bin/python -m driftboard seed --if-empty
fi
exec .venv/bin/python -m streamlit run server.py --server.port "${PORT:-8501}" --server.address "${HOST:-0.0.0.0}"
