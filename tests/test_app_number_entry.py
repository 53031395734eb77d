"""Every number as meant (issue #22), in AppTest: the one number entry reads what a person types
in the page's language and saves nothing it refuses; a field that shows a stored value starts
empty, so typing replaces the value; a number far outside the plausible is asked about first,
and "Save anyway" saves it. Each check reads the database afterwards."""

from __future__ import annotations

import datetime as dt
import io

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db.engine import get_engine, read_session
from db.models import (
    HoldingsSnapshot,
    Intake,
    Measure,
    MeasureValue,
    OrgUnit,
    PlanChange,
    PlanningFactors,
    Production,
    Task,
)
from driftboard import targets
from driftboard.domain import Actor, Period
from driftboard.i18n import t
from driftboard.services import measures, operations_board, org, production
from tests.apptest_pages import open_page
from tests.conftest import DEMO_DAY, ROOT

BO = Actor("Bo Hansen")
LAST_WEEK = targets.previous_period(DEMO_DAY, Period.WEEK)


_page = open_page


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def _unit(engine) -> OrgUnit:
    with read_session(engine) as s:
        return s.scalar(select(OrgUnit).where(OrgUnit.slug == "loan-service"))


def _reserve(engine, org_id: int) -> float | None:
    with read_session(engine) as s:
        return s.scalar(select(PlanningFactors.development_reserve_pct).where(PlanningFactors.org_unit_id == org_id))


def _task(engine, slug: str) -> Task:
    with read_session(engine) as s:
        return s.scalar(select(Task).where(Task.slug == slug))


def _produced(engine, task_id: int, day: dt.date = DEMO_DAY) -> int | None:
    with read_session(engine) as s:
        return s.scalar(select(Production.produced).where(Production.task_id == task_id, Production.date == day))


# --------------------------------------------------------------------------- settings: the decimal comma


def _settings(lang: str = "da") -> AppTest:
    return _page("pages/unit_settings.py", lang, admin_unlocked=True)  # open mode: settings need the admin token


def test_7_5_typed_into_the_danish_development_reserve_is_stored_as_7_5_and_shown_as_7_5(demo_app, demo_url):
    engine = get_engine(demo_url)
    unit = _unit(engine)
    at = _settings()
    at.selectbox(key="settings_org").set_value(unit.id).run()
    field = at.text_input(key=f"factor_{unit.id}_development_reserve_pct")
    assert (field.value, field.placeholder) == ("", "nu: 10")  # the stored value beside an empty field
    field.set_value("7,5")
    _button(at, t("set.save_factors", "da")).click().run()
    assert not at.exception and not at.error, _errors(at)
    assert _reserve(engine, unit.id) == 7.5
    field = at.text_input(key=f"factor_{unit.id}_development_reserve_pct")
    assert (field.value, field.placeholder) == ("", "nu: 7,5")


def test_an_ambiguous_1_234_is_refused_with_both_readings_and_nothing_saved(demo_app, demo_url):
    engine = get_engine(demo_url)
    unit = _unit(engine)
    at = _settings()
    at.selectbox(key="settings_org").set_value(unit.id).run()
    at.text_input(key=f"factor_{unit.id}_overtime_cap_hours_per_week").set_value("1.234")
    _button(at, t("set.save_factors", "da")).click().run()
    assert _errors(at) == [
        f"{t('col.overtime_cap_hours_per_week', 'da')}: “1.234” kan læses på to måder: "
        "skriv 1234 for et helt tal eller 1,234 for et decimaltal."
    ]
    with read_session(engine) as s:
        assert (
            s.scalar(select(PlanningFactors.overtime_cap_hours_per_week).where(PlanningFactors.org_unit_id == unit.id))
            == 2
        )


def test_a_value_outside_the_range_is_refused_with_the_range_and_garbage_names_the_field(demo_app, demo_url):
    engine = get_engine(demo_url)
    unit = _unit(engine)
    at = _settings()
    at.selectbox(key="settings_org").set_value(unit.id).run()
    at.text_input(key=f"factor_{unit.id}_development_reserve_pct").set_value("150")
    at.text_input(key=f"factor_{unit.id}_daily_hours").set_value("syv")
    _button(at, t("set.save_factors", "da")).click().run()
    reserve, daily = t("col.development_reserve_pct", "da"), t("col.daily_hours", "da")
    assert _errors(at) == [
        f"{daily}: “syv” er ikke et tal: brug “,” foran decimalerne, som i 1.234,5.",
        f"{reserve}: 150 ligger uden for det tilladte område, 0 til 99.",
    ]
    assert _reserve(engine, unit.id) == 10


