"""The boards at the size of a large organisation: long lists are shown a page at a time, and
the charts drawn from one shared spec carry each tile's or task's own title and data."""

from __future__ import annotations

import datetime as dt
import json

from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard.domain import ActionStatus, Actor
from driftboard.services import actions, goalboard, org
from tests.conftest import DEMO_DAY, ROOT
from tests.databases import Database

LEADER = Actor("tester")


def _goals(unit: str = "mortgage") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["unit"] = unit
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/goals.py").run()
    assert not at.exception, at.exception
    return at


def _charts(at: AppTest) -> list:
    def walk(node):  # type: ignore[no-untyped-def]
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)

    return [e for e in walk(at.main) if getattr(e, "type", "") == "vega_lite_chart"]


def test_the_goal_board_lists_25_actions_and_shows_more_on_request(demo_app, demo_url):
    engine = get_engine(demo_url)
    mortgage = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    measure_id = goalboard.goal_board(mortgage.id, None, engine)[0].contributors[0].measure_id
    for i in range(30):
        actions.add_action(
            LEADER,
            measure_id,
            text=f"Closed action {i:02d}",
            owner="Ida",
            due_date=DEMO_DAY - dt.timedelta(days=40 + i),
            status=ActionStatus.DONE,
            engine=engine,
        )
    total = len(actions.actions_for(mortgage.id, DEMO_DAY, engine))
    at = _goals()
    table = at.table[-1].value
    assert len(table) == 25
    assert any(f"Showing 25 of {total} actions" in c.value for c in at.caption)
    at.button(key="actions_more").click().run()
    assert not at.exception
    assert len(at.table[-1].value) == min(50, total)
    assert "Closed action 29" in " ".join(at.table[-1].value.iloc[:, 1])  # the oldest closed one, last


def test_each_goal_chart_has_its_tiles_title_and_values(demo_app, demo_url):
    engine = get_engine(demo_url)
    mortgage = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    tiles = [t for t in goalboard.goal_board(mortgage.id, None, engine) if any(p.value is not None for p in t.series)]
    charts = _charts(_goals())
    assert [json.loads(c.proto.spec)["title"]["text"] for c in charts] == [t.name for t in tiles]
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        assert {d.name for d in chart.proto.datasets} >= {"actual", "now"}
        assert all(layer["data"]["name"] in {d.name for d in chart.proto.datasets} for layer in spec["layer"])


def test_each_task_chart_on_the_operations_board_has_its_tasks_title(demo_app, demo_url):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = "mortgage"
    at.query_params["lang"] = "da"
    at.run()
    at.switch_page("pages/operations.py").run()
    assert not at.exception
    tasks = {
        row["name"]
        for row in Database(demo_url).query(
            "select t.name from tasks t join org_units o on o.id = t.team_id where o.slug = 'mortgage' and t.active"
        )
    }
    charts = _charts(at)
    assert {json.loads(c.proto.spec)["title"]["text"] for c in charts} == tasks
    assert len(charts) == len(tasks)
    for chart in charts:
        assert json.loads(chart.proto.spec)["data"] == {"name": "rows"}
        assert [d.name for d in chart.proto.datasets] == ["rows"]


def _people_searches(engine, slug: str, day: dt.date) -> tuple[list[str], object]:  # type: ignore[no-untyped-def]
    """The statements that look for helpers among the unit's people, and the board."""
    from driftboard.services import masterdata, operations_board
    from tests.databases import statements

    team = masterdata.find_team(slug, engine)
    with statements(engine) as sent:
        view = operations_board.load_board(team.id, day, engine=engine, now=dt.datetime.combine(day, dt.time(10)))
    return [s for s in sent if "FROM people" in s and "competences.level IN" in s], view


def test_the_unit_is_searched_for_helpers_only_when_a_task_is_short(demo_engine):
    # No task of the contact team is short today: a unit of 50 teams is not searched at all.
    searched, view = _people_searches(demo_engine, "contact-follow-up", DEMO_DAY)
    assert not view.board.warnings and not searched
    # The mortgage team is short on two tasks: one search, for competent people of those tasks.
    searched, view = _people_searches(demo_engine, "mortgage", DEMO_DAY)
    assert len(view.board.warnings) == 2 and len(searched) == 1
    overtime = [step for w in view.board.warnings for step in w.steps if step.key == "overtime"]
    assert all(step.candidates for step in overtime)
    assert all(c.level in ("competent", "expert") for step in overtime for c in step.candidates)


def test_entering_values_reads_only_the_two_periods_it_shows(demo_engine):
    """The value grid shows this period and the one before; a measure with years of history
    must not load them all (on the 500-team database that was 30 of a page run's 100 ms)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from db.models import MeasureValue
    from driftboard import targets
    from driftboard.domain import Period
    from driftboard.services import measures

    mortgage = next(n for n in org.org_tree(demo_engine) if n.slug == "mortgage")
    period = targets.previous_period(DEMO_DAY, Period.WEEK)
    loaded: list[MeasureValue] = []

    def count(_session, instance) -> None:  # type: ignore[no-untyped-def]
        if isinstance(instance, MeasureValue):
            loaded.append(instance)

    event.listen(Session, "loaded_as_persistent", count)
    try:
        frame = measures.values_frame(mortgage.id, period, demo_engine)
    finally:
        event.remove(Session, "loaded_as_persistent", count)
    from tests.databases import query

    stored = query(
        demo_engine,
        "SELECT count(*) n FROM measure_values v JOIN measures m ON m.id = v.measure_id WHERE m.org_unit_id = ?",
        mortgage.id,
    )[0]["n"]
    assert stored > 4 * len(frame)  # the demo's measures have a year of weekly values ...
    assert 0 < len(loaded) <= 2 * len(frame)  # ... of which two periods are read
    assert frame["value"].notna().any() and frame["previous"].notna().any()
