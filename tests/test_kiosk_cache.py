"""Screens of one team share one board load until something is written."""

from __future__ import annotations

from sqlalchemy import event

from db.engine import get_engine
from driftboard.domain import Actor
from driftboard.services import masterdata, production
from driftboard.ui import kiosk
from tests.conftest import DEMO_DAY


def _count_queries(engine):
    counter = {"n": 0}

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_args):  # type: ignore[no-untyped-def]
        counter["n"] += 1

    return counter


def test_fifty_screens_of_a_team_cost_one_board_load(demo_app, demo_url, monkeypatch):
    monkeypatch.setenv("DRIFTBOARD_NOW", f"{DEMO_DAY.isoformat()}T10:00")  # the minute does not turn
    engine = get_engine(demo_url)
    team = masterdata.find_team("mortgage", engine)
    kiosk._board.clear()
    kiosk._stamps.clear()
    counter = _count_queries(engine)
    first = kiosk.operations_board(team.id, DEMO_DAY)
    one_load = counter["n"]
    for _ in range(49):
        assert kiosk.operations_board(team.id, DEMO_DAY) == first
    assert counter["n"] == one_load  # 49 more screens: no query at all

    production.record_production(Actor("core system"), team.id, DEMO_DAY, {first.tasks[0].id: 5}, engine=engine)
    kiosk._stamps.clear()  # the change stamp is re-read at most every 2 s; skip the wait here
    after = kiosk.operations_board(team.id, DEMO_DAY)
    assert after.board.tasks[0].cell(DEMO_DAY).produced == 5
