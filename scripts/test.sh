#!/usr/bin/env bash
# Set up and run the whole test suite: lint, format check and pytest, browser tests included
# (extra pytest arguments are passed on, e.g. `bash scripts/test.sh -k planning`).
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
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest -n 2 "$@"
