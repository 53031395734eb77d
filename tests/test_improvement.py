"""Improvement-board services on the demo unit: cards, ownership, moves, concurrency, history."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from db.engine import write_session
from driftboard.domain import Actor, ConflictError, DomainError, NotFoundError, Stage
from driftboard.i18n import LANGUAGES, t
from driftboard.services import improvement, improvement_board, improvement_coordination, improvement_pareto, masterdata
from tests.databases import Database

SOFIE = Actor("Sofie Dahl")


def _mortgage(engine):
    return masterdata.find_team("mortgage", engine)


def _card(engine, title):
    return next(c for c in improvement_board.board(_mortgage(engine).id, engine).cards if c.title == title)


def _person(engine, name):
    people = masterdata.people_frame(_mortgage(engine).id, engine)
    return int(people.set_index("name").loc[name, "id"])


def test_a_new_card_lands_in_intake_with_its_proposer(demo_engine):
    team = _mortgage(demo_engine)
    card_id = improvement.create_card(
        SOFIE,
        team.id,
        title="Scan mail on arrival",
        problem="Post waits",
        proposer_id=_person(demo_engine, "Sofie Dahl"),
        engine=demo_engine,
    )
    card = improvement_board.card(card_id, demo_engine)
    assert (card.stage, card.proposer, card.owner) == (Stage.INTAKE, "Sofie Dahl", None)
    with pytest.raises(DomainError):
        improvement.create_card(SOFIE, team.id, title="  ", engine=demo_engine)


def test_anyone_can_take_ownership_of_a_card_someone_else_proposed(demo_engine):
    card = _card(demo_engine, "Standard phrases for payout emails")  # proposed by Rasmus Holt
    improvement.take_ownership(
        SOFIE, card.id, _person(demo_engine, "Sofie Dahl"), seen_version=card.version, engine=demo_engine
    )
    after = improvement_board.card(card.id, demo_engine)
    assert after.owner == "Sofie Dahl" and after.proposer == "Rasmus Holt"
    assert improvement_board.history(card.id, demo_engine)[0].kind.value == "owner_taken"


def test_a_refused_move_says_why_and_changes_nothing(demo_engine):
    card = _card(demo_engine, "Standard phrases for payout emails")
    with pytest.raises(DomainError) as info:
        improvement.move_card(SOFIE, card.id, Stage.PLAN, seen_version=card.version, engine=demo_engine)
    assert info.value.message_key == "card.refuse.needs_scores"
    assert info.value.params == {"stage": "plan"}  # the kind; the page says it in the viewer's language
    assert "impact and an effort score" in info.value.message
    assert improvement_board.card(card.id, demo_engine).stage is Stage.INTAKE


def test_two_people_moving_the_same_card_at_once_one_wins_the_other_is_told(demo_engine, demo_url):
    card = _card(demo_engine, "Standard phrases for payout emails")
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def mover(name: str, to: Stage) -> None:
        barrier.wait()
        try:
            improvement.move_card(Actor(name), card.id, to, seen_version=card.version, engine=demo_engine)
            outcomes[name] = "moved"
        except ConflictError as error:
            outcomes[name] = error

    threads = [
        threading.Thread(target=mover, args=("Anders Bech", Stage.PRIORITISATION)),
        threading.Thread(target=mover, args=("Jonas Vester", Stage.PARKED)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [name for name, result in outcomes.items() if result == "moved"]
    losers = [result for result in outcomes.values() if isinstance(result, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].changed_by == winners[0]
    assert "stage" in losers[0].changed_fields
    moves = list(Database(demo_url).query("select * from card_events where card_id = ? and kind = 'moved'", [card.id]))
    assert len(moves) == 1


def test_history_records_every_move_and_edit_with_who_and_from_to(demo_engine):
    card = _card(demo_engine, "Standard phrases for payout emails")
    version = improvement.edit_card(
        SOFIE, card.id, {"impact": 3, "effort": 1}, seen_version=card.version, engine=demo_engine
    )
    improvement.move_card(SOFIE, card.id, Stage.PRIORITISATION, seen_version=version, engine=demo_engine)
    improvement.add_comment(SOFIE, card.id, "Use the five most common phrases", engine=demo_engine)
    events = improvement_board.history(card.id, demo_engine)
    assert [e.kind.value for e in events[:4]] == ["comment", "moved", "edited", "edited"]
    move = events[1]
    assert (move.actor, move.old_value, move.new_value) == ("Sofie Dahl", "intake", "prioritisation")


def test_duplicates_across_teams_are_suggested_and_can_be_linked(demo_engine):
    home = masterdata.find_team("home-coop", demo_engine)
    card_id = improvement.create_card(
        SOFIE,
        home.id,
        title="Missing payslips on consumer loans",
        problem="Customers forget payslips",
        engine=demo_engine,
    )
    suggestions = improvement_coordination.duplicate_suggestions(card_id, demo_engine)
    assert suggestions[0][0].title == "Missing payslips in consumer loan applications"
    improvement.link_cards(SOFIE, card_id, suggestions[0][0].id, engine=demo_engine)
    assert [c.id for c in improvement_board.related(card_id, demo_engine)] == [suggestions[0][0].id]
    assert suggestions[0][0].id not in {
        c.id for c, _ in improvement_coordination.duplicate_suggestions(card_id, demo_engine)
    }


def test_the_standards_wall_shows_recent_new_standards(demo_engine):
    wall = improvement_board.standards(_mortgage(demo_engine).id, dt.datetime(2026, 10, 1), demo_engine)
    assert [c.title for c in wall] == ["Income documentation checklist for customers"]
    assert wall[0].new_standard.startswith("Every first letter")


def test_error_counts_feed_the_pareto(demo_engine):
    team = _mortgage(demo_engine)
    counts = improvement_pareto.error_counts(team.id, dt.date(2026, 9, 1), dt.date(2026, 11, 30), engine=demo_engine)
    assert max(counts, key=counts.get) == "Missing income documentation"
    improvement_pareto.register_errors(
        SOFIE, team.id, day=dt.date(2026, 11, 24), category="Wrong property ID", count=60, engine=demo_engine
    )
    counts = improvement_pareto.error_counts(team.id, dt.date(2026, 9, 1), dt.date(2026, 11, 30), engine=demo_engine)
    assert max(counts, key=counts.get) == "Wrong property ID"
    with pytest.raises(DomainError):
        improvement_pareto.register_errors(
            SOFIE, team.id, day=dt.date(2026, 11, 24), category="x", count=0, engine=demo_engine
        )


def test_duplicate_pairs_across_the_units_teams_skip_linked_ones(demo_engine):
    home = masterdata.find_team("home-coop", demo_engine)
    card_id = improvement.create_card(SOFIE, home.id, title="Missing payslips on consumer loans", engine=demo_engine)
    pairs = improvement_coordination.duplicate_pairs(home.unit_id, demo_engine)
    match = next(p for p in pairs if card_id in (p[0].id, p[1].id))
    assert match[0].team_id != match[1].team_id and match[2] >= 75
    other = match[1] if match[0].id == card_id else match[0]
    improvement.link_cards(SOFIE, card_id, other.id, engine=demo_engine)
    assert all(
        card_id not in (a.id, b.id) or other.id not in (a.id, b.id)
        for a, b, _ in improvement_coordination.duplicate_pairs(home.unit_id, demo_engine)
    )


def test_a_composite_intent_creates_a_card_inside_its_own_transaction(demo_engine):
    team = _mortgage(demo_engine)
    params = {"action_id": 7, "measure": "Lead time", "org": "Mortgage", "period_start": "2026-11-23"}
    with write_session(SOFIE, demo_engine) as s:
        card_id = improvement._create_card(
            s, SOFIE, team.id, title="Shorter lead time", idea="Call back the same day",
            origin_kind="goal_action", origin_params=params,
        )  # fmt: skip
    card = improvement_board.card(card_id, demo_engine)
    assert (card.stage, card.origin_kind, card.origin_params, card.origin) == (Stage.INTAKE, "goal_action", params, "")
    assert [e.kind.value for e in improvement_board.history(card_id, demo_engine)] == ["created"]


def test_a_card_created_in_a_transaction_that_fails_later_is_not_kept(demo_engine):
    team = _mortgage(demo_engine)
    before = len(improvement_board.board(team.id, demo_engine).cards)
    with pytest.raises(DomainError), write_session(SOFIE, demo_engine) as s:
        card_id = improvement._create_card(s, SOFIE, team.id, title="Half an intent")
        improvement._move_card(s, SOFIE, card_id, Stage.PLAN, seen_version=None)  # refused: not scored
    assert len(improvement_board.board(team.id, demo_engine).cards) == before


REASONS = {
    "no title": "card.refuse.needs_title",
    "not a team": "card.err.team_only",
    "unknown field": "card.err.unknown_fields",
    "impact range": "card.err.impact_range",
    "effort range": "card.err.effort_range",
    "empty title": "card.refuse.needs_title",
    "needs scores": "card.refuse.needs_scores",
    "same stage": "card.refuse.same_stage",
    "needs standard": "card.refuse.needs_standard",
    "needs reason": "card.refuse.needs_reason",
    "no category": "imp.err.needs_category",
    "no count": "imp.err.count",
    "already owner": "card.err.already_owner",
    "empty comment": "card.err.empty_comment",
    "self link": "card.err.self_link",
    "no such card": "card.err.not_found",
}


def _refusals(engine):
    """One refused call of every write, each with the reason it is refused for."""
    team = _mortgage(engine)
    division = masterdata.find_team("mortgage", engine).unit_id
    card = _card(engine, "Standard phrases for payout emails")
    owned = _card(engine, "Signature on wrong page")
    return {
        "no title": lambda: improvement.create_card(SOFIE, team.id, title=" ", engine=engine),
        "not a team": lambda: improvement.create_card(SOFIE, division, title="x", engine=engine),
        "unknown field": lambda: improvement.edit_card(SOFIE, card.id, {"stage": "do"}, engine=engine),
        "impact range": lambda: improvement.edit_card(SOFIE, card.id, {"impact": 6}, engine=engine),
        "effort range": lambda: improvement.edit_card(SOFIE, card.id, {"effort": 0}, engine=engine),
        "empty title": lambda: improvement.edit_card(SOFIE, card.id, {"title": ""}, engine=engine),
        "needs scores": lambda: improvement.move_card(SOFIE, card.id, Stage.PLAN, engine=engine),
        "same stage": lambda: improvement.move_card(SOFIE, card.id, Stage.INTAKE, engine=engine),
        "needs standard": lambda: improvement.move_card(SOFIE, owned.id, Stage.STANDARD, engine=engine),
        "needs reason": lambda: improvement.move_card(SOFIE, card.id, Stage.REJECTED, engine=engine),
        "no category": lambda: improvement_pareto.register_errors(
            SOFIE, team.id, day=dt.date(2026, 11, 24), category=" ", count=1, engine=engine
        ),
        "no count": lambda: improvement_pareto.register_errors(
            SOFIE, team.id, day=dt.date(2026, 11, 24), category="x", count=0, engine=engine
        ),
        "already owner": lambda: improvement.take_ownership(SOFIE, owned.id, owned.owner_id, engine=engine),
        "empty comment": lambda: improvement.add_comment(SOFIE, card.id, "  ", engine=engine),
        "self link": lambda: improvement.link_cards(SOFIE, card.id, card.id, engine=engine),
        "no such card": lambda: improvement_board.card(999_999, engine),
    }


@pytest.mark.parametrize("reason", REASONS)
def test_every_refusal_is_a_catalogue_key_with_its_parameters_in_both_languages(demo_engine, reason):
    with pytest.raises(DomainError) as info:
        _refusals(demo_engine)[reason]()
    error = info.value
    assert error.message_key == REASONS[reason]
    for lang in LANGUAGES:
        assert "{" not in t(error.message_key, lang, **error.params)
    if reason == "no such card":
        assert isinstance(error, NotFoundError)
