"""The week-planning page in AppTest: every button pressed, the database and the page checked."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard import calendar
from driftboard.domain import Actor
from driftboard.services import masterdata, operations_board, plan_grid
from tests.conftest import DEMO_DAY, ROOT
from tests.databases import Database

_LEADER = Actor("Lone Winther")

NEXT = calendar.week_start(DEMO_DAY) + dt.timedelta(weeks=1)


def _planning(team: str = "home-coop", lang: str = "en", week: dt.date | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = team
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/planning.py").run()
    if week is not None:
        at.date_input(key="plan_week").set_value(week).run()
    assert not at.exception, at.exception
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _plans(path, team_id: int, monday: dt.date) -> list[dict]:
    year, week, _ = monday.isocalendar()
    return list(
        Database(path).query(
            "select * from week_plans where team_id = ? and iso_year = ? and iso_week = ?", [team_id, year, week]
        )
    )


def test_on_a_wednesday_the_page_opens_on_this_week_and_from_thursday_on_the_next(demo_app, monkeypatch):
    at = _planning()
    assert at.date_input(key="plan_week").value == calendar.week_start(DEMO_DAY)
    monkeypatch.setenv("DRIFTBOARD_NOW", f"{(DEMO_DAY + dt.timedelta(days=1)).isoformat()}T09:00")
    assert _planning().date_input(key="plan_week").value == NEXT


def test_copy_last_week_makes_a_draft_of_the_plan_as_planned(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    at = _planning(week=NEXT)
    _button(at, "Copy last week's plan").click().run()
    assert not at.exception
    [plan] = _plans(demo_url, team.id, NEXT)
    assert plan["status"] == "draft"
    assert any("Copied" in s.value for s in at.toast)
    assert _button(at, "Publish")  # a draft can now be published
    grid = plan_grid.grid_frame(team.id, NEXT, engine)
    assert len(grid) > 0


def test_copy_when_the_week_has_a_plan_is_not_offered_and_the_service_names_who_made_it(demo_app):
    at = _planning(week=DEMO_DAY)
    assert not any(b.label == "Copy last week's plan" for b in at.button)


def test_publishing_a_draft_makes_it_the_boards_plan(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    at = _planning(week=NEXT)
    _button(at, "Copy last week's plan").click().run()
    _button(at, "Publish").click().run()
    assert not at.exception
    assert _plans(demo_url, team.id, NEXT)[0]["status"] == "published"
    assert operations_board.load_board(team.id, NEXT, engine).plan_status.value == "published"


EMPTY_EDIT = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def test_an_absence_saved_on_the_page_takes_the_hours_off_the_published_plan(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    board = operations_board.load_board(team.id, DEMO_DAY, engine).board
    worker = next(r for r in board.roster if r.tasks and not r.absence)
    at = _planning()
    monday = calendar.week_start(DEMO_DAY).isoformat()
    added = {"person": worker.name, "date": DEMO_DAY.isoformat(), "kind": "training", "hours": 7.5}
    at.session_state[f"absences_{team.id}_{monday}_editor_0"] = {**EMPTY_EDIT, "added_rows": [added]}
    at.run()
    _button(at, "Save absences").click().run()
    assert not at.exception
    assert any("taken off the plan" in s.value for s in at.toast)
    after = operations_board.load_board(team.id, DEMO_DAY, engine)
    assert next(r for r in after.board.roster if r.person_id == worker.person_id).tasks == ()
    assert after.changes[0].params["event"] == "absence"


def test_a_day_planned_beyond_capacity_is_flagged_on_the_page(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    task = masterdata.tasks_frame(team.id, engine).iloc[0]["name"]
    people = masterdata.people_frame(team.id, engine)["name"]
    rows = [{"person": name, "task": task, "d0": 12.0} for name in people]
    plan_grid.save_grid(_LEADER, team.id, NEXT, rows, seen_version=None, engine=engine)
    at = _planning(week=NEXT)
    capacity = next(t.value for t in at.table if "Capacity (h)" in t.value.columns)
    assert "Over capacity" in capacity.iloc[0]["Status"] and "Within capacity" in capacity.iloc[1]["Status"]
    assert any("planned but only" in w.value for w in at.warning)


def test_saving_the_grid_unchanged_says_no_changes(demo_app):
    at = _planning()
    _button(at, "Save plan").click().run()
    assert not at.exception
    assert any("No changes to save" in i.value for i in at.info)
