import datetime as dt

import pytest

from driftboard import targets
from driftboard.domain import Comparator, Direction, MeasureKind, Period, RollUp
from driftboard.targets import MeasureDef, Verdict

JAN1, DEC31 = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
RISING = MeasureDef(MeasureKind.KPI, Period.WEEK, Direction.HIGHER_IS_BETTER, 0, JAN1, 6, DEC31)
FALLING = MeasureDef(MeasureKind.KPI, Period.WEEK, Direction.LOWER_IS_BETTER, 5.0, JAN1, 4.4, DEC31)


def test_a_rising_curve_goes_evenly_from_baseline_to_target():
    assert targets.target_at(RISING, JAN1) == 0
    assert targets.target_at(RISING, DEC31) == 6
    mid = JAN1 + (DEC31 - JAN1) / 2
    assert targets.target_at(RISING, mid) == pytest.approx(3.0)


def test_a_falling_curve_goes_down():
    assert targets.target_at(FALLING, dt.date(2026, 7, 2)) == pytest.approx(4.7, abs=0.01)
    assert targets.target_at(FALLING, DEC31) == pytest.approx(4.4)


def test_before_the_start_is_the_baseline_and_after_the_end_the_target():
    assert targets.target_at(RISING, dt.date(2025, 6, 1)) == 0
    assert targets.target_at(RISING, dt.date(2027, 3, 1)) == 6
    assert targets.target_at(FALLING, dt.date(2025, 6, 1)) == 5.0
    assert targets.target_at(FALLING, dt.date(2027, 3, 1)) == 4.4


def test_the_target_of_a_period_is_the_curve_on_its_last_day():
    monday = dt.date(2026, 11, 16)
    assert targets.target_for_period(RISING, monday) == pytest.approx(targets.target_at(RISING, dt.date(2026, 11, 22)))
    monthly = MeasureDef(MeasureKind.KPI, Period.MONTH, Direction.HIGHER_IS_BETTER, 0, JAN1, 6, DEC31)
    assert targets.target_for_period(monthly, dt.date(2026, 12, 1)) == 6  # December ends on the target date


def test_a_custom_profile_bends_the_curve_through_its_points():
    seasonal = MeasureDef(
        MeasureKind.KPI, Period.MONTH, Direction.HIGHER_IS_BETTER, 0, JAN1, 6, DEC31,
        profile={dt.date(2026, 6, 30): 1.0, dt.date(2026, 9, 30): 5.0},
    )  # fmt: skip
    assert targets.target_at(seasonal, dt.date(2026, 6, 30)) == 1.0
    assert targets.target_at(seasonal, dt.date(2026, 9, 30)) == 5.0
    aug15 = targets.target_at(seasonal, dt.date(2026, 8, 15))
    assert 1.0 < aug15 < 5.0
    assert targets.target_at(seasonal, DEC31) == 6


def test_profile_text_reads_months_and_dates():
    assert targets.parse_profile("2026-03: 1,5; 2026-06-15=3") == {dt.date(2026, 3, 31): 1.5, dt.date(2026, 6, 15): 3.0}
    for bad in ("2026-13: 1", "March: 1", "2026-03 1", "2026-03: x"):
        with pytest.raises(ValueError):
            targets.parse_profile(bad)


@pytest.mark.parametrize(
    "text, period, expected",
    [
        ("2026-W47", Period.WEEK, dt.date(2026, 11, 16)),
        ("2026-11-19", Period.WEEK, dt.date(2026, 11, 16)),
        ("19-11-2026", Period.WEEK, dt.date(2026, 11, 16)),
        ("2026-11", Period.MONTH, dt.date(2026, 11, 1)),
        ("2026-11", Period.WEEK, None),
        ("2026-W54", Period.WEEK, None),
        ("soon", Period.WEEK, None),
    ],
)
def test_periods_are_read_as_weeks_months_or_dates(text, period, expected):
    assert targets.parse_period(text, period) == expected


def test_previous_period_is_the_last_complete_one():
    assert targets.previous_period(dt.date(2026, 11, 25), Period.WEEK) == dt.date(2026, 11, 16)
    assert targets.previous_period(dt.date(2026, 1, 3), Period.MONTH) == dt.date(2025, 12, 1)


@pytest.mark.parametrize(
    "value, target, direction, tolerance, expected",
    [
        (3.0, 3.0, Direction.HIGHER_IS_BETTER, 0, Verdict.ON_TRACK),  # exactly on target
        (2.99, 3.0, Direction.HIGHER_IS_BETTER, 0, Verdict.BEHIND),
        (2.9, 3.0, Direction.HIGHER_IS_BETTER, 5, Verdict.ON_TRACK),  # within 5 % of 3
        (2.8, 3.0, Direction.HIGHER_IS_BETTER, 5, Verdict.BEHIND),
        (4.5, 4.5, Direction.LOWER_IS_BETTER, 0, Verdict.ON_TRACK),
        (4.51, 4.5, Direction.LOWER_IS_BETTER, 0, Verdict.BEHIND),
        (4.4, 4.5, Direction.LOWER_IS_BETTER, 0, Verdict.ON_TRACK),
        (None, 4.5, Direction.LOWER_IS_BETTER, 0, Verdict.NOT_REGISTERED),
    ],
)
def test_kpi_verdict_is_direction_aware(value, target, direction, tolerance, expected):
    assert targets.kpi_verdict(value, target, direction, tolerance) is expected


@pytest.mark.parametrize(
    "value, comparator, expected",
    [
        (98.0, Comparator.GT, Verdict.BREACHED),
        (98.1, Comparator.GT, Verdict.WITHIN),
        (98.0, Comparator.GE, Verdict.WITHIN),
        (2.0, Comparator.LT, Verdict.BREACHED),
        (1.9, Comparator.LT, Verdict.WITHIN),
        (None, Comparator.LT, Verdict.NOT_REGISTERED),
    ],
)
def test_control_verdict(value, comparator, expected):
    threshold = 98.0 if comparator in (Comparator.GT, Comparator.GE) else 2.0
    assert targets.control_verdict(value, comparator, threshold) is expected


def test_operational_measures_get_no_verdict():
    m = MeasureDef(MeasureKind.OPERATIONAL, Period.WEEK)
    assert targets.verdict(m, 10, None) is Verdict.NONE
    assert targets.verdict(m, None, None) is Verdict.NOT_REGISTERED


def test_gap_is_positive_when_ahead_in_the_kpis_direction():
    assert targets.gap(5, 4, Direction.HIGHER_IS_BETTER) == 1
    assert targets.gap(4.2, 4.4, Direction.LOWER_IS_BETTER) == pytest.approx(0.2)


def test_rollup_methods():
    values = [(1.0, 100.0), (2.0, 300.0)]
    assert targets.rollup(RollUp.SUM, values) == 3.0
    assert targets.rollup(RollUp.MEAN, values) == 1.5
    assert targets.rollup(RollUp.WEIGHTED_MEAN, values) == pytest.approx(1.75)
    assert targets.rollup(RollUp.WEIGHTED_MEAN, [(1.0, None), (2.0, None)]) == 1.5  # no weights: plain mean
    assert targets.rollup(RollUp.WORST, [(98.5, None), (97.9, None)], Comparator.GT) == 97.9
    assert targets.rollup(RollUp.WORST, [(1.5, None), (2.3, None)], Comparator.LT) == 2.3


def test_a_missing_child_value_makes_the_rollup_missing():
    assert targets.rollup(RollUp.SUM, [(1.0, None), (None, None)]) is None
    assert targets.rollup(RollUp.SUM, []) is None
