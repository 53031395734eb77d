"""The fitted forecast is stored (``stored_forecasts``) under a digest of what it was made from:
asked again with the same history it is read, not fitted; new intake or another expected volume
fits again; keeping it writes no audit entry and moves no change stamp (it is derived data)."""

from __future__ import annotations

import datetime as dt

import pytest

from db.maintenance import data_stamp
from driftboard import calendar, forecast
from driftboard.domain import Actor
from driftboard.services import forecast as forecast_service
from driftboard.services import intake, masterdata
from tests.conftest import DEMO_DAY
from tests.databases import query

LEADER = Actor("Lone Winther")
NEXT = calendar.week_start(DEMO_DAY) + dt.timedelta(weeks=1)


@pytest.fixture
def fits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the model was fitted (the pure fitting function, counted)."""
    calls: list[int] = []
    real = forecast.forecast_tasks

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(forecast, "forecast_tasks", counted)
    return calls


def _expected(team_id: int, engine) -> dict[int, float]:  # type: ignore[no-untyped-def]
    tasks = masterdata.tasks_frame(team_id, engine)
    return {int(t.id): float(t.expected_daily_volume) for t in tasks.loc[tasks["active"]].itertuples()}


def test_the_same_history_is_read_back_not_fitted_again(demo_engine, fits):
    team = masterdata.find_team("home-coop", demo_engine)
    expected = _expected(team.id, demo_engine)
    audit_before = query(demo_engine, "SELECT count(*) AS n FROM audit_log")[0]["n"]
    stamp_before = data_stamp(demo_engine)

    first = forecast_service.team_forecast(team.id, NEXT, expected, engine=demo_engine)
    second = forecast_service.team_forecast(team.id, NEXT, expected, engine=demo_engine)

    assert len(fits) == 1
    assert second == first  # every task's method, days, errors and history weeks, as fitted
    assert any(f.method is forecast.Method.MODEL for f in first.tasks.values())
    stored = query(demo_engine, "SELECT team_id, monday FROM stored_forecasts")
    assert [(r["team_id"], str(r["monday"])) for r in stored] == [(team.id, NEXT.isoformat())]
    # Derived data: nobody's entry, no screen needs to reload for it.
    assert query(demo_engine, "SELECT count(*) AS n FROM audit_log")[0]["n"] == audit_before
    assert data_stamp(demo_engine) == stamp_before


def test_new_intake_or_another_expected_volume_fits_again(demo_engine, fits):
    team = masterdata.find_team("home-coop", demo_engine)
    expected = _expected(team.id, demo_engine)
    first = forecast_service.team_forecast(team.id, NEXT, expected, engine=demo_engine)
    task = next(iter(expected))
    last_friday = calendar.previous_work_day(calendar.week_start(DEMO_DAY))

    intake.record_intake(LEADER, team.id, last_friday, {task: 999}, engine=demo_engine)
    after_intake = forecast_service.team_forecast(team.id, NEXT, expected, engine=demo_engine)
    assert len(fits) == 2
    assert after_intake.history[task][last_friday] == 999
    assert after_intake.tasks[task].days != first.tasks[task].days  # a spike of 999 moves the forecast

    forecast_service.team_forecast(team.id, NEXT, {**expected, task: expected[task] + 1}, engine=demo_engine)
    assert len(fits) == 3
    assert query(demo_engine, "SELECT count(*) AS n FROM stored_forecasts")[0]["n"] == 1  # replaced, not added


def test_another_week_is_stored_beside_the_first(demo_engine, fits):
    team = masterdata.find_team("home-coop", demo_engine)
    expected = _expected(team.id, demo_engine)
    forecast_service.team_forecast(team.id, NEXT, expected, engine=demo_engine)
    forecast_service.team_forecast(team.id, NEXT + dt.timedelta(weeks=1), expected, engine=demo_engine)
    forecast_service.team_forecast(team.id, NEXT, expected, engine=demo_engine)
    assert len(fits) == 2
    assert query(demo_engine, "SELECT count(*) AS n FROM stored_forecasts")[0]["n"] == 2
