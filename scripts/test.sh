#!/usr/bin/env bash
# Set up and run the whole test suite: lint, format check and pytest twice, on SQLite and on
# PostgreSQL, and the browser tests (on SQLite) beside them; extra pytest arguments are passed
# on to every pass, e.g. `bash scripts/test.sh -k planning`.
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
status=0  # every pass runs; any failing fails the command (`|| code=$?`: _venv.sh sets -e)
# Exit code 5: no test of the pass matched the extra arguments (e.g. `-k` naming browser tests only).
record() { if [ "$1" != 0 ] && [ "$1" != 5 ]; then status=$1; fi; }
# The browser tests (on SQLite) run in a process of their own, beside the SQLite pass and then the
# PostgreSQL pass: two workers, whole modules each, each worker with its own Chromium. They spend
# about half their time waiting for a page to draw, time the other passes' workers fill. Those run
# at a lower priority (nice), so a page under test gets the CPU when it needs it and a keystroke or
# a chart is not starved. (All three passes at once was slower: the machine is busy throughout.)
logs=$(mktemp -d "${TMPDIR:-/tmp}/driftboard-tests.XXXXXX")
# The two SQLite runs seed their demo templates once between them (tests/conftest.py: made_once).
export DRIFTBOARD_TEST_TEMPLATES="$logs/templates"
mkdir -p "$DRIFTBOARD_TEST_TEMPLATES"
# Every Python process of the suite (pytest's workers, each app server and command it starts)
# compiles and pytest rewrites the test modules; with bytecode caching off (some machines set
# PYTHONDONTWRITEBYTECODE) that is done again in each, about 5 s of CPU a pytest process. The
# caches are __pycache__ folders, ignored by git.
unset PYTHONDONTWRITEBYTECODE
trap 'kill $(jobs -p) 2>/dev/null' INT TERM
began=$SECONDS
( code=0
  DRIFTBOARD_TEST_DB=sqlite .venv/bin/python -m pytest -n 2 --dist loadfile --browser-tests=only "$@" || code=$?
  echo "== exit code $code after $((SECONDS - began)) s"; exit "$code" ) >"$logs/browser.log" 2>&1 &
browser=$!
echo "== SQLite (the browser tests run beside this pass and the next: $logs/browser.log)"
code=0
DRIFTBOARD_TEST_DB=sqlite nice -n 10 .venv/bin/python -m pytest -n 2 --browser-tests=without "$@" || code=$?
record "$code"
echo "== SQLite done after $((SECONDS - began)) s"
echo "== PostgreSQL (browser tests run on SQLite only)"
code=0
DRIFTBOARD_TEST_DB=postgresql nice -n 10 .venv/bin/python -m pytest -n 2 --browser-tests=without "$@" || code=$?
record "$code"
echo "== PostgreSQL done after $((SECONDS - began)) s"
code=0
wait "$browser" || code=$?
record "$code"
echo "== Browser tests (SQLite)"
cat "$logs/browser.log"
rm -rf "$logs"  # the log is printed above; the templates (a few demo databases) go with it
exit "$status"
