"""Live through Monday 30.11.2026 with the demo unit: the moments the boards exist for.

The demo is generated as of that Monday (this week's plan published, nothing produced yet,
last week's KPI values entered) and the clock is pinned to each moment in turn with
``DRIFTBOARD_NOW``: 9:00 before anything is produced, 9:10 after the first entry, a sick call
at 9:15, the end of the day, the weekend before, and a new week without KPI values. Statuses
are asserted through the services and on the rendered pages, in English and Danish.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from db.engine import dispose_engines, get_engine
from driftboard import calendar, targets
from driftboard.domain import Actor, Period
from driftboard.services import goalboard, masterdata, operations_board, prioritisation, production
from driftboard.status import Status
from tests import databases
from tests.conftest import MONDAY, ROOT, TESTER

LEADER = Actor("Lone Winther")
MEMBER = Actor("Ida Rask")


def at(hour: int, minute: int = 0, day: dt.date = MONDAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


@pytest.fixture
def monday_url(monday_template_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = databases.copy_of(monday_template_url, tmp_path, "monday")
    monkeypatch.setenv("DRIFTBOARD_DATABASE_URL", url)
    monkeypatch.setenv("DRIFTBOARD_NOW", at(9).isoformat())
    monkeypatch.chdir(ROOT)
    yield url
    dispose_engines()
    databases.drop(url)


@pytest.fixture
def engine(monday_url: str):
    return get_engine(monday_url)


def _team(engine, slug: str = "home-coop"):
    return masterdata.find_team(slug, engine)


def _board(engine, moment: dt.datetime, slug: str = "home-coop"):
    return operations_board.load_board(_team(engine, slug).id, moment.date(), engine, now=moment).board


def _page(lang: str, moment: dt.datetime, monkeypatch, page: str = "pages/operations.py", team: str = "home-coop"):
    monkeypatch.setenv("DRIFTBOARD_NOW", moment.isoformat())
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["team"] = team
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def _team_badge(app: AppTest) -> str:
    return next(m.value for m in app.markdown if m.value.startswith("### :"))


# --------------------------------------------------------------------------- 9:00, nothing produced


def test_at_nine_with_a_published_plan_every_task_is_planned_and_not_started(engine):
    board = _board(engine, at(9))
    assert board.tasks and all(line.cell(MONDAY).planned > 0 for line in board.tasks)
    assert {line.status for line in board.tasks} == {Status.NOT_STARTED}
    assert board.status is Status.NOT_STARTED


@pytest.mark.parametrize(
    ("lang", "words", "never"),
    [("en", "On plan · not started", "Nothing planned"), ("da", "På plan · ikke startet", "Intet planlagt")],
)
def test_the_page_at_nine_says_not_started_beside_the_plan(monday_url, monkeypatch, lang, words, never):
    app = _page(lang, at(9), monkeypatch)
    assert words in _team_badge(app)
    page_text = " ".join(str(t.value.to_dict()) for t in app.table) + " ".join(m.value for m in app.markdown)
    assert never not in page_text


@pytest.mark.parametrize("lang", ["en", "da"])
def test_on_monday_the_board_shows_the_week_closed_on_friday(monday_url, monkeypatch, lang):
    app = _page(lang, at(9), monkeypatch)
    heading = "Last week (week 48)" if lang == "en" else "Sidste uge (uge 48)"
    assert any(heading in m.value for m in app.markdown)


# --------------------------------------------------------------------------- 9:10, the first entry


def test_a_first_entry_at_ten_past_nine_is_not_behind_against_the_whole_day(engine):
    team = _team(engine)
    line = _board(engine, at(9, 10)).tasks[0]
    planned = line.cell(MONDAY).planned
    production.record_production(MEMBER, team.id, MONDAY, {line.task.id: 5}, engine=engine)
    after = next(t for t in _board(engine, at(9, 10)).tasks if t.task.id == line.task.id)
    # 70 of 450 working minutes are gone: at most 16 % of the day's plan is due
    assert after.cum_planned == int(planned * 70 / 450)
    assert after.status is (Status.GREEN if after.cum_planned <= 5 else Status.RED)
    assert after.status is Status.GREEN or planned * 70 / 450 > 5


def test_the_page_after_the_first_entry_shows_the_task_on_plan(monday_url, engine, monkeypatch):
    team = _team(engine)
    line = _board(engine, at(9, 10)).tasks[0]
    production.record_production(MEMBER, team.id, MONDAY, {line.task.id: line.cell(MONDAY).planned // 4}, engine=engine)
    app = _page("da", at(9, 10), monkeypatch)
    table = next(t.value for t in app.table if "Opgave" in t.value.columns and "Status" in t.value.columns)
    row = table[table["Opgave"].str.contains(line.task.name.split()[0])].iloc[0]
    assert "På plan" in row["Status"]
    assert "Team" in _team_badge(app) and "bagud" not in _team_badge(app)


# --------------------------------------------------------------------------- 9:15, a sick call


def test_a_sick_call_frees_the_persons_hours_and_lowers_the_plan_without_turning_red(engine):
    team = _team(engine)
    before = _board(engine, at(9, 15))
    worker = next(r for r in before.roster if r.tasks and not r.absence)
    task_name = worker.tasks[0][0]
    planned_before = next(t for t in before.tasks if t.task.name == task_name).cell(MONDAY).planned
    prioritisation.mark_sick(LEADER, team.id, worker.person_id, MONDAY, note="called 8:55", engine=engine)
    after = _board(engine, at(9, 15))
    assert next(t for t in after.tasks if t.task.name == task_name).cell(MONDAY).planned < planned_before
    assert next(r for r in after.roster if r.person_id == worker.person_id).absence.kind == "sick"
    assert after.status is Status.NOT_STARTED  # a sick call is a plan change, not a red board


@pytest.mark.parametrize(("lang", "words"), [("en", "is sick; freed"), ("da", "er syg; frigivet")])
def test_the_sick_call_is_in_the_log_in_the_viewers_language(monday_url, engine, monkeypatch, lang, words):
    team = _team(engine)
    worker = next(r for r in _board(engine, at(9, 15)).roster if r.tasks and not r.absence)
    prioritisation.mark_sick(LEADER, team.id, worker.person_id, MONDAY, engine=engine)
    app = _page(lang, at(9, 20), monkeypatch)
    column = "What changed" if lang == "en" else "Hvad er ændret"
    log = next(t.value for t in app.table if column in t.value.columns)
    assert words in log.iloc[0][column]


# --------------------------------------------------------------------------- end of day


def test_at_the_end_of_the_day_short_production_is_behind_and_missing_is_not_registered(engine):
    team = _team(engine)
    first, second = _board(engine, at(9)).tasks[:2]
    production.record_production(
        MEMBER, team.id, MONDAY, {first.task.id: first.cell(MONDAY).planned // 2}, engine=engine
    )
    evening = {t.task.id: t for t in _board(engine, at(15, 45)).tasks}
    assert evening[first.task.id].status is Status.RED
    assert evening[first.task.id].cum_planned == first.cell(MONDAY).planned  # the whole day is due
    assert evening[second.task.id].status is Status.GREY
    assert _board(engine, at(15, 45)).status is Status.RED


def test_a_unit_that_judges_today_only_after_the_day_ends_is_not_started_until_then(engine):
    from db.engine import write_session
    from db.models import OrgUnit

    team = _team(engine)
    with write_session(TESTER, engine) as s:
        s.get(OrgUnit, team.unit_id).today_rule = "end_of_day"
    first = _board(engine, at(9)).tasks[0]
    production.record_production(MEMBER, team.id, MONDAY, {first.task.id: 1}, engine=engine)
    assert next(t for t in _board(engine, at(11)).tasks if t.task.id == first.task.id).status is Status.NOT_STARTED
    assert next(t for t in _board(engine, at(16)).tasks if t.task.id == first.task.id).status is Status.RED


# --------------------------------------------------------------------------- the weekend before


def test_on_sunday_the_board_shows_monday_with_nothing_due(monday_url, monkeypatch):
    sunday = at(18, day=MONDAY - dt.timedelta(days=1))
    assert calendar.board_day(sunday.date()) == MONDAY
    app = _page("en", sunday, monkeypatch)
    assert any("Mon 30.11" in m.value or "30.11" in m.value for m in app.markdown if m.value.startswith("## "))
    assert "On plan · not started" in _team_badge(app)
    entry = next(d for d in app.date_input if d.label == "Day")
    assert entry.value == MONDAY - dt.timedelta(days=3)  # production is entered for Friday, not Sunday


def test_a_future_board_day_does_not_crash_the_production_form(monday_url, monkeypatch):
    app = _page("en", at(9), monkeypatch)
    app.date_input(key="board_day").set_value(MONDAY + dt.timedelta(days=3)).run()
    assert not app.exception
    entry = next(d for d in app.date_input if d.label == "Day")
    assert entry.value == MONDAY  # never later than today


# --------------------------------------------------------------------------- the goal board


def test_a_new_week_without_kpi_values_is_not_registered_never_green(engine):
    unit = next(o for o in masterdata.units(engine))
    tiles = goalboard.goal_board(unit.id, calendar.week_start(MONDAY), engine)
    counts = targets.tally([t.verdict for t in tiles])
    assert counts.total > 0 and counts.not_registered == counts.total - sum(t.verdict.value == "none" for t in tiles)
    assert not counts.all_clear
    last_week = goalboard.goal_board(unit.id, targets.previous_period(MONDAY, Period.WEEK), engine)
    assert any(t.value is not None for t in last_week)  # the meeting reviews the week that ended


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_goal_board_at_nine_reviews_last_week(monday_url, monkeypatch, lang):
    app = _page(lang, at(9), monkeypatch, page="pages/goals.py")
    text = " ".join(m.value for m in app.markdown)
    assert ("week 48" if lang == "en" else "uge 48") in text