def test_an_english_page_reads_7_5_and_refuses_7_comma_5(demo_app, demo_url):
    engine = get_engine(demo_url)
    unit = _unit(engine)
    at = _settings("en")
    at.selectbox(key="settings_org").set_value(unit.id).run()
    at.text_input(key=f"factor_{unit.id}_development_reserve_pct").set_value("7,5")
    _button(at, "Save planning factors").click().run()
    assert _errors(at) == ["Development reserve %: “7,5” is not a number: use “.” before the decimals, as in 1,234.5."]
    assert _reserve(engine, unit.id) == 10
    at.text_input(key=f"factor_{unit.id}_development_reserve_pct").set_value("7.5")
    _button(at, "Save planning factors").click().run()
    assert not at.error
    assert _reserve(engine, unit.id) == 7.5


# --------------------------------------------------------------------------- moving hours


def _worker_and_tasks(engine) -> tuple[int, int, int, int]:
    """The home-coop team, someone working today, a task they have at least 1,5 h on, another task."""
    team = next(n for n in org.org_tree(engine) if n.slug == "home-coop")
    view = operations_board.load_board(team.id, DEMO_DAY, engine)
    worker = next(r for r in view.board.roster if not r.absence and any(h >= 1.5 for _, h in r.tasks))
    source_name = next(name for name, hours in worker.tasks if hours >= 1.5)
    source = next(t.id for t in view.tasks if t.name == source_name)
    target = next(t.id for t in view.tasks if t.name not in dict(worker.tasks))
    return team.id, worker.person_id, source, target


def _move(at: AppTest, worker_id: int, source: int, task_id: int, hours: str, lang: str) -> None:
    at.selectbox(key="move_person").set_value(worker_id)
    at.selectbox(key="move_from").set_value(source)
    at.selectbox(key="move_to").set_value(task_id)
    at.text_input(key="move_hours").set_value(hours)
    at.text_input(key="move_note").set_value(NOTE)
    _button(at, t("ops.move.button", lang)).click().run()


NOTE = "moved in the number-entry test"


def _moves(engine, team_id: int) -> list[float]:
    """The hours of the moves this test made (by their note)."""
    with read_session(engine) as s:
        changes = s.scalars(select(PlanChange).where(PlanChange.team_id == team_id, PlanChange.description == NOTE))
        return [c.params["hours"] for c in changes if c.params["event"] == "move"]


def test_1_5_hours_moved_on_a_danish_page_are_1_5_hours(demo_app, demo_url):
    engine = get_engine(demo_url)
    team_id, worker, source, target = _worker_and_tasks(engine)
    at = _page("pages/operations.py", "da", team="home-coop", tab="ops.tab.change")
    _move(at, worker, source, target, "1,5", "da")
    assert not at.exception and not at.error, _errors(at)
    assert _moves(engine, team_id) == [1.5]


def test_hours_outside_the_range_are_refused_with_the_range_in_danish(demo_app, demo_url):
    engine = get_engine(demo_url)
    team_id, worker, source, target = _worker_and_tasks(engine)
    at = _page("pages/operations.py", "da", team="home-coop", tab="ops.tab.change")
    _move(at, worker, source, target, "30", "da")
    assert _errors(at) == ["Timer: 30 ligger uden for det tilladte område, 0,25 til 24."]
    at.text_input(key="move_hours").set_value("")
    _button(at, t("ops.move.button", "da")).click().run()
    assert _errors(at) == ["Timer: skriv et tal."]
    assert _moves(engine, team_id) == []


def test_the_meeting_views_plan_dialog_reads_1_5_hours_too(demo_app, demo_url):
    engine = get_engine(demo_url)
    team_id, worker, source, target = _worker_and_tasks(engine)
    at = _page("pages/operations.py", "da", team="home-coop")
    at.toggle(key="ops_meeting").set_value(True).run()
    at.button(key="decide_plan").click().run()
    _move(at, worker, source, target, "1,5", "da")
    assert not at.exception and not at.error, _errors(at)
    assert _moves(engine, team_id) == [1.5]


