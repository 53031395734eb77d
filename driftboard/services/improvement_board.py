"""The improvement board's read model: a team's cards with counts and WIP limits, one card, its
history and related cards, and the standards wall. Cards are read as plain rows (a team's board
reads all of its cards, a unit's coordination hundreds), composed into frozen views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, select

from db.engine import read_session
from db.models import CardEvent, CardLink, ImprovementCard, OrgUnit, Person
from driftboard.domain import CardEventKind, NotFoundError, Stage
from driftboard.improvement import CardFacts, parse_wip_limits
from driftboard.services import org, scope
from driftboard.services.common import from_row


@dataclass(frozen=True)
class CardView:
    id: int
    version: int
    team_id: int
    team_name: str
    title: str
    problem: str
    idea: str
    stage: Stage
    impact: int | None
    effort: int | None
    proposer_id: int | None
    proposer: str | None
    owner_id: int | None
    owner: str | None
    new_standard: str
    rejection_reason: str
    origin: str
    origin_kind: str | None
    origin_params: dict[str, Any]
    needs_it_change: bool
    stage_changed_at: dt.datetime
    standard_at: dt.datetime | None
    a3: dict[str, str]

    def facts(self) -> CardFacts:
        return CardFacts(self.stage, self.impact, self.effort, self.owner_id, self.new_standard, self.rejection_reason)


@dataclass(frozen=True)
class EventView:
    kind: CardEventKind
    field: str | None
    old_value: str | None
    new_value: str | None
    actor: str
    created_at: dt.datetime


@dataclass(frozen=True)
class ImprovementBoardView:
    team_id: int
    cards: tuple[CardView, ...]
    counts: dict[Stage, int]
    wip_limits: dict[Stage, int]


A3_FIELDS = ("background", "current_state", "goal", "root_cause", "countermeasures", "plan", "follow_up")


_CARD_COLUMNS = (
    "id", "version", "team_id", "title", "problem", "idea", "stage", "impact", "effort", "proposer_id",
    "owner_id", "new_standard", "rejection_reason", "origin", "origin_kind", "origin_params",
    "needs_it_change", "stage_changed_at", "standard_at", *(f"a3_{f}" for f in A3_FIELDS),
)  # fmt: skip


def card_query() -> Select[Any]:
    """A card's columns with its proposer's, owner's and team's names, for ``card_view``."""
    proposer = Person.__table__.alias("proposer")
    owner = Person.__table__.alias("owner")
    team = OrgUnit.__table__.alias("card_team")
    columns = [ImprovementCard.__table__.c[name] for name in _CARD_COLUMNS]
    return (
        select(
            *columns,
            proposer.c.name.label("proposer"),
            owner.c.name.label("owner"),
            team.c.name.label("team_name"),
        )
        .outerjoin(proposer, proposer.c.id == ImprovementCard.proposer_id)
        .outerjoin(owner, owner.c.id == ImprovementCard.owner_id)
        .join(team, team.c.id == ImprovementCard.team_id)
    )


def card_view(row: Any) -> CardView:
    """A row of ``card_query`` as the boards show it."""
    return from_row(
        CardView,
        row,
        origin_params=dict(row.origin_params or {}),
        a3={f: getattr(row, f"a3_{f}") for f in A3_FIELDS},
    )


def board(team_id: int, engine: Engine | None = None) -> ImprovementBoardView:
    """The team's cards (newest move first within a stage), counts per stage and WIP limits."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        rows = s.execute(
            card_query().where(ImprovementCard.team_id == team_id).order_by(ImprovementCard.stage_changed_at.desc())
        ).all()
        chain = org.ancestry(s, team_id)
        limits = parse_wip_limits(next((o.wip_limits for o in chain if o.wip_limits), None))
    cards = tuple(card_view(row) for row in rows)
    counts = {stage: 0 for stage in Stage}
    for c in cards:
        counts[c.stage] += 1
    return ImprovementBoardView(team_id, cards, counts, limits)


def card(card_id: int, engine: Engine | None = None) -> CardView:
    with read_session(engine) as s:
        scope.require_read_row(s, ImprovementCard, card_id)
        row = s.execute(card_query().where(ImprovementCard.id == card_id)).one_or_none()
    if row is None:
        raise NotFoundError(f"there is no card {card_id}", message_key="card.err.not_found", id=card_id)
    return card_view(row)


def history(card_id: int, engine: Engine | None = None) -> list[EventView]:
    """Every move, edit, ownership change and comment on the card, newest first."""
    with read_session(engine) as s:
        scope.require_read_row(s, ImprovementCard, card_id)
        events = s.scalars(
            select(CardEvent)
            .where(CardEvent.card_id == card_id)
            .order_by(CardEvent.created_at.desc(), CardEvent.id.desc())
        ).all()
    return [from_row(EventView, e) for e in events]


def related(card_id: int, engine: Engine | None = None) -> list[CardView]:
    """The cards linked to ``card_id`` that the reader may see."""
    with read_session(engine) as s:
        scope.require_read_row(s, ImprovementCard, card_id)
        ids = [
            b if a == card_id else a
            for a, b in s.execute(
                select(CardLink.card_a_id, CardLink.card_b_id).where(
                    (CardLink.card_a_id == card_id) | (CardLink.card_b_id == card_id)
                )
            )
        ]
        rows = s.execute(card_query().where(ImprovementCard.id.in_(ids))).all() if ids else []
        seen = scope.visible(s)
    return [card_view(row) for row in rows if seen is None or row.team_id in seen]


def standards(team_id: int, since: dt.datetime, engine: Engine | None = None) -> list[CardView]:
    """Cards that reached Standard since ``since``, newest first (the standards wall)."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        rows = s.execute(
            card_query()
            .where(
                ImprovementCard.team_id == team_id,
                ImprovementCard.stage == Stage.STANDARD,
                ImprovementCard.standard_at >= since,
            )
            .order_by(ImprovementCard.standard_at.desc())
        ).all()
    return [card_view(row) for row in rows]
