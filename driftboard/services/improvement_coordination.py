"""Improvement across teams, for the improvement supporters: the active cards of a unit's teams
and the cards in different teams that probably describe the same problem (to be linked)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from db.engine import read_session
from db.models import CardLink, ImprovementCard
from driftboard.domain import OrgLevel
from driftboard.improvement import ACTIVE_STAGES, CardText, likely_duplicates
from driftboard.improvement import duplicate_pairs as find_duplicate_pairs
from driftboard.services import org, scope
from driftboard.services.improvement_board import CardView, card, card_query, card_view, related


def active_cards(unit_id: int | None = None, engine: Engine | None = None) -> list[CardView]:
    """Active cards of every team (of a unit) the reader may see, for the improvement
    supporters' coordination."""
    with read_session(engine) as s:
        query = card_query().where(ImprovementCard.stage.in_(ACTIVE_STAGES))
        if unit_id is not None:
            scope.require_read(s, unit_id)
            query = query.where(ImprovementCard.team_id.in_(org.descendant_ids(s, unit_id, OrgLevel.TEAM)))
        rows = s.execute(query.order_by(ImprovementCard.team_id, ImprovementCard.id)).all()
        seen = scope.visible(s)
    return [card_view(row) for row in rows if seen is None or row.team_id in seen]


def duplicate_suggestions(card_id: int, engine: Engine | None = None) -> list[tuple[CardView, float]]:
    """Active cards in other teams of the card's unit (those the reader may see) that probably
    describe the same problem as ``card_id``.

    Only the texts of the active cards are read to compare; the matches are then read whole."""
    subject = card(card_id, engine)
    with read_session(engine) as s:
        teams = set(org.descendant_ids(s, org.unit_in(org.ancestry(s, subject.team_id)).id, OrgLevel.TEAM))
        seen = scope.visible(s)
        texts = [
            CardText(*row)
            for row in s.execute(
                select(ImprovementCard.id, ImprovementCard.team_id, ImprovementCard.title, ImprovementCard.problem)
                .where(ImprovementCard.stage.in_(ACTIVE_STAGES), ImprovementCard.id != card_id)
                .order_by(ImprovementCard.team_id, ImprovementCard.id)
            )
            if row.team_id in teams and (seen is None or row.team_id in seen)
        ]
    found = likely_duplicates(CardText(subject.id, subject.team_id, subject.title, subject.problem), texts)
    linked = {c.id for c in related(card_id, engine)}
    found = [(t, score) for t, score in found if t.id not in linked]
    if not found:
        return []
    with read_session(engine) as s:
        rows = s.execute(card_query().where(ImprovementCard.id.in_([t.id for t, _ in found]))).all()
    by_id = {row.id: card_view(row) for row in rows}
    return [(by_id[t.id], score) for t, score in found if t.id in by_id]


def duplicate_pairs(
    unit_id: int, engine: Engine | None = None, *, cards: list[CardView] | None = None
) -> list[tuple[CardView, CardView, float]]:
    """Pairs of active cards in different teams of the unit that probably describe the same
    problem and are not linked yet, best first (one load of the cards, one of the links).
    ``cards``: the unit's ``active_cards`` when the caller has them already."""
    cards = active_cards(unit_id, engine) if cards is None else cards
    with read_session(engine) as s:
        linked = {tuple(row) for row in s.execute(select(CardLink.card_a_id, CardLink.card_b_id))}
    by_id = {c.id: c for c in cards}
    texts = [CardText(c.id, c.team_id, c.title, c.problem) for c in cards]
    return [
        (by_id[a.id], by_id[b.id], score)
        for a, b, score in find_duplicate_pairs(texts)
        if (min(a.id, b.id), max(a.id, b.id)) not in linked
    ]
