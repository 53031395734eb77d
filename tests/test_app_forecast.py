"""The week-planning page's forecast and workplace sections in AppTest: "Fill from forecast" makes
a draft that respects competences, absences and hours; the forecast says how each task is
forecast; where people work is saved and fewer office days than the unit requires are warned."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event
from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard import calendar, forecast
from driftboard.domain import AbsenceKind, Actor
from driftboard.services import absences, masterdata, org_settings, plan_grid
from driftboard.services import forecast as forecast_service
from driftboard.ui.text import md_escape
from tests.conftest import DEMO_DAY, ROOT
from tests.databases import Database

LEADER = Actor("Lone Winther")
NEXT = calendar.week_start(DEMO_DAY) + dt.timedelta(weeks=1)
EMPTY_EDIT = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def _planning(team: str = "home-coop", week: dt.date | None = None, acting_as: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["team"] = team
    at.query_params["lang"] = "en"
    if acting_as:
        at.session_state["acting_as"] = acting_as
    at.run()
    at.switch_page("pages/planning.py").run()
    if week is not None:
        at.date_input(key="plan_week").set_value(week).run()
    assert not at.exception, at.exception
    return at


def _table(at: AppTest, column: str):
    return next(t.value for t in at.table if column in t.value.columns)


def test_fill_from_forecast_drafts_a_plan_within_competences_absences_and_hours(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    people = masterdata.people_frame(team.id, engine)
    ids = dict(zip(people["name"], people["id"].astype(int), strict=True))
    absences.record_absences(
        LEADER,
        team.id,
        [
            absences.AbsenceInput(ids["Ida Rask"], NEXT, AbsenceKind.SICK, 7.5),
            absences.AbsenceInput(ids["Mikkel Storm"], NEXT + dt.timedelta(days=1), AbsenceKind.TRAINING, 3.75),
        ],
        engine=engine,
    )
    at = _planning(week=NEXT)
    assert not any(b.label == "Publish" for b in at.button)  # no plan yet
    next(b for b in at.button if b.label == "Fill from forecast").click().run()
    assert not at.exception, at.exception
    assert any("Draft filled from the forecast" in t.value for t in at.toast)

    db = Database(demo_url)
    year, week, _ = NEXT.isocalendar()
    [plan] = db.query(
        "select * from week_plans where team_id = ? and iso_year = ? and iso_week = ?", [team.id, year, week]
    )
    assert plan["status"] == "draft"
    rows = list(
        db.query(
            "select a.person_id, a.task_id, a.date, a.hours, p.name, p.daily_hours, c.level from assignments a "
            "join people p on p.id = a.person_id "
            "left join competences c on c.person_id = a.person_id and c.task_id = a.task_id "
            "where a.week_plan_id = ?",
            [plan["id"]],
        )
    )
    assert len(rows) >= 20
    assert {r["level"] for r in rows} <= {"competent", "expert"}  # never in training, never without
    day = lambda r: r["date"] if isinstance(r["date"], dt.date) else dt.date.fromisoformat(str(r["date"]))  # noqa: E731
    assert not [r for r in rows if r["name"] == "Ida Rask" and day(r) == NEXT]
    assert not [r for r in rows if r["name"] == "Lone Winther"]  # the team leader handles no cases
    people_now, factors = forecast_service.plannable_people(team.id, NEXT, engine)
    reserve = 1 - factors.development_reserve_pct / 100
    absent = {(p.name, d): h for p in people_now for d, h in p.absent_hours.items()}
    assert absent == {("Ida Rask", NEXT): 7.5, ("Mikkel Storm", NEXT + dt.timedelta(days=1)): 3.75}
    per_day: dict[tuple[str, dt.date], float] = {}
    for r in rows:
        per_day[(r["name"], day(r))] = per_day.get((r["name"], day(r)), 0) + r["hours"]
    daily = {r["name"]: r["daily_hours"] for r in rows}
    for (name, d), hours in per_day.items():  # each day within the person's hours less absence and reserve
        assert hours <= (daily[name] - absent.get((name, d), 0)) * reserve + 1e-9, (name, d, hours)
        assert hours * 4 == int(hours * 4)  # quarter hours
    # Half a day absent: still planned that day, on fewer hours than on a full day.
    mikkel = NEXT + dt.timedelta(days=1)
    assert (
        0
        < per_day[("Mikkel Storm", mikkel)]
        < min(h for (n, d), h in per_day.items() if n == "Mikkel Storm" and d != mikkel)
    )
    # Every active task with a forecast need on a day gets hours that day, from competent people.
    tasks = masterdata.tasks_frame(team.id, engine)
    active_tasks = tasks.loc[tasks["active"]]
    result = forecast_service.team_forecast(
        team.id, NEXT, {int(t.id): float(t.expected_daily_volume) for t in active_tasks.itertuples()}, engine=engine
    )
    planned_on = {(r["task_id"], day(r)) for r in rows}
    for task in active_tasks.itertuples():
        for d in result.days[:5]:
            need = forecast.hours_for_forecast(result.tasks[int(task.id)].cases(d), task.minutes_per_case, factors)
            if need.case_hours > 0:
                assert (int(task.id), d) in planned_on, (task.name, d)

    # The page afterwards: a draft that can be published, the grid holds the proposal, the
    # forecast table now has hours planned.
    assert any(b.label == "Publish" for b in at.button)
    grid = plan_grid.grid_frame(team.id, NEXT, engine)
    assert set(grid["person"]) == {r["name"] for r in rows}
    methods = _table(at, "Forecast from")  # a row per active task of the team
    active_count = db.query("select count(*) as n from tasks where team_id = ? and active = ?", [team.id, True])
    assert len(methods) == next(iter(active_count))["n"] == len(active_tasks)
    planned = _table(at, "Task")
    hours_planned = planned[planned.iloc[:, 1] == "Hours planned"]
    assert (hours_planned.iloc[:, 2:].map(lambda v: float(v.replace(",", ""))) > 0).any().any()


def test_fill_from_forecast_with_nobody_to_plan_is_refused_and_keeps_the_draft(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    at = _planning(week=NEXT)
    next(b for b in at.button if b.label == "Fill from forecast").click().run()
    db = Database(demo_url)
    year, week, _ = NEXT.isocalendar()
    sql = (
        "select a.person_id, a.task_id, a.date, a.hours from assignments a join week_plans w on w.id = a.week_plan_id "
        "where w.team_id = ? and w.iso_year = ? and w.iso_week = ? order by 1, 2, 3"
    )
    draft = list(db.query(sql, [team.id, year, week]))
    assert draft
    # Nobody is competent on any task any more: there is nobody to propose.
    db.execute("delete from competences where person_id in (select id from people where team_id = ?)", [team.id])
    at.run()
    next(b for b in at.button if b.label == "Fill from forecast").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["Nobody in the team can be planned on these tasks."]
    assert not any("Draft filled from the forecast" in t.value for t in at.toast)
    assert list(db.query(sql, [team.id, year, week])) == draft


def test_the_forecast_says_model_or_baseline_with_both_errors_and_falls_back_on_a_short_history(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    tasks = masterdata.tasks_frame(team.id, engine)
    short = tasks.iloc[1]
    db = Database(demo_url)
    db.execute("delete from intake where task_id = ? and date < ?", [int(short["id"]), NEXT - dt.timedelta(days=21)])
    at = _planning(week=NEXT)
    methods = _table(at, "Forecast from").set_index("Task")
    fallback = methods.loc[md_escape(short["name"])]
    assert fallback["Forecast from"] == "Expected daily volume: only 2 weeks of history (needs 8)"
    assert fallback["Model error (MAE · MAPE)"] == "–"
    others = methods.drop(index=md_escape(short["name"]))
    assert set(others["Forecast from"]) <= {"Model (beats last week)", "Last week's same weekday"}
    assert "Model (beats last week)" in set(others["Forecast from"])
    assert all(" cases · " in v for v in others["Model error (MAE · MAPE)"])
    assert all(" cases · " in v for v in others["Same weekday last week (MAE · MAPE)"])
    cases = _table(at, "Task")
    row = cases[(cases["Task"] == md_escape(short["name"])) & (cases.iloc[:, 1] == "Forecast cases")].iloc[0]
    assert set(row.iloc[2:]) == {str(int(short["expected_daily_volume"]))}
    assert len(at.get("vega_lite_chart")) >= 1  # history and forecast


def test_where_people_work_is_saved_and_too_few_office_days_are_warned(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    unit = masterdata.units(engine)[0]
    view = org_settings.settings_view(unit.id, engine)
    org_settings.save_settings(
        Actor("Birgitte Holm"), unit.id, {"office_days_per_week": 2}, seen_version=view.version, engine=engine
    )
    at = _planning(week=NEXT)
    assert any("requires 2 office days" in c.value for c in at.caption)
    people = masterdata.people_frame(team.id, engine)
    names = sorted(people.loc[people["active"], "name"])
    assert sum("office days this week; the unit requires 2" in w.value for w in at.warning) == len(names)
    first, second = names.index("Ida Rask"), names.index("Kasper Møller")
    at.session_state[f"places_{team.id}_{NEXT.isoformat()}_editor_0"] = {
        **EMPTY_EDIT,
        "edited_rows": {
            first: {"d0": "office", "d1": "office", "d2": "home"},
            second: {"d0": "office", "d3": "elsewhere"},
        },
    }
    at.run()
    next(b for b in at.button if b.label == "Save where people work").click().run()
    assert not at.exception, at.exception
    db = Database(demo_url)
    saved = {
        (r["name"], str(r["date"])[:10], r["place"])
        for r in db.query("select p.name, w.date, w.place from work_places w join people p on p.id = w.person_id")
    }
    assert ("Ida Rask", NEXT.isoformat(), "office") in saved and len(saved) == 5
    warned = [w.value for w in at.warning if "office days this week" in w.value]
    assert not any("Ida Rask" in w for w in warned)
    assert any("Kasper Møller has 1 office days" in w for w in warned)


def test_a_colleagues_workplace_save_while_editing_is_refused_not_overwritten(demo_app, demo_url):
    # The leader opens the grid; a colleague saves Ida's Monday; the leader edits Kasper's
    # Tuesday (a rerun that re-reads the rows) and saves: refused, naming the colleague.
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    key = f"places_{team.id}_{NEXT.isoformat()}"
    people = masterdata.people_frame(team.id, engine)
    names = sorted(people.loc[people["active"], "name"])
    ida, kasper = names.index("Ida Rask"), names.index("Kasper Møller")
    leader = _planning(week=NEXT, acting_as="Birgitte Holm")
    colleague = _planning(week=NEXT, acting_as="Lone Winther")
    colleague.session_state[f"{key}_editor_0"] = {**EMPTY_EDIT, "edited_rows": {ida: {"d0": "home"}}}
    colleague.run()
    colleague.button(key=f"{key}_save").click().run()
    assert not colleague.exception and not colleague.error, colleague.error

    leader.session_state[f"{key}_editor_0"] = {**EMPTY_EDIT, "edited_rows": {kasper: {"d1": "office"}}}
    leader.run()  # the edit's rerun
    leader.button(key=f"{key}_save").click().run()
    assert not leader.exception, leader.exception
    [error] = leader.error
    assert error.value.startswith("Workplace ") and "changed by Lone Winther" in error.value
    db = Database(demo_url)
    saved = {
        (r["name"], str(r["date"])[:10], r["place"])
        for r in db.query("select p.name, w.date, w.place from work_places w join people p on p.id = w.person_id")
    }
    assert saved == {("Ida Rask", NEXT.isoformat(), "home")}  # the colleague's cell stands, nothing else saved
    # Loading the current values, the leader's edit then goes through on top of it.
    leader.button(key=f"{key}_reload").click().run()
    leader.session_state[f"{key}_editor_1"] = {**EMPTY_EDIT, "edited_rows": {kasper: {"d1": "office"}}}
    leader.run()
    leader.button(key=f"{key}_save").click().run()
    assert not leader.error
    saved = {(r["name"], r["place"]) for r in db.query("select p.name, w.place from work_places w join people p "
                                                        "on p.id = w.person_id")}  # fmt: skip
    assert saved == {("Ida Rask", "home"), ("Kasper Møller", "office")}


def test_a_stale_workplace_save_is_refused_naming_who_changed_it(demo_engine):
    import pytest

    from driftboard.domain import ConflictError
    from driftboard.services import workplace

    team = masterdata.find_team("home-coop", demo_engine)
    shown = workplace.week_places(team.id, NEXT, demo_engine)  # what the leader's page showed
    ida = int(shown.frame.set_index("person").loc["Ida Rask", "person_id"])
    workplace.save_week_places(
        Actor("Kasper Møller"), team.id, NEXT, [{"person_id": ida, "d0": "home"}], seen={}, engine=demo_engine
    )
    with pytest.raises(ConflictError) as refused:
        workplace.save_week_places(
            LEADER, team.id, NEXT, [{"person_id": ida, "d0": "office"}], seen=shown.versions, engine=demo_engine
        )
    assert refused.value.changed_by == "Kasper Møller"
    now = workplace.week_places(team.id, NEXT, demo_engine)
    assert now.frame.set_index("person").loc["Ida Rask", "d0"] == "home"
    # Saved with what the page now shows, the change goes through.
    workplace.save_week_places(
        LEADER, team.id, NEXT, [{"person_id": ida, "d0": "office"}], seen=now.versions, engine=demo_engine
    )
    assert workplace.week_places(team.id, NEXT, demo_engine).frame.set_index("person").loc["Ida Rask", "d0"] == "office"


def test_the_office_day_rule_does_not_count_public_holidays(demo_engine):
    from driftboard.services import workplace

    team = masterdata.find_team("home-coop", demo_engine)
    unit = masterdata.units(demo_engine)[0]
    view = org_settings.settings_view(unit.id, demo_engine)
    org_settings.save_settings(
        Actor("Birgitte Holm"), unit.id, {"office_days_per_week": 4}, seen_version=view.version, engine=demo_engine
    )
    christmas = dt.date(2026, 12, 21)  # Christmas Eve and Christmas Day are Thursday and Friday
    frame = workplace.week_places(team.id, christmas, demo_engine).frame.set_index("person")
    ida = int(frame.loc["Ida Rask", "person_id"])
    rows = [{"person_id": ida, "d0": "office", "d1": "office", "d2": "office"}]
    workplace.save_week_places(LEADER, team.id, christmas, rows, seen={}, engine=demo_engine)
    short = {gap.person: gap for gap in workplace.week_places(team.id, christmas, demo_engine).short}
    assert "Ida Rask" not in short  # three office days is all the week allows
    assert {gap.required for gap in short.values()} == {3}


def test_the_planning_page_stays_within_its_sql_budget(demo_app, demo_url):
    engine = get_engine(demo_url)
    at = _planning(week=NEXT)  # fits and caches the forecast
    statements: list[str] = []

    def count(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        at.run()
        assert not at.exception, at.exception
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # The forecast comes from the cache (one stamp query) and where people work is one read:
    # this page's sections add at most 9 statements (BEGINs included) to the page's run.
    forecast_and_places = [s for s in statements if "intake" in s or "work_places" in s]
    assert len(forecast_and_places) == 2, forecast_and_places


def test_the_operations_boards_today_says_where_each_person_works(demo_app, demo_url):
    from driftboard.services import workplace

    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    monday = calendar.week_start(DEMO_DAY)
    column = f"d{DEMO_DAY.weekday()}"
    frame = workplace.week_places(team.id, monday, engine).frame.set_index("person")
    rows = [
        {"person_id": int(frame.loc["Ida Rask", "person_id"]), column: "office"},
        {"person_id": int(frame.loc["Kasper Møller", "person_id"]), column: "home"},
    ]
    workplace.save_week_places(LEADER, team.id, monday, rows, seen={}, engine=engine)
    for lang, office, home in (("en", "Office", "Home"), ("da", "Kontor", "Hjemme")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["team"] = "home-coop"
        at.query_params["lang"] = lang
        at.run()
        at.switch_page("pages/operations.py").run()
        assert not at.exception, at.exception
        label = "Works from" if lang == "en" else "Arbejder fra"
        today = next(t.value for t in at.table if label in t.value.columns)
        person = today.columns[0]
        where = dict(zip(today[person], today[label], strict=True))
        assert where["Ida Rask"] == office and where["Kasper Møller"] == home
        assert list(where.values()).count("") == len(where) - 2


def test_the_demo_has_two_years_of_intake_with_monday_peaks_a_summer_dip_and_a_trend(demo_engine):
    from tests.databases import query

    rows = query(
        demo_engine,
        "select i.date, i.received from intake i join tasks t on t.id = i.task_id "
        "where t.slug = 'consumer-loan-applications' order by i.date",
    )
    days = {(r["date"] if isinstance(r["date"], dt.date) else dt.date.fromisoformat(str(r["date"]))): r["received"]
            for r in rows}  # fmt: skip
    first, last = min(days), max(days)
    assert last == DEMO_DAY - dt.timedelta(days=1) and (last - first).days >= 700
    recent = {d: v for d, v in days.items() if d > last - dt.timedelta(weeks=20) and v}

    def mean(values):
        return sum(values) / len(values)

    assert mean([v for d, v in recent.items() if d.weekday() == 0]) > 1.4 * mean(
        [v for d, v in recent.items() if d.weekday() == 2]
    )
    year = last.year - 1
    july = mean([v for d, v in days.items() if d.year == year and d.month == 7])
    september = mean([v for d, v in days.items() if d.year == year and d.month == 9])
    assert july < 0.75 * september
    autumn = [(dt.date(y, 9, 1), dt.date(y, 11, 20)) for y in (last.year - 1, last.year)]
    before, after = (mean([v for d, v in days.items() if start <= d <= end and v]) for start, end in autumn)
    assert after > 1.05 * before  # the same season a year later: the trend
    assert days[dt.date(2025, 12, 25)] == 0  # Christmas Day receives nothing
