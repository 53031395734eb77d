"""Improvement-board services: cards, their moves and history, error registrations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import CardEvent, CardLink, ErrorRegistration, ImprovementCard, OrgUnit, Person, utcnow
from driftboard.domain import Actor, CardEventKind, DomainError, NotFoundError, OrgLevel, Role, Stage
from driftboard.improvement import (
    ACTIVE_STAGES,
    CardFacts,
    CardText,
    likely_duplicates,
    move_refusal,
    parse_wip_limits,
)
from driftboard.improvement import (
    duplicate_pairs as find_duplicate_pairs,
)
from driftboard.services import access, org
from driftboard.services.common import (
    COMMENT_TEXT,
    LONG_TEXT,
    check_length,
    check_version,
    column_limit,
    get_or_404,
)

CARD_TEXT_FIELDS = (
    "title",
    "problem",
    "idea",
    "a3_background",
    "a3_current_state",
    "a3_goal",
    "a3_root_cause",
    "a3_countermeasures",
    "a3_plan",
    "a3_follow_up",
    "new_standard",
    "rejection_reason",
    "origin",
)
CARD_EDITABLE = (*CARD_TEXT_FIELDS, "impact", "effort", "owner_id", "needs_it_change")
# The refusals in English for logs and the command line; the page says them from the catalogue.
_REFUSALS = {
    "card.refuse.same_stage": "the card is already there",
    "card.refuse.needs_scores": "it needs an impact and an effort score (1–5)",
    "card.refuse.needs_owner": "it needs an owner",
    "card.refuse.needs_standard": "it needs the new-standard text",
    "card.refuse.needs_reason": "it needs a reason for rejecting",
}


def _check_card_texts(values: dict[str, Any]) -> None:
    """Refuse a card text longer than its column (the title) or ``LONG_TEXT`` (the others)."""
    for field in CARD_TEXT_FIELDS:
        value = values.get(field)
        if isinstance(value, str):
            check_length(value, field, column_limit(ImprovementCard, field) or LONG_TEXT)


def _create_card(
    s: Session,
    actor: Actor,
    team_id: int,
    *,
    title: str,
    problem: str = "",
    idea: str = "",
    proposer_id: int | None = None,
    origin: str = "",
    origin_kind: str | None = None,
    origin_params: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
    idempotency_key: str | None = None,
) -> int:
    """Write a new Intake card inside the caller's transaction (see ``create_card``).

    ``origin_kind`` and ``origin_params`` say where the card came from as data (e.g.
    ``"pareto"`` with ``{"category": …}``, ``"goal_action"`` with the action's id), rendered in
    the viewer's language; ``origin`` is free text for imported and demo cards.
    ``idempotency_key`` (one per rendered form): a second call with the same key returns the
    first card's id and writes nothing (a submit sent twice)."""
    if idempotency_key is not None:
        check_length(idempotency_key, "idempotency_key", column_limit(ImprovementCard, "idempotency_key"))
        earlier = s.scalar(select(ImprovementCard.id).where(ImprovementCard.idempotency_key == idempotency_key))
        if earlier is not None:
            return earlier
    if not title.strip():
        raise DomainError("a card needs a title", message_key="card.refuse.needs_title")
    _check_card_texts({"title": title.strip(), "problem": problem.strip(), "idea": idea.strip(), "origin": origin})
    team = get_or_404(s, OrgUnit, team_id)
    if team.level != OrgLevel.TEAM:
        raise DomainError("improvement cards belong to a team", message_key="card.err.team_only")
    card = ImprovementCard(
        team_id=team_id,
        title=title.strip(),
        problem=problem.strip(),
        idea=idea.strip(),
        proposer_id=proposer_id,
        origin=origin,
        origin_kind=origin_kind,
        origin_params=origin_params,
        stage=Stage.INTAKE,
        stage_changed_at=at or utcnow(),
        idempotency_key=idempotency_key,
    )
    if at is not None:
        card.created_at = at
    s.add(card)
    s.flush()
    s.add(
        CardEvent(
            card_id=card.id,
            kind=CardEventKind.CREATED,
            new_value=Stage.INTAKE.value,
            actor=actor.name,
            created_at=at or utcnow(),
        )
    )
    return card.id


def create_card(
    actor: Actor,
    team_id: int,
    *,
    title: str,
    problem: str = "",
    idea: str = "",
    proposer_id: int | None = None,
    origin: str = "",
    origin_kind: str | None = None,
    origin_params: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
    idempotency_key: str | None = None,
    engine: Engine | None = None,
) -> int:
    """A new card lands in Intake with the proposer recorded (``at`` back-dates an import);
    a repeated ``idempotency_key`` returns the card it already created."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.MEMBER, team_id, what="create card")
        return _create_card(
            s,
            actor,
            team_id,
            title=title,
            problem=problem,
            idea=idea,
            proposer_id=proposer_id,
            origin=origin,
            origin_kind=origin_kind,
            origin_params=origin_params,
            at=at,
            idempotency_key=idempotency_key,
        )


def _edit_card(s: Session, actor: Actor, card_id: int, changes: dict[str, Any], *, seen_version: int | None) -> int:
    unknown = set(changes) - set(CARD_EDITABLE)
    if unknown:
        raise DomainError(
            f"these card fields cannot be edited: {sorted(unknown)}",
            message_key="card.err.unknown_fields",
            fields=", ".join(sorted(unknown)),
        )
    for score in ("impact", "effort"):
        value = changes.get(score)
        if value is not None and not (isinstance(value, int) and 1 <= value <= 5):
            raise DomainError(f"{score} must be a whole number from 1 to 5", message_key=f"card.err.{score}_range")
    if "title" in changes and not str(changes["title"]).strip():
        raise DomainError("a card needs a title", message_key="card.refuse.needs_title")
    _check_card_texts(changes)
    card = get_or_404(s, ImprovementCard, card_id)
    check_version(s, card, seen_version)
    for field, value in changes.items():
        old = getattr(card, field)
        if old == value:
            continue
        setattr(card, field, value)
        s.add(
            CardEvent(
                card_id=card.id,
                kind=CardEventKind.EDITED,
                field=field,
                old_value=_text(old),
                new_value=_text(value),
                actor=actor.name,
            )
        )
    s.flush()
    return card.version


def edit_card(
    actor: Actor,
    card_id: int,
    changes: dict[str, Any],
    *,
    seen_version: int | None = None,
    engine: Engine | None = None,
) -> int:
    """Edit card fields (scores, owner, A3 text …); returns the new version."""
    with write_session(actor, engine) as s:
        access.require_row(s, actor, Role.MEMBER, get_or_404(s, ImprovementCard, card_id))
        return _edit_card(s, actor, card_id, changes, seen_version=seen_version)


def _move_card(
    s: Session, actor: Actor, card_id: int, to: Stage, *, seen_version: int | None, at: dt.datetime | None = None
) -> int:
    card = get_or_404(s, ImprovementCard, card_id)
    check_version(s, card, seen_version)
    refusal = move_refusal(
        CardFacts(card.stage, card.impact, card.effort, card.owner_id, card.new_standard, card.rejection_reason), to
    )
    if refusal:
        # The stage travels as its kind; the page says it in the viewer's language.
        raise DomainError(
            f"the card may not enter {to.value}: {_REFUSALS[refusal]}", message_key=refusal, stage=to.value
        )
    moved_at = at or utcnow()
    s.add(
        CardEvent(
            card_id=card.id,
            kind=CardEventKind.MOVED,
            field="stage",
            old_value=card.stage.value,
            new_value=to.value,
            actor=actor.name,
            created_at=moved_at,
        )
    )
    card.stage = to
    card.stage_changed_at = moved_at
    if to is Stage.STANDARD:
        card.standard_at = card.stage_changed_at
    s.flush()
    return card.version


def move_card(
    actor: Actor,
    card_id: int,
    to: Stage,
    *,
    seen_version: int | None = None,
    at: dt.datetime | None = None,
    engine: Engine | None = None,
) -> int:
    """Move a card to another stage if the stage rules allow it; returns the new version."""
    with write_session(actor, engine) as s:
        access.require_card_move(s, actor, get_or_404(s, ImprovementCard, card_id))
        return _move_card(s, actor, card_id, to, seen_version=seen_version, at=at)


def _register_errors(
    s: Session, actor: Actor, team_id: int, *, day: dt.date, category: str, count: int, task_id: int | None = None
) -> int:
    if not category.strip():
        raise DomainError("an error registration needs a category", message_key="imp.err.needs_category")
    check_length(category.strip(), "category", column_limit(ErrorRegistration, "category"))
    if not isinstance(count, int) or isinstance(count, bool) or count <= 0:
        raise DomainError("the error count must be a whole number greater than 0", message_key="imp.err.count")
    row = ErrorRegistration(
        team_id=team_id, task_id=task_id, date=day, category=category.strip(), count=count, registered_by=actor.name
    )
    s.add(row)
    s.flush()
    return row.id


def register_errors(
    actor: Actor,
    team_id: int,
    *,
    day: dt.date,
    category: str,
    count: int,
    task_id: int | None = None,
    engine: Engine | None = None,
) -> int:
    """Record ``count`` errors of ``category`` on ``day`` (the data behind the Pareto chart)."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.MEMBER, team_id, what="register errors")
        return _register_errors(s, actor, team_id, day=day, category=category, count=count, task_id=task_id)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


# --------------------------------------------------------------------------- reading


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


def _card_query():  # type: ignore[no-untyped-def]
    """A card's columns with its proposer's, owner's and team's names: plain rows, not ORM
    objects, since a unit's coordination reads hundreds of cards and a team's board all of its."""
    proposer = Person.__table__.alias("proposer")
    owner = Person.__table__.alias("owner")
    team = OrgUnit.__table__.alias("card_team")
    columns = [ImprovementCard.__table__.c[name] for name in _CARD_COLUMNS]
    return (
        select(
            *columns,
            proposer.c.name.label("proposer_name"),
            owner.c.name.label("owner_name"),
            team.c.name.label("team_name"),
        )
        .outerjoin(proposer, proposer.c.id == ImprovementCard.proposer_id)
        .outerjoin(owner, owner.c.id == ImprovementCard.owner_id)
        .join(team, team.c.id == ImprovementCard.team_id)
    )


def _view(row: Any) -> CardView:
    """A row of ``_card_query`` as the boards show it."""
    return CardView(
        id=row.id,
        version=row.version,
        team_id=row.team_id,
        team_name=row.team_name,
        title=row.title,
        problem=row.problem,
        idea=row.idea,
        stage=row.stage,
        impact=row.impact,
        effort=row.effort,
        proposer_id=row.proposer_id,
        proposer=row.proposer_name,
        owner_id=row.owner_id,
        owner=row.owner_name,
        new_standard=row.new_standard,
        rejection_reason=row.rejection_reason,
        origin=row.origin,
        origin_kind=row.origin_kind,
        origin_params=dict(row.origin_params or {}),
        needs_it_change=row.needs_it_change,
        stage_changed_at=row.stage_changed_at,
        standard_at=row.standard_at,
        a3={f: getattr(row, f"a3_{f}") for f in A3_FIELDS},
    )


def board(team_id: int, engine: Engine | None = None) -> ImprovementBoardView:
    """The team's cards (newest move first within a stage), counts per stage and WIP limits."""
    with read_session(engine) as s:
        rows = s.execute(
            _card_query().where(ImprovementCard.team_id == team_id).order_by(ImprovementCard.stage_changed_at.desc())
        ).all()
        chain = org.ancestry(s, team_id)
        limits = parse_wip_limits(next((o.wip_limits for o in chain if o.wip_limits), None))
    cards = tuple(_view(row) for row in rows)
    counts = {stage: 0 for stage in Stage}
    for card in cards:
        counts[card.stage] += 1
    return ImprovementBoardView(team_id, cards, counts, limits)


def card(card_id: int, engine: Engine | None = None) -> CardView:
    with read_session(engine) as s:
        row = s.execute(_card_query().where(ImprovementCard.id == card_id)).one_or_none()
    if row is None:
        raise NotFoundError(f"there is no card {card_id}", message_key="card.err.not_found", id=card_id)
    return _view(row)


def history(card_id: int, engine: Engine | None = None) -> list[EventView]:
    """Every move, edit, ownership change and comment on the card, newest first."""
    with read_session(engine) as s:
        events = s.scalars(
            select(CardEvent)
            .where(CardEvent.card_id == card_id)
            .order_by(CardEvent.created_at.desc(), CardEvent.id.desc())
        ).all()
    return [EventView(e.kind, e.field, e.old_value, e.new_value, e.actor, e.created_at) for e in events]


def related(card_id: int, engine: Engine | None = None) -> list[CardView]:
    with read_session(engine) as s:
        ids = [
            b if a == card_id else a
            for a, b in s.execute(
                select(CardLink.card_a_id, CardLink.card_b_id).where(
                    (CardLink.card_a_id == card_id) | (CardLink.card_b_id == card_id)
                )
            )
        ]
        rows = s.execute(_card_query().where(ImprovementCard.id.in_(ids))).all() if ids else []
    return [_view(row) for row in rows]


def active_cards(unit_id: int | None = None, engine: Engine | None = None) -> list[CardView]:
    """Active cards of every team (of a unit), for the improvement supporters' coordination."""
    with read_session(engine) as s:
        query = _card_query().where(ImprovementCard.stage.in_(ACTIVE_STAGES))
        if unit_id is not None:
            query = query.where(ImprovementCard.team_id.in_(org.descendant_ids(s, unit_id, OrgLevel.TEAM)))
        rows = s.execute(query.order_by(ImprovementCard.team_id, ImprovementCard.id)).all()
    return [_view(row) for row in rows]


def duplicate_suggestions(card_id: int, engine: Engine | None = None) -> list[tuple[CardView, float]]:
    """Active cards in other teams that probably describe the same problem as ``card_id``.

    Only the texts of the active cards are read to compare; the matches are then read whole."""
    subject = card(card_id, engine)
    with read_session(engine) as s:
        texts = [
            CardText(*row)
            for row in s.execute(
                select(ImprovementCard.id, ImprovementCard.team_id, ImprovementCard.title, ImprovementCard.problem)
                .where(ImprovementCard.stage.in_(ACTIVE_STAGES), ImprovementCard.id != card_id)
                .order_by(ImprovementCard.team_id, ImprovementCard.id)
            )
        ]
    found = likely_duplicates(CardText(subject.id, subject.team_id, subject.title, subject.problem), texts)
    linked = {c.id for c in related(card_id, engine)}
    found = [(t, score) for t, score in found if t.id not in linked]
    if not found:
        return []
    with read_session(engine) as s:
        rows = s.execute(_card_query().where(ImprovementCard.id.in_([t.id for t, _ in found]))).all()
    by_id = {row.id: _view(row) for row in rows}
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


def standards(team_id: int, since: dt.datetime, engine: Engine | None = None) -> list[CardView]:
    """Cards that reached Standard since ``since``, newest first (the standards wall)."""
    with read_session(engine) as s:
        rows = s.execute(
            _card_query()
            .where(
                ImprovementCard.team_id == team_id,
                ImprovementCard.stage == Stage.STANDARD,
                ImprovementCard.standard_at >= since,
            )
            .order_by(ImprovementCard.standard_at.desc())
        ).all()
    return [_view(row) for row in rows]


# --------------------------------------------------------------------------- writes


def _take_ownership(s: Session, actor: Actor, card_id: int, person_id: int, *, seen_version: int | None) -> int:
    card_row = get_or_404(s, ImprovementCard, card_id)
    check_version(s, card_row, seen_version)
    person = get_or_404(s, Person, person_id)
    if card_row.owner_id == person_id:
        raise DomainError(
            f"{person.name} already owns the card", message_key="card.err.already_owner", name=person.name
        )
    old = s.scalar(select(Person.name).where(Person.id == card_row.owner_id)) if card_row.owner_id else None
    card_row.owner_id = person_id
    s.add(
        CardEvent(
            card_id=card_id,
            kind=CardEventKind.OWNER_TAKEN,
            field="owner",
            old_value=old,
            new_value=person.name,
            actor=actor.name,
        )
    )
    s.flush()
    return card_row.version


def take_ownership(
    actor: Actor, card_id: int, person_id: int, *, seen_version: int | None = None, engine: Engine | None = None
) -> int:
    """``person_id`` takes responsibility for the card (also one someone else proposed)."""
    with write_session(actor, engine) as s:
        access.require_row(s, actor, Role.MEMBER, get_or_404(s, ImprovementCard, card_id))
        return _take_ownership(s, actor, card_id, person_id, seen_version=seen_version)


def _add_comment(s: Session, actor: Actor, card_id: int, text: str) -> None:
    if not text.strip():
        raise DomainError("a comment needs text", message_key="card.err.empty_comment")
    check_length(text.strip(), "comment", COMMENT_TEXT)
    get_or_404(s, ImprovementCard, card_id)
    s.add(CardEvent(card_id=card_id, kind=CardEventKind.COMMENT, new_value=text.strip(), actor=actor.name))


def add_comment(actor: Actor, card_id: int, text: str, engine: Engine | None = None) -> None:
    """A comment in the card's history."""
    with write_session(actor, engine) as s:
        access.require_row(s, actor, Role.MEMBER, get_or_404(s, ImprovementCard, card_id))
        _add_comment(s, actor, card_id, text)


def _link_cards(s: Session, actor: Actor, card_id: int, other_id: int) -> None:
    if card_id == other_id:
        raise DomainError("a card cannot be related to itself", message_key="card.err.self_link")
    a, b = sorted((card_id, other_id))
    first, second = get_or_404(s, ImprovementCard, a), get_or_404(s, ImprovementCard, b)
    if s.scalar(select(CardLink.id).where(CardLink.card_a_id == a, CardLink.card_b_id == b)):
        return
    s.add(CardLink(card_a_id=a, card_b_id=b, created_by=actor.name))
    s.add(CardEvent(card_id=a, kind=CardEventKind.LINKED, new_value=f"#{b} {second.title}", actor=actor.name))
    s.add(CardEvent(card_id=b, kind=CardEventKind.LINKED, new_value=f"#{a} {first.title}", actor=actor.name))


def link_cards(actor: Actor, card_id: int, other_id: int, engine: Engine | None = None) -> None:
    """Mark two cards as related (e.g. the same problem in two teams); history on both."""
    with write_session(actor, engine) as s:
        access.require_row(s, actor, Role.MEMBER, get_or_404(s, ImprovementCard, card_id))
        _link_cards(s, actor, card_id, other_id)


# --------------------------------------------------------------------------- errors and Pareto


def error_counts(
    team_id: int, start: dt.date, end: dt.date, task_id: int | None = None, engine: Engine | None = None
) -> dict[str, int]:
    """Registered errors per category for a team (and task) in a period."""
    with read_session(engine) as s:
        query = (
            select(ErrorRegistration.category, func.sum(ErrorRegistration.count))
            .where(ErrorRegistration.team_id == team_id, ErrorRegistration.date.between(start, end))
            .group_by(ErrorRegistration.category)
        )
        if task_id is not None:
            query = query.where(ErrorRegistration.task_id == task_id)
        return {category: int(total) for category, total in s.execute(query)}


def error_categories(team_id: int, engine: Engine | None = None) -> list[str]:
    with read_session(engine) as s:
        return list(
            s.scalars(
                select(ErrorRegistration.category)
                .where(ErrorRegistration.team_id == team_id)
                .group_by(ErrorRegistration.category)
                .order_by(func.sum(ErrorRegistration.count).desc())
            )
        )
