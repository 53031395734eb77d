"""``python -m driftboard migrate-data``: a whole installation from SQLite to PostgreSQL and
back, verified per table, and the app reads the copy.

Runs in both passes: on SQLite the round trip is SQLite → PostgreSQL → SQLite (a PostgreSQL
server is started for it, ``tests/pg_on_demand.py``), on PostgreSQL it is PostgreSQL → SQLite →
PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.engine import dispose_engines, get_engine
from db.transfer import copy_installation, normalise, verify
from driftboard.domain import DomainError
from driftboard.services import operations_board, production
from tests import databases, pg_on_demand
from tests.conftest import DEMO_DAY, DEMO_NOW, ROOT, TESTER


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "driftboard", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )


@pytest.fixture
def other_url(tmp_path: Path):  # type: ignore[no-untyped-def]
    """An empty database on the other kind of server than the demo's."""
    if databases.is_postgres():
        yield f"sqlite:///{tmp_path / 'copy.db'}"
        return
    url = pg_on_demand.new_database("copy")
    yield url
    pg_on_demand.drop_database(url)


@pytest.fixture
def back_url(tmp_path: Path):  # type: ignore[no-untyped-def]
    """An empty database of the demo's own kind, for the way back."""
    url = databases.new_url(tmp_path, "back")
    yield url
    databases.drop(url)


def _team_id(engine) -> int:  # type: ignore[no-untyped-def]
    return databases.value(engine, "select id from org_units where slug = 'mortgage'")


def _roster(board) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(repr(replace(line, tasks=tuple(sorted(line.tasks)))) for line in board.roster)


def test_round_trip_to_the_other_database_and_back_keeps_every_row_and_the_app_reads_the_copy(
    demo_url, other_url, back_url
):
    source = get_engine(demo_url)
    there = cli("migrate-data", "--from", demo_url, "--to", other_url)
    assert there.returncode == 0, there.stderr
    assert "MISMATCH" not in there.stdout and "all verified" in there.stdout
    back = cli("migrate-data", "--from", other_url, "--to", back_url)
    assert back.returncode == 0, back.stderr
    lines = {line.split()[0]: line.split() for line in there.stdout.splitlines()[1:-1]}
    assert int(lines["audit_log"][1]) > 1000 and int(lines["org_units"][1]) == 7

    copy, returned = get_engine(other_url), get_engine(back_url)
    checks = verify(source, returned)
    assert checks and all(c.ok for c in checks), [c for c in checks if not c.ok]
    assert {c.table: c.source_sum for c in checks} == {c.table: c.target_sum for c in verify(source, copy)}
    stamp = "select value from change_stamp where id = 1"
    # JSON null and SQL NULL stay apart (both read as None, so the checksum alone cannot tell).
    nulls = (
        "select (select count(*) from org_units where slug_aliases is null)"
        " + 100 * (select count(*) from measures where cast(target_profile as text) = 'null')"
    )
    assert databases.value(source, nulls) == databases.value(copy, nulls) == databases.value(returned, nulls) > 100
    assert databases.value(source, stamp) == databases.value(copy, stamp) == databases.value(returned, stamp)

    # The app reads the copy as it read the original: the same operations board.
    team = _team_id(source)
    original = operations_board.load_board(team, DEMO_DAY, source, now=DEMO_NOW)
    copied = operations_board.load_board(team, DEMO_DAY, copy, now=DEMO_NOW)
    # (the roster's order is the database's row order, which differs between the two kinds)
    assert replace(copied.board, roster=()) == replace(original.board, roster=())
    assert _roster(copied.board) == _roster(original.board)
    # And writes to it: ids continue after the copied ones (PostgreSQL's sequences were reset).
    before = databases.value(copy, "select max(id) from audit_log")
    task = databases.value(copy, "select id from tasks where team_id = ? order by id", team)
    production.record_production(TESTER, team, DEMO_DAY, {task: 41}, engine=copy)
    assert databases.value(copy, "select max(id) from audit_log") > before


def test_a_target_holding_data_is_replaced_only_with_replace_after_a_backup(demo_url, other_url, tmp_path):
    assert cli("migrate-data", "--from", demo_url, "--to", other_url).returncode == 0
    again = cli("migrate-data", "--from", demo_url, "--to", other_url)
    assert again.returncode == 1 and again.stderr.strip().count("\n") == 0
    assert "holds data; add --replace" in again.stderr
    kept = tmp_path / "kept"
    replaced = cli("migrate-data", "--from", demo_url, "--to", other_url, "--replace", "--backup-dir", str(kept))
    assert replaced.returncode == 0, replaced.stderr
    assert "Backed up the replaced data" in replaced.stdout and len(list(kept.iterdir())) == 1
    # Screens watching the replaced database see a newer stamp, never an older one.
    source_stamp = databases.value(get_engine(demo_url), "select max(value) from change_stamp")
    assert databases.value(get_engine(other_url), "select min(value) from change_stamp") > source_stamp


def test_the_same_database_and_an_unmigrated_source_are_refused(demo_url, tmp_path):
    with pytest.raises(DomainError, match="same database"):
        copy_installation(get_engine(demo_url), get_engine(demo_url))
    empty = f"sqlite:///{tmp_path / 'nothing.db'}"
    refused = cli("migrate-data", "--from", empty, "--to", f"sqlite:///{tmp_path / 'b.db'}")
    assert refused.returncode == 1 and "run init-db on it first" in refused.stderr


def test_a_bad_url_or_password_is_one_line_naming_the_side_without_the_password(demo_url, other_url):
    bad = cli("migrate-data", "--from", demo_url, "--to", "nosuchdriver://x@y/z")
    assert bad.returncode == 1 and bad.stderr.strip().count("\n") == 0
    assert bad.stderr.startswith("error: target: the database URL is not valid")
    pg = other_url if other_url.startswith("postgresql") else demo_url
    wrong = make_url(pg).set(password="wrong-secret-123").render_as_string(hide_password=False)
    refused = cli("migrate-data", "--from", wrong, "--to", "sqlite:///unused.db")
    assert refused.returncode == 1 and refused.stderr.strip().count("\n") == 0, refused.stderr
    assert "error: source: cannot open the database" in refused.stderr and "password" in refused.stderr
    assert "wrong-secret-123" not in refused.stderr + refused.stdout
    assert not (ROOT / "unused.db").exists()


def test_a_changed_row_is_a_mismatch(demo_url, other_url):
    source, target = get_engine(demo_url), get_engine(other_url)
    assert copy_installation(source, target).ok
    engine = create_engine(other_url)
    with engine.begin() as conn:
        conn.execute(text("update production set produced = produced + 1 where id = (select min(id) from production)"))
    engine.dispose()
    dispose_engines()
    bad = [c.table for c in verify(get_engine(demo_url), get_engine(other_url)) if not c.ok]
    assert bad == ["production"]


def test_values_are_normalised_so_both_databases_agree():
    import datetime as dt

    assert normalise(dt.datetime(2026, 11, 25, 10, 0)) == "2026-11-25 10:00:00.000000"
    assert normalise(dt.datetime(2026, 11, 25, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))) == normalise(
        dt.datetime(2026, 11, 25, 10, 0)
    )
    assert normalise(7.0) == normalise(7) == 7 and normalise(0.1) == "0.1"
    assert normalise({"b": 1, "a": [1, 2]}) == normalise({"a": [1, 2], "b": 1})
    assert normalise(dt.date(2026, 11, 25)) == "2026-11-25"
