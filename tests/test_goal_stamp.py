"""The goal boards' own change stamp: a write that touched only the day's operations (production,
the week plan) leaves it, so the goal boards' cached roll-ups survive the stream of saves they
do not show; a measure's value or an action moves it, and the goal board shows the change."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from db.maintenance import stamps
from driftboard import calendar, targets
from driftboard.domain import Actor, Period
from driftboard.services import actions, masterdata, measures, org, plan_grid, production
from tests.conftest import DEMO_DAY, ROOT
from tests.databases import statements

BO = Actor("Bo Hansen")
LAST_WEEK = targets.previous_period(DEMO_DAY, Period.WEEK)


def _moved(engine, write) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    """Whether ``write`` moved the data stamp and the goal stamp."""
    data, goal, _master = stamps(engine)
    write()
    after_data, after_goal, _master = stamps(engine)
    return after_data > data, after_goal > goal


def test_operations_writes_leave_the_goal_stamp_and_goal_writes_move_it(demo_engine):
    team = masterdata.find_team("car-consumer", demo_engine)
    task = int(masterdata.tasks_frame(team.id, demo_engine)["id"].iloc[0])
    mortgage = next(n for n in org.org_tree(demo_engine) if n.slug == "mortgage")
    row = measures.values_frame(mortgage.id, LAST_WEEK, demo_engine).to_dict("records")[0]
    monday = calendar.planning_week(DEMO_DAY)
    grid = plan_grid.grid_frame(team.id, monday, demo_engine).to_dict("records")
    grid[0]["d4"] = 1.5

    record = lambda: production.record_production(BO, team.id, DEMO_DAY, {task: 77}, engine=demo_engine)  # noqa: E731
    plan = lambda: plan_grid.save_grid(BO, team.id, monday, grid, seen_version=None, reason="x", engine=demo_engine)  # noqa: E731
    value = lambda: measures.save_values(BO, mortgage.id, [{**row, "value": 4321.0}], demo_engine)  # noqa: E731
    action = lambda: actions.add_action(  # noqa: E731
        BO, int(row["measure_id"]), text="Call the bank", owner="Bo", due_date=DEMO_DAY + dt.timedelta(days=7),
        engine=demo_engine,
    )  # fmt: skip

    assert _moved(demo_engine, record) == (True, False)
    assert _moved(demo_engine, plan) == (True, False)
    assert _moved(demo_engine, value) == (True, True)
    assert _moved(demo_engine, action) == (True, True)


def test_the_goal_board_is_not_rolled_up_again_after_a_production_save_but_is_after_a_value(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("car-consumer", engine)
    task = int(masterdata.tasks_frame(team.id, engine)["id"].iloc[0])
    mortgage = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    row = measures.values_frame(mortgage.id, LAST_WEEK, engine).to_dict("records")[0]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["unit"] = "mortgage"
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/goals.py").run()
    assert not at.exception, at.exception

    with statements(engine) as sent:
        production.record_production(BO, team.id, DEMO_DAY, {task: 81}, engine=engine)
        sent.clear()
        at.run()
        assert not at.exception, at.exception
        assert not [s for s in sent if "FROM measure_values" in s and "BETWEEN" in s], "the roll-up came from the cache"

        measures.save_values(BO, mortgage.id, [{**row, "value": 4321.0}], engine)
        sent.clear()
        at.run()
        assert not at.exception, at.exception
        assert [s for s in sent if "FROM measure_values" in s and "BETWEEN" in s], (
            "a new value: the board is rolled up again"
        )
