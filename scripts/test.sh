#!/usr/bin/env bash
# Set up and run the whole test suite: lint, format check and pytest (extra pytest arguments
# are passed on, e.g. `bash scripts/test.sh -k planning`).
source "$(dirname "$0")/_venv.sh"
ensure_venv requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest -n 2 "$@"
