import datetime as dt

import pytest

from driftboard.status import (
    DayFigures,
    Status,
    TodayRule,
    WorkingHours,
    day_status,
    is_exception,
    judge_day,
    period_status,
    reaches,
    team_status,
)


def test_exactly_on_plan_is_green():
    assert day_status(DayFigures(planned=20, produced=20, past=True)) is Status.GREEN


def test_one_short_of_plan_is_red():
    assert day_status(DayFigures(planned=20, produced=19, past=True)) is Status.RED


def test_a_past_day_without_production_is_grey_never_green_or_red():
    assert day_status(DayFigures(planned=20, produced=None, past=True)) is Status.GREY
    assert period_status([DayFigures(20, 30, True), DayFigures(20, None, True)]) is Status.GREY


def test_a_day_with_nothing_planned_and_nothing_entered_has_no_status():
    assert day_status(DayFigures(planned=0, produced=None, past=True)) is Status.NONE
    assert day_status(DayFigures(planned=0, produced=0, past=True)) is Status.NONE


def test_today_before_registration_does_not_count():
    days = [DayFigures(20, 20, True), DayFigures(25, None, False)]
    assert period_status(days) is Status.GREEN


@pytest.mark.parametrize(
    "produced, tolerance, expected",
    [(18, 10, True), (17, 10, False), (20, 0, True), (19, 0, False), (0, 100, True)],
)
def test_tolerance_is_a_percentage_of_the_plan(produced, tolerance, expected):
    assert reaches(produced, 20, tolerance) is expected


def test_tolerance_must_be_a_percentage():
    with pytest.raises(ValueError):
        reaches(1, 1, 101)


def test_cumulated_production_over_plan_makes_up_for_a_red_day():
    days = [DayFigures(20, 15, True), DayFigures(20, 25, True)]
    assert day_status(days[0]) is Status.RED
    assert period_status(days) is Status.GREEN


def test_team_status_red_beats_grey_beats_green():
    assert team_status([Status.GREEN, Status.GREY, Status.RED]) is Status.RED
    assert team_status([Status.GREEN, Status.GREY]) is Status.GREY
    assert team_status([Status.GREEN, Status.NONE]) is Status.GREEN
    assert team_status([]) is Status.NONE


def test_the_share_of_the_working_day_is_clamped_to_the_day():
    hours = WorkingHours(dt.time(8, 0), dt.time(15, 30))
    assert hours.elapsed_share(dt.time(7, 0)) == 0
    assert hours.elapsed_share(dt.time(11, 45)) == pytest.approx(0.5)
    assert hours.elapsed_share(dt.time(18, 0)) == 1


def test_today_is_judged_pro_rata_only_once_production_is_entered():
    monday = dt.date(2026, 11, 30)
    at_nine = dt.datetime.combine(monday, dt.time(9, 0))
    assert judge_day(monday, 30, None, at_nine) == DayFigures(30, None, False)
    entered = judge_day(monday, 30, 5, at_nine)
    assert entered.past and entered.due == 4  # 30 × 60/450 minutes of the day
    assert judge_day(monday, 30, None, at_nine.replace(hour=16)).past  # day over: missing is grey
    assert not judge_day(monday, 30, 5, at_nine, rule=TodayRule.END_OF_DAY).past


def test_a_plan_with_nothing_due_yet_is_not_started_never_nothing_planned():
    assert period_status([DayFigures(20, None, False), DayFigures(20, None, False)]) is Status.NOT_STARTED
    assert period_status([DayFigures(0, None, False)]) is Status.NONE


def test_team_status_order_puts_not_started_below_green():
    assert team_status([Status.GREEN, Status.NOT_STARTED]) is Status.GREEN
    assert team_status([Status.NOT_STARTED, Status.NONE]) is Status.NOT_STARTED


def test_the_meeting_exceptions_are_behind_and_not_registered():
    assert [s for s in Status if is_exception(s)] == [Status.RED, Status.GREY]


def test_a_pinned_moment_is_local_time_and_stored_as_utc(monkeypatch):
    from driftboard import clock

    monkeypatch.setenv("DRIFTBOARD_NOW", "2026-11-30T09:15")
    monkeypatch.setenv("DRIFTBOARD_TIMEZONE", "Europe/Copenhagen")
    assert clock.now() == dt.datetime(2026, 11, 30, 9, 15) and clock.today() == dt.date(2026, 11, 30)
    assert clock.utcnow() == dt.datetime(2026, 11, 30, 8, 15)  # CET is UTC+1 in winter
