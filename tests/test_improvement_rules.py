import datetime as dt

import pytest

from driftboard.domain import Stage
from driftboard.improvement import (
    ACTIVE_STAGES,
    CardFacts,
    CardOrigin,
    CardText,
    is_scored,
    jitter,
    likely_duplicates,
    move_needs_confirmation,
    move_refusal,
    move_targets,
    next_stage,
    offers_ownership,
    on_matrix,
    origin_kind,
    over_limit,
    pareto,
    parse_wip_limits,
    quadrant,
    similarity,
    standards_since,
)

BARE = CardFacts(Stage.PRIORITISATION, impact=None, effort=None, owner_id=None, new_standard="", rejection_reason="")
READY = CardFacts(Stage.PRIORITISATION, impact=4, effort=2, owner_id=7, new_standard="", rejection_reason="")


def test_entering_plan_needs_scores_and_an_owner():
    assert move_refusal(BARE, Stage.PLAN) == "card.refuse.needs_scores"
    scored = CardFacts(Stage.PRIORITISATION, 4, 2, None, "", "")
    assert move_refusal(scored, Stage.PLAN) == "card.refuse.needs_owner"
    assert move_refusal(READY, Stage.PLAN) is None


def test_every_pdca_stage_and_standard_need_the_same_basics():
    for stage in (Stage.DO, Stage.CHECK, Stage.ACT, Stage.STANDARD):
        assert move_refusal(BARE, stage) == "card.refuse.needs_scores"


def test_standard_needs_the_new_standard_text():
    assert move_refusal(READY, Stage.STANDARD) == "card.refuse.needs_standard"
    with_text = CardFacts(Stage.ACT, 4, 2, 7, "Checklist in every first letter", "")
    assert move_refusal(with_text, Stage.STANDARD) is None


def test_rejecting_needs_a_reason_but_parking_and_intake_moves_do_not():
    assert move_refusal(BARE, Stage.REJECTED) == "card.refuse.needs_reason"
    assert move_refusal(CardFacts(Stage.INTAKE, None, None, None, "", "Out of scope"), Stage.REJECTED) is None
    assert move_refusal(BARE, Stage.PARKED) is None
    assert move_refusal(BARE, Stage.INTAKE) is None


def test_moving_to_the_same_stage_is_refused():
    assert move_refusal(BARE, Stage.PRIORITISATION) == "card.refuse.same_stage"


def test_wip_limits():
    limits = parse_wip_limits({"plan": 2, "do": 0, "nonsense": 3, "check": "x"})
    assert limits == {Stage.PLAN: 2}
    assert not over_limit(2, 2) and over_limit(3, 2) and not over_limit(99, None)
    assert not move_needs_confirmation(Stage.PLAN, {Stage.PLAN: 1}, limits)
    assert move_needs_confirmation(Stage.PLAN, {Stage.PLAN: 2}, limits)
    assert not move_needs_confirmation(Stage.DO, {Stage.DO: 50}, limits)


MUST_MATCH = [
    ("Income documentation checklist for customers", "Income documentation checklist also for customer contact"),
    ("Missing payslips in consumer loan applications", "Customers forget payslips on consumer loan applications"),
    (
        "Robot stops on land registry replies with remarks",
        "Land registry replies need manual handling when robot stops",
    ),
]
MUST_NOT_MATCH = [
    ("Wrong account number on payout", "Payout account checked twice"),
    ("Enquiries sent to the wrong mailbox", "Land registry rejections reach the wrong person"),
    ("Morning meeting runs over 15 minutes", "Signature on wrong page"),
    ("Phone queue message is outdated", "Templates for home loan documents are outdated"),
]


@pytest.mark.parametrize("a, b", MUST_MATCH)
def test_duplicate_suggestions_find_the_same_problem_in_other_words(a, b):
    found = likely_duplicates(CardText(1, 1, a), [CardText(2, 2, b)])
    assert [c.id for c, _ in found] == [2], similarity(CardText(1, 1, a), CardText(2, 2, b))


