"""The history expander below a form: the week plan, a measure's values and a production day
each show their own recent changes, in the viewer's language."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard import calendar, targets
from driftboard.domain import Actor, Period
from driftboard.services import masterdata, measures, org, plan_grid, production
from tests.conftest import DEMO_DAY, ROOT

BO = Actor("Bo Hansen")


def _page(script: str, lang: str, history_key: str, **params: str) -> AppTest:
    """The page with its history expander opened (opening it reruns the page)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in {**params, "lang": lang}.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(script).run()
    assert not at.exception, at.exception
    expander = next(e for e in at.expander if e.key == history_key)
    assert not expander.dataframe, "the history is read only when the expander is open"
    at.session_state[history_key] = True
    at.run()
    assert not at.exception, at.exception
    return at


def _history(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    """The table inside the expander called ``label``."""
    expander = next(e for e in at.expander if e.label == label)
    return expander.dataframe[0].value


def test_a_production_day_shows_who_changed_its_rows(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("car-consumer", engine)
    task = int(masterdata.tasks_frame(team.id, engine)["id"].iloc[0])
    production.record_production(BO, team.id, DEMO_DAY, {task: 71}, engine=engine)
    production.record_production(BO, team.id, DEMO_DAY, {task: 72}, engine=engine)

    first = _history(_page("pages/operations.py", "da", "history_production", team="car-consumer"), "Historik").iloc[0]
    assert first["Hvem"] == "Bo Hansen"
    assert first["Hvad"].startswith("Produktion · ")
    assert first["Ændring"] == "produceret: 71 → 72"


def test_the_week_plan_shows_who_changed_its_hours(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    monday = calendar.planning_week(DEMO_DAY)
    rows = plan_grid.grid_frame(team.id, monday, engine).to_dict("records")
    rows[0]["d4"] = 1.5
    plan_grid.save_grid(BO, team.id, monday, rows, seen_version=None, reason="Cover", engine=engine)

    table = _history(_page("pages/planning.py", "en", "history_plan", team="home-coop"), "History")
    assert table.iloc[0]["Who"] == "Bo Hansen"
    assert "1.5" in table.iloc[0]["Change"] or "1,5" in table.iloc[0]["Change"]


def test_a_measures_values_show_who_changed_them(demo_app, demo_url):
    engine = get_engine(demo_url)
    mortgage = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    last_week = targets.previous_period(DEMO_DAY, Period.WEEK)
    row = measures.values_frame(mortgage.id, last_week, engine).to_dict("records")[0]
    measures.save_values(BO, mortgage.id, [{**row, "value": 12345.0}], engine)

    first = _history(_page("pages/goals.py", "da", "history_measures", unit="mortgage"), "Historik").iloc[0]
    assert first["Hvem"] == "Bo Hansen"
    assert "12.345" in first["Ændring"]
