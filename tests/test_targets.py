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


# --------------------------------------------------------------------------- definitions


def _kpi(**changes) -> MeasureDef:
    from dataclasses import replace

    return replace(RISING, **changes)


@pytest.mark.parametrize(
    "definition, field, key",
    [
        (_kpi(target=0), "target", "goals.err.flat"),
        (_kpi(baseline=None), "target", "goals.err.kpi_fields"),
        (_kpi(target_date=JAN1), "target_date", "goals.err.dates"),
        (_kpi(direction=Direction.LOWER_IS_BETTER), "direction", "goals.err.direction"),
        (MeasureDef(MeasureKind.CONTROL, Period.WEEK, comparator=Comparator.GT), "threshold", "goals.err.control"),
        (_kpi(tolerance_pct=120), "tolerance_pct", "goals.err.tolerance"),
    ],
)
def test_a_definition_the_board_cannot_judge_is_refused_with_a_catalogue_key(definition, field, key):
    from driftboard.domain import DomainError
    from driftboard.i18n import CATALOGUE

    with pytest.raises(DomainError) as info:
        targets.check_measure("FTE saved", definition)
    assert (info.value.params["field"], info.value.message_key) == (field, key)
    assert key in CATALOGUE


def test_a_nameless_measure_and_a_precision_out_of_range_are_refused():
    from driftboard.domain import DomainError

    with pytest.raises(DomainError) as info:
        targets.check_measure("  ", RISING)
    assert info.value.message_key == "goals.err.name"
    with pytest.raises(DomainError) as info:
        targets.check_measure("FTE saved", RISING, decimals=5)
    assert info.value.message_key == "goals.err.decimals"
    targets.check_measure("FTE saved", RISING, decimals=2)
    targets.check_measure("Incoming", MeasureDef(MeasureKind.OPERATIONAL, Period.WEEK))


def test_the_target_curve_covers_every_week_of_the_year_and_only_kpis_have_one():
    curve = targets.target_curve(RISING, 2026)
    assert len(curve) == len(targets.periods_between(JAN1, DEC31, Period.WEEK))
    assert curve[0][1] < curve[-1][1] <= 6
    assert targets.target_curve(MeasureDef(MeasureKind.OPERATIONAL, Period.WEEK), 2026) == []


def test_targets_roll_up_as_a_mean_where_control_values_take_the_worst():
    pairs = [(2.0, None), (4.0, None)]
    assert targets.rollup_targets(RollUp.WORST, pairs) == 3.0
    assert targets.rollup_targets(RollUp.SUM, pairs) == 6.0
    assert targets.rollup(RollUp.WORST, pairs, Comparator.GT) == 2.0


# --------------------------------------------------------------------------- the board


def test_the_board_shows_kpis_then_controls_then_operational_measures():
    kinds = [MeasureKind.OPERATIONAL, MeasureKind.KPI, MeasureKind.CONTROL, MeasureKind.KPI]
    assert sorted(kinds, key=targets.board_rank) == [
        MeasureKind.KPI,
        MeasureKind.KPI,
        MeasureKind.CONTROL,
        MeasureKind.OPERATIONAL,
    ]


def test_a_week_without_values_is_not_all_clear():
    empty_week = targets.tally([Verdict.NOT_REGISTERED] * 7)
    assert (empty_week.total, empty_week.problems, empty_week.not_registered) == (7, 0, 7)
    assert not empty_week.all_clear
    mixed = targets.tally([Verdict.ON_TRACK, Verdict.BREACHED, Verdict.NOT_REGISTERED, Verdict.NONE])
    assert (mixed.problems, mixed.not_registered, mixed.all_clear) == (1, 1, False)
    assert targets.tally([Verdict.ON_TRACK, Verdict.WITHIN, Verdict.NONE]).all_clear


def test_only_a_measure_behind_or_breached_takes_an_action_due_in_two_weeks():
    assert [v for v in Verdict if targets.takes_action(v)] == [Verdict.BEHIND, Verdict.BREACHED]
    assert targets.default_due_date(dt.date(2026, 11, 25)) == dt.date(2026, 12, 9)


# --------------------------------------------------------------------------- display precision


def test_without_a_setting_a_value_shows_the_decimals_it_needs_up_to_two():
    assert [targets.shown_decimals(v, None) for v in (22.0, 21.5, 21.96, 21.9612)] == [0, 1, 2, 2]
    assert targets.shown_decimals(22.0, 3) == 3  # the measure's setting wins


def test_a_gap_never_rounds_to_zero():
    assert targets.gap_decimals(0.04, 0) == 2  # 22 days vs 21.96: "0.04", never "−0"
    assert targets.gap_decimals(1.5, 0) == 0
    assert targets.gap_decimals(0.0, 1) == 1