@pytest.mark.parametrize("a, b", MUST_NOT_MATCH)
def test_duplicate_suggestions_leave_merely_related_cards_alone(a, b):
    assert likely_duplicates(CardText(1, 1, a), [CardText(2, 2, b)]) == []


def test_duplicates_are_looked_for_in_other_teams_only():
    a, b = MUST_MATCH[0]
    assert likely_duplicates(CardText(1, 1, a), [CardText(2, 1, b)]) == []


def test_pareto_sorts_and_accumulates_with_the_vital_few():
    rows = pareto(
        {"Other": 3, "Missing payslips": 40, "Wrong account": 22, "Missing vehicle no.": 15, "Expired ID": 7, "Zero": 0}
    )
    assert [r.category for r in rows] == [
        "Missing payslips",
        "Wrong account",
        "Missing vehicle no.",
        "Expired ID",
        "Other",
    ]
    assert rows[0].share_pct == pytest.approx(40 / 87 * 100)
    assert rows[-1].cumulative_pct == pytest.approx(100)
    assert [r.vital_few for r in rows] == [True, True, True, False, False]  # 46 %, 71 %, 89 % crosses 80 %


def test_pareto_of_nothing_is_empty_and_ties_sort_by_name():
    assert pareto({}) == []
    assert [r.category for r in pareto({"b": 2, "a": 2})] == ["a", "b"]


def test_quadrants_and_stable_jitter():
    assert quadrant(5, 1) == "quick_wins"
    assert quadrant(5, 5) == "big_projects"
    assert quadrant(1, 1) == "fill_ins"
    assert quadrant(2, 4) == "thankless"
    assert jitter(7) == jitter(7) and jitter(7) != jitter(8)
    assert all(abs(v) <= 0.28 for v in jitter(12345))


def test_the_next_stage_follows_the_board_and_stops_at_the_end_and_the_side():
    assert next_stage(Stage.INTAKE) is Stage.PRIORITISATION
    assert next_stage(Stage.ACT) is Stage.STANDARD
    assert next_stage(Stage.STANDARD) is None
    assert next_stage(Stage.PARKED) is None and next_stage(Stage.REJECTED) is None


def test_a_card_can_be_sent_to_every_stage_but_its_own():
    targets = move_targets(Stage.PLAN)
    assert Stage.PLAN not in targets and len(targets) == len(Stage) - 1
    assert targets[0] is Stage.INTAKE  # board order


def test_the_matrix_places_only_cards_waiting_to_be_chosen():
    assert [s for s in Stage if on_matrix(s)] == [Stage.INTAKE, Stage.PRIORITISATION]


def test_active_cards_are_the_ones_still_on_the_way_to_a_standard():
    assert Stage.STANDARD not in ACTIVE_STAGES and Stage.PARKED not in ACTIVE_STAGES
    assert Stage.INTAKE in ACTIVE_STAGES and Stage.ACT in ACTIVE_STAGES


def test_a_card_is_scored_only_with_both_scores():
    assert is_scored(3, 1)
    assert not is_scored(3, None) and not is_scored(None, 2)


def test_the_standards_wall_looks_back_eight_weeks_from_midnight():
    assert standards_since(dt.date(2026, 11, 25)) == dt.datetime(2026, 9, 30, 0, 0)


def test_origin_kinds_are_read_from_the_stored_text_and_unknown_ones_are_ignored():
    assert origin_kind("pareto") is CardOrigin.PARETO
    assert origin_kind("goal_action") is CardOrigin.GOAL_ACTION
    assert origin_kind(None) is None and origin_kind("") is None and origin_kind("retired_kind") is None


def test_take_ownership_is_offered_unless_the_person_already_owns_the_card():
    assert offers_ownership(owner_id=None, person_id=7)
    assert offers_ownership(owner_id=3, person_id=7)
    assert not offers_ownership(owner_id=7, person_id=7)
    assert offers_ownership(owner_id=None, person_id=None)  # then asked to say who they are
