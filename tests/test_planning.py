import pytest

from driftboard import planning
from driftboard.planning import PlanningFactors

DEMO = PlanningFactors(daily_hours=7.5, customer_facing_hours=6, board_leader_load_pct=75, development_reserve_pct=10)


def test_a_full_day_gives_the_customer_facing_hours():
    assert planning.customer_facing(7.5, DEMO) == pytest.approx(6.0)


def test_capacity_takes_off_the_development_reserve():
    assert planning.person_capacity(7.5, DEMO) == pytest.approx(6.0 * 0.9)


def test_board_leader_counts_at_reduced_load():
    load = planning.person_load(["board_leader"], DEMO)
    assert planning.person_capacity(7.5, DEMO, load=load) == pytest.approx(6.0 * 0.75 * 0.9)


def test_a_team_leader_counts_in_capacity_only_when_running_the_board():
    assert planning.capacity_load(["team_leader"], DEMO) == 0
    assert planning.capacity_load(["team_leader", "board_leader"], DEMO) == pytest.approx(0.75)
    assert planning.capacity_load(["loans_case_handler"], DEMO) == 1


def test_planned_hours_of_the_board_leader_give_fewer_cases_than_a_full_load():
    full = planning.case_hours(7.5, DEMO, planning.person_load([], DEMO))
    leader = planning.case_hours(7.5, DEMO, planning.person_load(["board_leader"], DEMO))
    assert full == pytest.approx(6.0)
    assert leader == pytest.approx(4.5)
    assert planning.planned_volume(leader, 15) < planning.planned_volume(full, 15)


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


# --------------------------------------------------------------------------- competent capacity


@pytest.mark.parametrize(
    "need_hours, margin, required",
    [(0.0, 1, 3), (5.99, 1, 3), (6.0, 1, 2), (9.0, 1, 3), (12.0, 1, 3), (12.1, 1, 4), (6.0, 0, 1)],
)
def test_competence_rule_three_under_one_fte_else_fte_plus_margin(need_hours, margin, required):
    # DEMO: 6 customer-facing hours = 1 FTE
    assert planning.required_competent(need_hours, DEMO, margin) == required


def test_competence_check_flags_a_task_below_the_rule():
    check = planning.check_competence(7, 3.0, competent=2, factors=DEMO)
    assert (check.required, check.ok) == (3, False)
    assert planning.check_competence(7, 3.0, competent=3, factors=DEMO).ok


def test_capacity_gap_uses_the_larger_of_expected_volume_and_cases_due_today():
    # 24 cases × 30 min = 12 h needed; 7.5 planned h → 6 customer-facing h; 6 h short
    assert planning.capacity_gap(6.0, 30, expected_volume=24) == pytest.approx(6.0)
    # 30 due + 6 overdue → 36 cases = 18 h
    assert planning.capacity_gap(6.0, 30, expected_volume=24, due_today=30, overdue=6) == pytest.approx(12.0)
    assert planning.capacity_gap(24, 30, expected_volume=24) == 0


def _person(pid, team, level, *, daily=7.5, absent=0.0, assigned=7.5, overtime=0.0):
    return planning.PersonDay(pid, f"P{pid}", team, f"T{team}", daily, absent, assigned, overtime, level)


def test_borrow_candidates_are_competent_people_of_other_teams_with_free_hours():
    people = [
        _person(1, 1, "expert", assigned=3),  # own team: not a borrow candidate
        _person(2, 2, "competent", assigned=5.5),  # 2 h free
        _person(3, 2, "expert", assigned=3.5),  # 4 h free
        _person(4, 3, "in_training", assigned=0),  # not competent
        _person(5, 3, "expert", assigned=7.5),  # no free hours
        _person(6, 3, None, assigned=0),  # no competence
        _person(7, 3, "competent", absent=7.5, assigned=0),  # absent
    ]
    found = planning.borrow_candidates(people, own_team_id=1)
    assert [(c.person_id, c.hours) for c in found] == [(3, 4.0), (2, 2.0)]


def test_overtime_candidates_have_room_left_under_the_weekly_cap():
    people = [
        _person(1, 1, "expert", overtime=0.5),
        _person(2, 1, "competent", overtime=2.0),  # cap used
        _person(3, 1, "expert", absent=7.5),  # absent today
        _person(4, 2, "expert"),  # other team
        _person(5, 1, "in_training"),
    ]
    found = planning.overtime_candidates(people, own_team_id=1, factors=DEMO)
    assert [(c.person_id, c.hours) for c in found] == [(1, 1.5)]


def test_overtime_used_counts_hours_beyond_the_present_day():
    week = [(7.5, 0, 8.5), (7.5, 3.75, 4.0), (7.5, 0, 7.5), (7.5, 7.5, 0)]
    assert planning.overtime_used(week) == pytest.approx(1.25)


def test_team_capacity_applies_every_factor():
    people = [(7.5, 0, 1.0), (7.5, 0, 0.75), (7.5, 7.5, 1.0)]
    assert planning.team_capacity(people, DEMO) == pytest.approx(6 * 0.9 + 6 * 0.75 * 0.9)