# --------------------------------------------------------------------------- production: no appends, a second look


def test_a_stored_count_shows_beside_an_empty_field_so_typing_replaces_it(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    task = _task(engine, "mortgage-documents")
    production.record_production(BO, team.id, DEMO_DAY, {task.id: 7}, engine=engine)
    at = _page("pages/operations.py", "da")
    field = at.text_input(key=f"produced_{task.id}")
    assert (field.value, field.placeholder) == ("", "nu: 7")  # a tap and a 6 is 6, not 76
    field.set_value("6")
    _button(at, t("ops.save_production", "da")).click().run()
    assert not at.exception and not at.error, _errors(at)
    assert _produced(engine, task.id) == 6
    field = at.text_input(key=f"produced_{task.id}")
    assert (field.value, field.placeholder) == ("", "nu: 6")
    _button(at, t("ops.save_production", "da")).click().run()  # the empty fields keep what is stored
    assert _produced(engine, task.id) == 6


def test_766_against_a_plan_of_24_is_asked_about_and_saved_only_when_confirmed(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    task = _task(engine, "mortgage-documents")
    with read_session(engine) as s:
        assert operations_board.day_plans(s, [(task.id, DEMO_DAY)]) == {(task.id, DEMO_DAY): 24}
    before = _produced(engine, task.id)
    at = _page("pages/operations.py", "da")
    at.text_input(key=f"produced_{task.id}").set_value("766")
    _button(at, t("ops.save_production", "da")).click().run()
    assert not at.exception
    assert [w.value for w in at.warning] == [f"{task.name}: 766 mod en plan på 24 — gem alligevel?"]
    assert _produced(engine, task.id) == before  # nothing saved yet
    at.button(key=f"production_{team.id}_anyway").click().run()
    assert not at.exception and not at.error, _errors(at)
    assert _produced(engine, task.id) == 766
    assert not at.warning


def test_a_refused_count_is_said_and_nothing_saved(demo_app, demo_url):
    engine = get_engine(demo_url)
    task = _task(engine, "mortgage-documents")
    before = _produced(engine, task.id)
    at = _page("pages/operations.py", "da")
    at.text_input(key=f"produced_{task.id}").set_value("7,5")
    _button(at, t("ops.save_production", "da")).click().run()
    assert _errors(at) == [f"{task.name}: “7,5” er ikke et helt tal."]
    assert _produced(engine, task.id) == before


def test_intake_far_above_the_plan_is_saved_after_save_anyway(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    task = _task(engine, "mortgage-documents")
    at = _page("pages/operations.py", "en", tab="feeds.tab.intake")
    at.text_input(key=f"received_{task.id}").set_value("1,234")  # a count: one reading
    _button(at, t("feeds.intake.save", "en")).click().run()
    assert [w.value for w in at.warning] == [f"{task.name}: 1,234 against a plan of 24 — save anyway?"]
    with read_session(engine) as s:
        assert s.scalar(select(Intake.received).where(Intake.task_id == task.id, Intake.date == DEMO_DAY)) != 1234
    at.button(key=f"intake_{team.id}_anyway").click().run()
    assert not at.exception and not at.error, _errors(at)
    with read_session(engine) as s:
        assert s.scalar(select(Intake.received).where(Intake.task_id == task.id, Intake.date == DEMO_DAY)) == 1234


def test_holdings_far_above_the_previous_count_are_saved_after_save_anyway(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    task = _task(engine, "mortgage-documents")
    with read_session(engine) as s:
        previous = s.scalar(
            select(HoldingsSnapshot.open_cases)
            .where(HoldingsSnapshot.task_id == task.id, HoldingsSnapshot.date < DEMO_DAY)
            .order_by(HoldingsSnapshot.date.desc())
            .limit(1)
        )
    typo = previous * 10
    at = _page("pages/operations.py", "en", tab="ops.tab.holdings")
    at.text_input(key=f"hold_open_{task.id}").set_value(str(typo))
    _button(at, t("ops.holdings.save", "en")).click().run()
    said = f"{typo:,} open cases against {previous:,} at the last count — save anyway?"
    assert [w.value for w in at.warning] == [f"{task.name}: {said}"]

    def stored() -> int | None:
        with read_session(engine) as s:
            return s.scalar(
                select(HoldingsSnapshot.open_cases).where(
                    HoldingsSnapshot.task_id == task.id, HoldingsSnapshot.date == DEMO_DAY
                )
            )

    assert stored() != typo
    at.button(key=f"holdings_{team.id}_anyway").click().run()
    assert not at.exception and not at.error, _errors(at)
    assert stored() == typo


def test_a_kpi_value_far_outside_its_target_in_the_values_grid_is_saved_after_save_anyway(demo_app, demo_url):
    engine = get_engine(demo_url)
    mortgage = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    frame = measures.values_frame(mortgage.id, LAST_WEEK, engine)
    row = int(frame.index[frame["measure"].str.startswith("FTE")][0])
    measure_id = int(frame.loc[row, "measure_id"])
    key = f"values_{mortgage.id}_{LAST_WEEK.isoformat()}"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["unit"] = "mortgage"
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/goals.py").run()
    at.session_state[f"{key}_editor_0"] = {"edited_rows": {row: {"value": 40.0}}, "added_rows": [], "deleted_rows": []}
    at.button(key=f"{key}_save").click().run()
    assert not at.exception, at.exception
    with read_session(engine) as s:
        far = max(targets.target_range(measures.measure_def(s.get(Measure, measure_id))), key=abs)

        def stored() -> float | None:
            return s.scalar(
                select(MeasureValue.value).where(
                    MeasureValue.measure_id == measure_id, MeasureValue.period_start == LAST_WEEK
                )
            )

        assert stored() != 40
    asked = [w.value for w in at.warning if "save anyway" in w.value]
    assert asked == [f"FTE saved by digitalisation and automation: 40 against a target of {far:g} — save anyway?"]
    at.button(key=f"{key}_anyway").click().run()
    assert not at.exception and not at.error, _errors(at)
    with read_session(engine) as s:
        assert (
            s.scalar(
                select(MeasureValue.value).where(
                    MeasureValue.measure_id == measure_id, MeasureValue.period_start == LAST_WEEK
                )
            )
            == 40
        )


# --------------------------------------------------------------------------- imports say which rows to look at


def test_a_production_import_saves_an_implausible_row_and_lists_it_under_the_import(demo_app, demo_url):
    engine = get_engine(demo_url)
    task = _task(engine, "mortgage-documents")
    at = _page("pages/operations.py", "da", tab="ops.tab.import")
    content = f"dato;team;opgave;produceret\n{DEMO_DAY.isoformat()};mortgage;{task.slug};766\n".encode()
    at.file_uploader(key="production_upload").upload("dag.csv", io.BytesIO(content).getvalue())
    at.run()
    at.button(key="import_production").click().run()
    assert not at.exception and not at.error, _errors(at)
    assert _produced(engine, task.id) == 766
    warning = next(w.value for w in at.warning)
    assert "række 2 (produced): 766 mod en plan på 24: gemt, tjek at det er rigtigt" in warning


def test_a_count_typed_over_a_stale_page_is_refused_naming_the_newer_value(demo_app, demo_url):
    """A's page shows 77; B saves 80; A types 3 and saves: refused, naming 80, and 80 stays."""
    engine = get_engine(demo_url)
    team = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    task = _task(engine, "mortgage-documents")
    production.record_production(BO, team.id, DEMO_DAY, {task.id: 20}, engine=engine)
    a = _page("pages/operations.py", "en")
    b = _page("pages/operations.py", "en")
    other = _task(engine, "land-registry")
    a.text_input(key=f"produced_{other.id}").set_value("9")  # A saves another task first
    _button(a, t("ops.save_production", "en")).click().run()
    assert _produced(engine, other.id) == 9
    assert a.text_input(key=f"produced_{task.id}").placeholder == "now: 20"
    b.text_input(key=f"produced_{task.id}").set_value("22")
    _button(b, t("ops.save_production", "en")).click().run()
    assert _produced(engine, task.id) == 22
    a.text_input(key=f"produced_{task.id}").set_value("19")
    _button(a, t("ops.save_production", "en")).click().run()
    assert not a.exception
    assert any("after your page showed it" in e and "It is now 22" in e for e in _errors(a)), _errors(a)
    assert _produced(engine, task.id) == 22
