"""The intake forecast, pure: a known weekly pattern and trend beat seasonal naive, a short history
falls back and says so, holidays, forecast → hours, and the fill-from-forecast proposer."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from driftboard import calendar, forecast, intake_history
from driftboard.forecast import Method, PlannablePerson
from driftboard.planning import PlanningFactors

END = dt.date(2026, 11, 20)  # a Friday: the history ends the week before the forecast
NEXT_WEEKS = [d for w in (1, 2) for d in calendar.work_days(END + dt.timedelta(weeks=w))]
FACTORS = PlanningFactors()  # 7.5 h a day, 6 customer-facing, reserve 10 %


def _pattern(start: dt.date, end: dt.date, *, seed: int, trend_per_week: float = 0.4) -> dict[dt.date, int]:
    """A known weekly pattern (Monday 60 % over Friday) on a rising trend, with noise."""
    rng = random.Random(seed)
    weekday = (1.6, 1.1, 1.0, 0.95, 0.8)
    history, day, week = {}, start, 0
    while day <= end:
        if calendar.is_work_day(day) and not forecast.is_holiday(day):
            level = 30 + trend_per_week * week
            history[day] = max(0, round(rng.gauss(level * weekday[day.weekday()], 2.0)))
        if day.weekday() == 6:
            week += 1
        day += dt.timedelta(days=1)
    return history


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_weekly_pattern_with_a_trend_is_forecast_better_than_seasonal_naive(seed):
    history = _pattern(END - dt.timedelta(weeks=40), END, seed=seed)
    result = forecast.forecast_task(7, history, NEXT_WEEKS, expected_daily_volume=10)
    assert result.method is Method.MODEL
    assert result.model_errors.mae < result.baseline_errors.mae
    assert result.model_errors.mape < result.baseline_errors.mape
    assert result.model_errors.days == result.baseline_errors.days >= 25
    monday, wednesday = NEXT_WEEKS[0], NEXT_WEEKS[2]
    assert result.cases(monday) > 1.3 * result.cases(wednesday)  # the Monday peak is kept
    level_now = 30 + 0.4 * 40
    assert level_now * 0.9 < result.cases(wednesday) < level_now * 1.2  # the trend is followed


def test_two_years_of_demo_like_history_beat_seasonal_naive_and_see_the_summer_dip():
    history = intake_history.generate(40, END - dt.timedelta(days=730), END, seed=11)
    result = forecast.forecast_task(1, history, NEXT_WEEKS, expected_daily_volume=40)
    assert result.method is Method.MODEL and result.model_errors.mae < result.baseline_errors.mae
    july = [d for d in forecast.open_days(dt.date(2027, 7, 5), dt.date(2027, 7, 9))]
    summer = forecast.forecast_task(1, history, [*NEXT_WEEKS, *july], expected_daily_volume=40)
    assert sum(summer.cases(d) for d in july) < 0.85 * sum(summer.cases(d) for d in NEXT_WEEKS[5:])


def test_two_weeks_of_history_fall_back_to_the_expected_volume_and_say_so():
    history = _pattern(END - dt.timedelta(days=13), END, seed=4)
    result = forecast.forecast_task(7, history, NEXT_WEEKS, expected_daily_volume=22)
    assert result.method is Method.FALLBACK
    assert result.history_weeks == 2
    assert result.model_errors is None and result.baseline_errors is None
    assert {result.cases(d) for d in NEXT_WEEKS} == {22.0}
    assert forecast.forecast_task(7, {}, NEXT_WEEKS, 5).method is Method.FALLBACK


def test_where_seasonal_naive_is_as_good_the_baseline_is_used():
    # The same numbers every week: last week's weekday is exactly right.
    history = {d: (50, 30, 30, 30, 20)[d.weekday()] for d in forecast.open_days(END - dt.timedelta(weeks=30), END)}
    result = forecast.forecast_task(7, history, NEXT_WEEKS, expected_daily_volume=10)
    assert result.baseline_errors.mae == 0
    assert result.method is Method.BASELINE
    assert [result.cases(d) for d in NEXT_WEEKS[:5]] == [50, 30, 30, 30, 20]


def test_danish_holidays_receive_nothing_and_the_next_work_day_takes_their_cases():
    assert forecast.easter_sunday(2026) == dt.date(2026, 4, 5)
    assert forecast.easter_sunday(2027) == dt.date(2027, 3, 28)
    assert {dt.date(2026, 4, 2), dt.date(2026, 4, 3), dt.date(2026, 4, 6), dt.date(2026, 5, 14)} <= (
        forecast.danish_holidays(2026)
    )
    assert dt.date(2026, 5, 1) not in forecast.danish_holidays(2026)  # Great Prayer Day is gone
    assert dt.date(2023, 5, 5) in forecast.danish_holidays(2023)
    christmas = calendar.work_days(dt.date(2026, 12, 21))  # Thu 24 and Fri 25 closed
    result = forecast.forecast_task(7, {}, [*christmas, dt.date(2026, 12, 28)], expected_daily_volume=10)
    assert [result.cases(d) for d in christmas] == [10, 10, 10, 0, 0]
    assert result.cases(dt.date(2026, 12, 28)) == 30  # Monday after: its own and two closed days'


def test_forecast_cases_become_hours_on_cases_and_paid_hours_through_the_planning_factors():
    need = forecast.hours_for_forecast(30, 12, FACTORS)
    assert need.case_hours == pytest.approx(6.0)  # 30 cases × 12 min
    assert need.paid_hours == pytest.approx(7.5)  # 6 of 7.5 paid hours are customer-facing
    assert forecast.hours_for_forecast(0, 12, FACTORS).paid_hours == 0
    assert forecast.hours_for_forecast(-3, 12, FACTORS).cases == 0


def _person(pid, name, tasks, *, hours=7.5, load=1.0, absent=None):
    return PlannablePerson(pid, name, hours, load, frozenset(tasks), absent or {})


def test_the_proposed_plan_respects_competences_absences_and_each_persons_hours():
    days = calendar.work_days(dt.date(2026, 11, 30))
    monday, tuesday = days[0], days[1]
    people = [
        _person(1, "Anne", {10, 11}),
        _person(2, "Bo", {10}, absent={monday: 7.5}),  # sick all Monday
        _person(3, "Cai", {11}, absent={tuesday: 3.75}),  # half a day off Tuesday
        _person(4, "Dorte", {10, 11}, load=0.75),  # the board leader
        _person(5, "Erik", {10, 11}, load=0.0),  # the team leader: not planned
        _person(6, "Finn", set()),  # competent on nothing
    ]
    needs = {(10, d): 9.0 for d in days} | {(11, d): 6.0 for d in days}
    proposal = forecast.propose_plan(days, needs, people, FACTORS, task_order=[10, 11])
    by_person = {p.person_id: p for p in people}
    assert proposal
    for a in proposal:
        assert a.task_id in by_person[a.person_id].competent_tasks
        assert a.hours > 0 and (a.hours * 4).is_integer()
    assert not [a for a in proposal if a.person_id in (5, 6)]
    assert not [a for a in proposal if a.person_id == 2 and a.date == monday]
    for person in people:
        for day in days:
            planned = sum(a.hours for a in proposal if a.person_id == person.person_id and a.date == day)
            present = person.daily_hours - person.absent_hours.get(day, 0)
            assert planned <= present * 0.9 + 1e-9  # the development reserve stays free
    cai_tuesday = sum(a.hours for a in proposal if a.person_id == 3 and a.date == tuesday)
    assert cai_tuesday == 3.25  # (7.5 − 3.75) × 0.9 in quarter hours
    covered = forecast.coverage(proposal, people, FACTORS)
    for day in days[1:]:  # with Bo, the team's capacity covers the 15 h on cases a day
        assert covered[(10, day)] >= 9.0 - 1e-9 and covered[(11, day)] >= 6.0 - 1e-9
    # Monday without Bo: everyone present is planned to capacity (2 × 5.4 + 4.05 h on cases).
    assert covered[(10, monday)] + covered[(11, monday)] == pytest.approx(14.85)


def test_a_need_beyond_the_teams_hours_is_planned_as_far_as_it_goes():
    day = dt.date(2026, 11, 30)
    people = [_person(1, "Anne", {10})]
    proposal = forecast.propose_plan([day], {(10, day): 40.0}, people, FACTORS, task_order=[10])
    assert [(a.task_id, a.hours) for a in proposal] == [(10, 6.75)]


def test_nobody_is_planned_on_a_public_holiday():
    christmas = calendar.work_days(dt.date(2026, 12, 21))  # Thursday 24 and Friday 25 are closed
    people = [_person(1, "Anne", {10})]
    proposal = forecast.propose_plan(christmas, {}, people, FACTORS, task_order=[10])
    assert sorted({a.date for a in proposal}) == list(christmas[:3])
