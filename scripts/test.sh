#!/usr/bin/env bash
# Set up and run the whole test suite: lint, format check and pytest twice, on SQLite and on
# PostgreSQL, browser tests included (extra pytest arguments are passed on to both passes,
# e.g. `bash scripts/test.sh -k planning`).
source "$(dirname "$0")/_venv.sh"
ensure_venv requirements-dev.txt
# The browser tests drive Debian's Chromium through Playwright (Playwright's own browser
# download is not used).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
# The second pass runs on a throw-away PostgreSQL server the tests start themselves
# (tests/pgcluster.py) from Debian's postgresql package.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "The PostgreSQL pass needs Debian's postgresql: sudo apt-get install postgresql" >&2
    exit 1
  fi
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
status=0  # both passes run; either failing fails the command
echo "== SQLite"
DRIFTBOARD_TEST_DB=sqlite .venv/bin/python -m pytest -n 2 "$@" || status=$?
echo "== PostgreSQL (browser tests run on SQLite only)"
DRIFTBOARD_TEST_DB=postgresql .venv/bin/python -m pytest -n 2 "$@" || status=$?
exit "$status"
