"""Dates not before the unit's first day (issue #23, "dates within a sane window"): a unit's
first day is a setting (inherited by its departments and teams, none before 2000); production,
intake, holdings, measure values and absences dated before it are refused — typed in, imported
from a file (the row named) or sent to the API (422 naming the field) — with a message that
names the first day in both languages. Migration 0017 gives each existing unit the day of its
earliest data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text
from starlette.applications import Starlette
from starlette.testclient import TestClient

from db import migrate
from db.engine import read_session
from db.models import Measure, OrgUnit, Person, Task
from driftboard import api, calendar, orgsettings, targets
from driftboard.domain import AbsenceKind, Period, ValidationError
from driftboard.i18n import t
from driftboard.services import absences, api_tokens, intake, masterdata, measures, org_settings, production
from tests import databases
from tests.conftest import DEMO_DAY, DEMO_NOW, TESTER

FIRST = DEMO_DAY - dt.timedelta(days=14)  # a Wednesday two weeks back
BEFORE = FIRST - dt.timedelta(days=1)


def _unit(engine) -> OrgUnit:
    with read_session(engine) as s:
        return s.scalar(select(OrgUnit).where(OrgUnit.slug == "loan-service"))


def _set_first_day(engine, org_id: int, day: dt.date | None) -> None:
    view = org_settings.settings_view(org_id, engine)
    org_settings.save_settings(TESTER, org_id, {"first_day": day}, seen_version=view.version, engine=engine)


@pytest.fixture
def mortgage(demo_engine) -> Iterator[tuple[int, list[int]]]:
    """The demo's Mortgage team and its tasks, with the unit's first day set to ``FIRST``."""
    _set_first_day(demo_engine, _unit(demo_engine).id, FIRST)
    team = masterdata.find_team("mortgage", demo_engine)
    with read_session(demo_engine) as s:
        tasks = list(s.scalars(select(Task.id).where(Task.team_id == team.id).order_by(Task.id)))
    yield team.id, tasks


def _refusal(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[int, str, str]]:
    return [(e.row, e.field, e.code) for e in info.value.errors]


def test_the_refusal_names_the_first_day_and_the_unit_in_both_languages():
    params = {"value": "2026-11-10", "first_day": "2026-11-11", "org": "Loan Service"}
    for lang in ("en", "da"):
        text = t("v.before_first_day", lang, **params)
        assert "2026-11-11" in text and "Loan Service" in text


def test_the_first_day_is_a_setting_no_earlier_than_2000_and_a_team_inherits_it(demo_engine, mortgage):
    team_id, _tasks = mortgage
    assert org_settings.settings_view(team_id, demo_engine).settings["first_day"].value == FIRST
    _clean, errors = orgsettings.validate_settings({"first_day": dt.date(1999, 12, 31)})
    assert [(e.field, e.code) for e in errors] == [("first_day", "v.date_window")]
    _clean, errors = orgsettings.validate_settings({"first_day": "yesterday"})
    assert [(e.field, e.code) for e in errors] == [("first_day", "v.date")]


def test_production_intake_and_holdings_typed_before_the_first_day_are_refused(demo_engine, mortgage):
    team_id, tasks = mortgage
    e = {"engine": demo_engine}
    with pytest.raises(ValidationError) as refused:
        production.record_production(TESTER, team_id, BEFORE, {tasks[0]: 4}, **e)
    assert _refusal(refused) == [(1, "date", "v.before_first_day")]
    assert dict(refused.value.errors[0].params) == {
        "value": BEFORE.isoformat(),
        "first_day": FIRST.isoformat(),
        "org": "Loan Service",
    }
    with pytest.raises(ValidationError) as refused:
        intake.record_intake(TESTER, team_id, BEFORE, {tasks[0]: 4}, **e)
    assert _refusal(refused) == [(1, "date", "v.before_first_day")]
    with pytest.raises(ValidationError) as refused:
        production.record_holdings(TESTER, team_id, BEFORE, {tasks[0]: (5, 1, 1)}, **e)
    assert _refusal(refused) == [(1, "date", "v.before_first_day")]
    # On the first day itself, all three are taken.
    assert production.record_production(TESTER, team_id, FIRST, {tasks[0]: 4}, **e) == 1
    assert intake.record_intake(TESTER, team_id, FIRST, {tasks[0]: 4}, **e) == 1
    assert production.record_holdings(TESTER, team_id, FIRST, {tasks[0]: (5, 1, 1)}, **e) == 1


def test_a_teams_own_later_first_day_counts_for_it(demo_engine, mortgage):
    team_id, tasks = mortgage
    _set_first_day(demo_engine, team_id, DEMO_DAY)
    with pytest.raises(ValidationError) as refused:
        production.record_production(TESTER, team_id, FIRST, {tasks[0]: 4}, engine=demo_engine)
    assert dict(refused.value.errors[0].params)["org"] == "Mortgage"
    _set_first_day(demo_engine, team_id, None)  # inherits the unit's again
    assert production.record_production(TESTER, team_id, FIRST, {tasks[0]: 4}, engine=demo_engine) == 1


def test_imported_rows_before_the_first_day_are_refused_by_their_row(demo_engine, mortgage):
    _team_id, tasks = mortgage
    with read_session(demo_engine) as s:
        task = s.get(Task, tasks[0]).slug
    e = {"today": DEMO_DAY, "engine": demo_engine}
    rows = f"{FIRST},mortgage,{task},{{n}}\n{BEFORE},mortgage,{task},{{n}}\n"
    for service, header in (
        (production.import_production, "date,team,task,produced\n"),
        (intake.import_intake, "date,team,task,received\n"),
    ):
        with pytest.raises(ValidationError) as refused:
            service(TESTER, (header + rows.format(n=3)).encode(), "rows.csv", **e)
        assert _refusal(refused) == [(3, "date", "v.before_first_day")]
    from driftboard.services import holdings

    with pytest.raises(ValidationError) as refused:
        holdings.import_holdings(
            TESTER,
            f"date,team,task,open,due_today,overdue\n{FIRST},mortgage,{task},5,1,1\n{BEFORE},mortgage,{task},5,1,1\n".encode(),
            "holdings.csv",
            **e,
        )
    assert _refusal(refused) == [(3, "date", "v.before_first_day")]


def test_a_measure_value_of_a_period_wholly_before_the_first_day_is_refused(demo_engine, mortgage):
    team_id, _tasks = mortgage
    with read_session(demo_engine) as s:
        measure = s.scalars(
            select(Measure).where(Measure.org_unit_id == team_id, Measure.period == Period.WEEK).order_by(Measure.id)
        ).first()
        measure_id, slug = measure.id, measure.slug
    first_week = targets.period_start(FIRST, Period.WEEK)
    week_before = first_week - dt.timedelta(weeks=1)
    with pytest.raises(ValidationError) as refused:
        measures.record_measure_values(TESTER, [measures.ValueInput(measure_id, week_before, 3.0)], demo_engine)
    assert _refusal(refused) == [(1, "period_start", "v.before_first_day")]
    # The week the first day falls in may hold a value.
    assert measures.record_measure_values(TESTER, [measures.ValueInput(measure_id, first_week, 3.0)], demo_engine)
    csv = f"period,unit,measure,value\n{first_week},mortgage,{slug},4\n{week_before},mortgage,{slug},4\n"
    with pytest.raises(ValidationError) as refused:
        measures.import_measures(TESTER, csv.encode(), "measures.csv", demo_engine)
    assert _refusal(refused) == [(3, "period_start", "v.before_first_day")]


def test_an_absence_before_the_first_day_is_refused(demo_engine, mortgage):
    team_id, _tasks = mortgage
    with read_session(demo_engine) as s:
        person = s.scalars(select(Person).where(Person.team_id == team_id).order_by(Person.id)).first()
        person_id, name = person.id, person.name
    early = calendar.previous_work_day(FIRST)
    with pytest.raises(ValidationError) as refused:
        absences.record_absences(
            TESTER, team_id, [absences.AbsenceInput(person_id, early, AbsenceKind.SICK, 7.5)], demo_engine
        )
    assert _refusal(refused) == [(1, "date", "v.before_first_day")]
    monday = calendar.week_start(early)
    row = {"id": None, "person": name, "date": early, "kind": AbsenceKind.SICK.value, "hours": 7.5, "note": ""}
    with pytest.raises(ValidationError) as refused:
        absences.save_absences(TESTER, team_id, monday, [row], demo_engine)
    assert _refusal(refused) == [(1, "date", "v.before_first_day")]


def test_the_api_answers_422_naming_the_field(demo_url, demo_engine, mortgage, monkeypatch):
    _team_id, tasks = mortgage
    with read_session(demo_engine) as s:
        task = s.get(Task, tasks[0]).slug
    token = api_tokens.create_api_token(TESTER, "Core", "loan-service", engine=demo_engine)[1]
    monkeypatch.setenv("DRIFTBOARD_DATABASE_URL", demo_url)
    monkeypatch.setenv("DRIFTBOARD_NOW", DEMO_NOW.isoformat())
    counts = {"production": {"produced": 3}, "intake": {"received": 3}, "holdings": {"open": 3, "due_today": 0,
              "overdue": 0}}  # fmt: skip
    with TestClient(Starlette(routes=api.routes())) as client:
        for route, count in counts.items():
            rows = [{"date": d.isoformat(), "team": "mortgage", "task": task} | count for d in (FIRST, BEFORE)]
            answer = client.post(
                f"{api.PREFIX}/{route}", json={"rows": rows}, headers={"Authorization": f"Bearer {token}"}
            )
            assert answer.status_code == 422, (route, answer.text)
            body = answer.json()
            assert [(e["row"], e["field"], e["code"]) for e in body["errors"]] == [(2, "date", "v.before_first_day")]
            assert FIRST.isoformat() in body["errors"][0]["message"]


def test_migration_0017_gives_each_unit_with_data_its_earliest_day(demo_engine):
    earliest = []
    with read_session(demo_engine) as s:
        for table, column in (("production", "date"), ("intake", "date"), ("holdings", "date"),
                              ("absences", "date"), ("measure_values", "period_start")):  # fmt: skip
            found = s.execute(text(f"SELECT MIN({column}) FROM {table}")).scalar()
            if found is not None:
                earliest.append(dt.date.fromisoformat(str(found)[:10]))
    migrate.downgrade(demo_engine, "0016")
    assert migrate.upgrade(demo_engine)
    assert _unit(demo_engine).first_day == min(earliest)
    with read_session(demo_engine) as s:  # departments and teams inherit it
        assert s.scalars(select(OrgUnit.first_day).where(OrgUnit.slug == "mortgage")).one() is None


def test_an_import_looks_up_the_first_day_once_per_team_not_once_per_row(demo_engine, mortgage):
    """Each row's first day comes from its team's place in the org tree (a recursive query); a
    file of many rows of one team asks once (the demo's twelve weeks of intake asked 11,000
    times, half of loading the demo)."""
    _team_id, tasks = mortgage
    with read_session(demo_engine) as s:
        slugs = [s.get(Task, task).slug for task in tasks[:3]]
    days = [FIRST + dt.timedelta(days=n) for n in range(14) if (FIRST + dt.timedelta(days=n)).weekday() < 5]
    csv = "date,team,task,produced\n" + "".join(f"{d},mortgage,{slug},5\n" for d in days for slug in slugs)
    with databases.statements(demo_engine) as sent:
        production.import_production(TESTER, csv.encode(), "rows.csv", today=DEMO_DAY, engine=demo_engine)
    tree = [sql for sql in sent if "RECURSIVE" in sql.upper() and "parent_id" in sql]
    assert len(days) * len(slugs) == 30
    assert 1 <= len(tree) <= 3, f"{len(tree)} walks up the org tree for 30 rows of one team"
