"""The second look (``driftboard.plausibility.second_look``): one rule for the forms, the grids,
the imports and the API, said in the viewer's language."""

from __future__ import annotations

import datetime as dt

import pytest

from driftboard import targets
from driftboard.domain import Comparator, Direction, MeasureKind, Period
from driftboard.plausibility import Basis, Doubt, RowDoubt, second_look


def test_production_more_than_three_times_the_plan_is_doubted_and_said_with_both_numbers():
    doubt = second_look(766, plan=24)
    assert doubt == Doubt(766, Basis.PLAN, 24)
    assert doubt.text("en") == "766 against a plan of 24"
    assert doubt.text("da") == "766 mod en plan på 24"


@pytest.mark.parametrize("value", [0, 24, 60, 72])
def test_up_to_three_times_the_plan_is_plausible(value):
    assert second_look(value, plan=24) is None


def test_without_a_plan_there_is_nothing_to_judge_against():
    assert second_look(766, plan=0) is None
    assert second_look(766) is None


def test_production_above_the_open_cases_counted_for_the_day_is_doubted():
    assert second_look(31, plan=30, open_cases=30) == Doubt(31, Basis.HOLDINGS, 30)
    assert second_look(30, plan=30, open_cases=30) is None
    assert second_look(1, open_cases=0) == Doubt(1, Basis.HOLDINGS, 0)


def test_open_holdings_more_than_three_times_the_previous_count_are_doubted():
    assert second_look(1200, previous=120) == Doubt(1200, Basis.PREVIOUS, 120)
    assert second_look(360, previous=120) is None
    assert second_look(1200, previous=0) is None  # nothing counted before: nothing to judge against


def test_a_measure_value_more_than_five_times_its_target_is_doubted_either_sign():
    assert second_look(985, target=(98, 98)) == Doubt(985, Basis.TARGET, 98)  # 98,5 % lost its comma
    assert second_look(490, target=(98, 98)) is None
    assert second_look(-250, target=(30, 42)) == Doubt(-250, Basis.TARGET, 42)
    assert second_look(31, target=(0, 6)) == Doubt(31, Basis.TARGET, 6)
    assert second_look(5, target=(0, 0)) is None
    assert Doubt(7.5, Basis.TARGET, 1.5).text("da") == "7,5 mod et mål på 1,5"


def test_an_import_row_says_it_was_saved_and_asks_for_a_look():
    row = RowDoubt(2, "produced", Doubt(766, Basis.PLAN, 24))
    assert row.text("en") == "766 against a plan of 24: saved, check that it is right"
    assert row.text("da") == "766 mod en plan på 24: gemt, tjek at det er rigtigt"


def test_the_target_range_of_a_kpi_spans_baseline_target_and_profile_and_a_control_its_threshold():
    kpi = targets.MeasureDef(
        MeasureKind.KPI,
        Period.WEEK,
        direction=Direction.HIGHER_IS_BETTER,
        baseline=30,
        baseline_date=dt.date(2026, 1, 1),
        target=42,
        target_date=dt.date(2026, 12, 31),
        profile={dt.date(2026, 6, 30): 45.0},
    )
    assert targets.target_range(kpi) == (30, 45)
    control = targets.MeasureDef(MeasureKind.CONTROL, Period.WEEK, comparator=Comparator.GT, threshold=98)
    assert targets.target_range(control) == (98, 98)
    assert targets.target_range(targets.MeasureDef(MeasureKind.OPERATIONAL, Period.WEEK)) is None
