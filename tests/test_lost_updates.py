"""No lost updates: production and measure values follow the cards' conflict rule, and the pages
send only the cells the person changed, each with the version its render showed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import get_engine, read_session
from db.models import Action, Measure, MeasureValue, Production
from driftboard import targets
from driftboard.domain import ActionStatus, Actor, ConflictError, Period
from driftboard.services import actions, masterdata, measures, production
from tests.conftest import DEMO_DAY
from tests.test_app_goals import _board as _goals
from tests.test_app_operations import _board, _button

LONE = Actor("Lone Winther")
BO = Actor("Bo Hansen")


def _two_tasks(engine) -> tuple[int, int, int]:
    team = masterdata.find_team("car-consumer", engine)
    tasks = masterdata.tasks_frame(team.id, engine)
    return team.id, int(tasks["id"].iloc[0]), int(tasks["id"].iloc[1])


def _produced(engine, task_id: int, day: dt.date) -> int | None:
    with read_session(engine) as s:
        return s.scalar(select(Production.produced).where(Production.task_id == task_id, Production.date == day))


# --------------------------------------------------------------------------- services


def test_a_production_value_someone_changed_since_it_was_seen_is_refused_with_who_when_and_now(demo_engine):
    team_id, task, _ = _two_tasks(demo_engine)
    seen = production.day_values(team_id, DEMO_DAY, demo_engine).get(task)
    production.record_production(BO, team_id, DEMO_DAY, {task: 77}, engine=demo_engine)
    with pytest.raises(ConflictError) as refused:
        production.record_production(
            LONE, team_id, DEMO_DAY, {task: 12}, seen={task: seen.version if seen else None}, engine=demo_engine
        )
    assert refused.value.changed_by == "Bo Hansen"
    assert refused.value.changed_at is not None
    assert refused.value.current == "77"
    assert _produced(demo_engine, task, DEMO_DAY) == 77


def test_a_production_cell_that_was_empty_when_seen_and_is_filled_since_is_refused(demo_engine):
    team_id, task, _ = _two_tasks(demo_engine)
    day = DEMO_DAY + dt.timedelta(days=1)
    assert task not in production.day_values(team_id, day, demo_engine)
    production.record_production(BO, team_id, day, {task: 5}, engine=demo_engine)
    with pytest.raises(ConflictError):
        production.record_production(LONE, team_id, day, {task: 6}, seen={task: None}, engine=demo_engine)
    assert _produced(demo_engine, task, day) == 5


def test_without_a_seen_version_production_is_last_write_wins_as_imports_need(demo_engine):
    team_id, task, _ = _two_tasks(demo_engine)
    production.record_production(BO, team_id, DEMO_DAY, {task: 77}, engine=demo_engine)
    production.record_production(LONE, team_id, DEMO_DAY, {task: 12}, engine=demo_engine)
    assert _produced(demo_engine, task, DEMO_DAY) == 12


def _value_row(engine) -> tuple[int, dict]:
    with read_session(engine) as s:
        measure = s.scalars(select(Measure).where(Measure.active, Measure.period == Period.WEEK)).first()
        org_id = measure.org_unit_id
    period = targets.previous_period(DEMO_DAY, Period.WEEK)
    frame = measures.values_frame(org_id, period, engine)
    row = frame[frame["measure_id"] == measure.id].iloc[0].to_dict()
    return org_id, row


def test_a_measure_value_someone_changed_since_it_was_seen_is_refused(demo_engine):
    org_id, row = _value_row(demo_engine)
    measures.save_values(BO, org_id, [{**row, "value": 41.0}], demo_engine)
    with pytest.raises(ConflictError) as refused:
        measures.save_values(LONE, org_id, [{**row, "value": 42.0}], demo_engine)  # the version seen before
    assert refused.value.changed_by == "Bo Hansen"
    assert refused.value.current == "41"
    with read_session(demo_engine) as s:
        assert s.scalar(select(MeasureValue.value).where(MeasureValue.measure_id == row["measure_id"])) is not None


def test_an_unchanged_measure_row_is_not_checked_and_not_written(demo_engine):
    org_id, row = _value_row(demo_engine)
    measures.save_values(BO, org_id, [{**row, "value": 41.0}], demo_engine)
    fresh = measures.values_frame(org_id, row["period_start"], demo_engine)
    current = fresh[fresh["measure_id"] == row["measure_id"]].iloc[0].to_dict()
    assert measures.save_values(LONE, org_id, [{**current, "version": row["version"]}], demo_engine) == 0


# --------------------------------------------------------------------------- pages


def test_the_production_form_sends_only_the_cells_the_person_changed(demo_app, demo_url):
    engine = get_engine(demo_url)
    team_id, first, second = _two_tasks(engine)
    a = _board()  # person A's page, not reloaded
    production.record_production(BO, team_id, DEMO_DAY, {first: 77}, engine=engine)  # person B
    a.text_input(key=f"produced_{second}").set_value("9")
    _button(a, "Save production").click().run()
    assert not a.exception
    assert _produced(engine, first, DEMO_DAY) == 77
    assert _produced(engine, second, DEMO_DAY) == 9


def test_the_production_form_refuses_a_cell_someone_changed_after_the_page_showed_it(demo_app, demo_url):
    engine = get_engine(demo_url)
    team_id, first, _ = _two_tasks(engine)
    a = _board()
    production.record_production(BO, team_id, DEMO_DAY, {first: 77}, engine=engine)
    a.text_input(key=f"produced_{first}").set_value("3")
    _button(a, "Save production").click().run()
    assert any("Bo Hansen" in e.value and "77" in e.value for e in a.error)
    assert _produced(engine, first, DEMO_DAY) == 77


def test_following_up_an_action_someone_closed_after_the_page_showed_it_is_refused(demo_app, demo_url):
    engine = get_engine(demo_url)
    at = _goals()
    action_id = at.selectbox(key="follow_action").value
    with read_session(engine) as s:
        version = s.get(Action, action_id).version
    actions.set_action_status(BO, action_id, ActionStatus.CANCELLED, seen_version=version, engine=engine)
    next(b for b in at.button if b.key == "action_done").click().run()
    assert any("Bo Hansen" in e.value for e in at.error)
    with read_session(engine) as s:
        assert s.get(Action, action_id).status is ActionStatus.CANCELLED
