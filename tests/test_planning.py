import pytest

from driftboard import planning
from driftboard.planning import PlanningFactors

DEMO = PlanningFactors(daily_hours=7.5, customer_facing_hours=6, board_leader_load_pct=75, development_reserve_pct=10)


def test_a_full_day_gives_the_customer_facing_hours():
    assert planning.customer_facing(7.5, DEMO) == pytest.approx(6.0)


def test_capacity_takes_off_the_development_reserve():
    assert planning.person_capacity(7.5, DEMO) == pytest.approx(6.0 * 0.9)


def test_board_leader_counts_at_reduced_load():
    assert planning.person_capacity(7.5, DEMO, is_board_leader=True) == pytest.approx(6.0 * 0.75 * 0.9)


def test_absence_beyond_the_day_leaves_zero_not_negative_capacity():
    assert planning.person_capacity(7.5, DEMO, absent_hours=9) == 0
    assert planning.person_capacity(7.5, DEMO, absent_hours=3.75) == pytest.approx(3.0 * 0.9)


def test_planned_volume_rounds_down():
    assert planning.planned_volume(6, 35) == 10  # 10.28…
    assert planning.planned_volume(6, 20) == 18  # exactly 18


def test_planned_volume_is_not_lost_to_floating_point():
    # 4.2 h × 60 / 12 min is 20.999… in binary floating point; it is 21 cases.
    assert planning.planned_volume(4.2, 12) == 21


def test_planned_volume_of_zero_hours_is_zero():
    assert planning.planned_volume(0, 12) == 0


@pytest.mark.parametrize("minutes", [0, -5])
def test_planned_volume_rejects_zero_or_negative_minutes(minutes):
    with pytest.raises(ValueError, match="minutes per case"):
        planning.planned_volume(6, minutes)


def test_factors_from_a_team_override_the_unit_and_none_inherits():
    unit = {"daily_hours": 7.5, "customer_facing_hours": 6, "board_leader_load_pct": 75, "development_reserve_pct": 10}
    team = {"customer_facing_hours": 5.5, "development_reserve_pct": None}
    factors = planning.resolve_factors(unit, None, team)
    assert factors.customer_facing_hours == 5.5
    assert factors.development_reserve_pct == 10


def test_factors_refuse_more_customer_facing_than_daily_hours():
    with pytest.raises(ValueError, match="customer-facing"):
        PlanningFactors(daily_hours=7, customer_facing_hours=8)


def test_hours_needed_for_a_volume():
    assert planning.hours_needed(24, 35) == pytest.approx(14.0)
