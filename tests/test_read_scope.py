"""One read transaction per page run (``read_scope``): the services' reads share it, shared
lookups are made once, and a write inside it is seen by every read after it. Also the number
of SQL statements a board's run sends, on the demo (issue #13: at most 30)."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from db.engine import get_engine, read_scope, read_session
from driftboard.domain import Actor
from driftboard.services import masterdata, operations_board, org, production, unit_setup
from tests.conftest import DEMO_DAY, ROOT, TESTER
from tests.databases import statements

BO = Actor("Bo Hansen")


def _begins(sent: list[str]) -> int:
    return sum(1 for s in sent if s.upper().startswith("BEGIN"))


def test_reads_in_a_scope_share_one_session_and_outside_it_do_not(demo_engine):
    with read_scope(demo_engine):
        with read_session(demo_engine) as first, read_session(demo_engine) as second:
            assert first is second
        with read_scope(demo_engine), read_session(demo_engine) as nested:  # a nested scope joins
            assert nested is first
    with read_session(demo_engine) as a, read_session(demo_engine) as b:
        assert a is not b


def test_a_board_read_in_a_scope_begins_once_and_asks_for_the_ancestry_once(demo_engine):
    team = masterdata.find_team("car-consumer", demo_engine)
    with statements(demo_engine) as alone:
        operations_board.load_board(team.id, DEMO_DAY, demo_engine)
        operations_board.refresh_seconds(team.id, demo_engine)
    with statements(demo_engine) as shared, read_scope(demo_engine):
        operations_board.load_board(team.id, DEMO_DAY, demo_engine)
        operations_board.refresh_seconds(team.id, demo_engine)
    recursive_up = [s for s in shared if s.startswith("WITH RECURSIVE up")]
    assert len(recursive_up) == 1
    assert len([s for s in alone if s.startswith("WITH RECURSIVE up")]) == 2
    if demo_engine.dialect.name == "sqlite":  # psycopg sends BEGIN itself, not as a statement
        assert _begins(shared) == 1 < _begins(alone)
    assert len(shared) < len(alone)


def test_a_write_inside_the_scope_is_seen_by_the_reads_after_it(demo_engine):
    team = masterdata.find_team("car-consumer", demo_engine)
    with read_scope(demo_engine):
        before = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
        line = before.board.tasks[0]
        old = line.cell(DEMO_DAY).produced or 0
        production.record_production(BO, team.id, DEMO_DAY, {line.task.id: old + 17}, engine=demo_engine)
        after = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
        assert after.board.tasks[0].cell(DEMO_DAY).produced == old + 17
        assert after.board.tasks[0].cum_produced == line.cum_produced + 17
        # What was read before the write stays as it was read, and readable.
        assert before.board.tasks[0].cum_produced == line.cum_produced
        assert before.tasks[0].name == line.task.name


def test_a_memo_is_forgotten_when_a_write_commits(demo_engine):
    team = masterdata.find_team("car-consumer", demo_engine)
    with read_scope(demo_engine):
        with read_session(demo_engine) as s:
            chain = org.ancestry(s, team.id)
        unit_setup.rename_org_unit(TESTER, team.id, "Bil · forbruger", engine=demo_engine)
        with read_session(demo_engine) as s:
            assert org.ancestry(s, team.id)[0].name == "Bil · forbruger"
        assert chain[0].name != "Bil · forbruger"


def _page_statements(url: str, script: str, **params: str) -> int:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in {**params, "lang": "en"}.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(script).run()
    assert not at.exception, at.exception
    with statements(get_engine(url)) as sent:
        at.run()
    assert not at.exception, at.exception
    return len(sent)


@pytest.mark.parametrize("script", ["pages/operations.py", "pages/planning.py"])
def test_a_board_run_sends_at_most_30_statements(demo_app, demo_url, script):
    assert _page_statements(demo_url, script, team="car-consumer") <= 30


@pytest.mark.parametrize("offset", range(-2, 6), ids=["mon", "tue", "wed", "thu", "fri", "sat", "sun", "next-mon"])
def test_the_operations_board_sends_at_most_30_statements_on_every_day_of_the_week(
    demo_app, demo_url, monkeypatch, offset
):
    """A Monday also shows last week's result: it was 40 statements (a second full board)."""
    day = DEMO_DAY + dt.timedelta(days=offset)
    monkeypatch.setenv("DRIFTBOARD_NOW", dt.datetime.combine(day, dt.time(9, 0)).isoformat())
    assert _page_statements(demo_url, "pages/operations.py", team="car-consumer") <= 30
