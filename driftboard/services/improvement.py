"""Improvement cards, one function per intent: create, edit, move, take ownership, comment and
link. Each public intent opens one ``write_session`` and calls its core, which takes the session
(``_create_card`` also serves a goal action or a maturity practice that becomes a card)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict, Unpack

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import write_session
from db.models import CardEvent, CardLink, ImprovementCard, OrgUnit, Person, utcnow
from driftboard.domain import Actor, CardEventKind, DomainError, OrgLevel, Role, Stage
from driftboard.improvement import CardFacts, move_refusal
from driftboard.services import access, standards
from driftboard.services.common import (
    COMMENT_TEXT,
    LONG_TEXT,
    check_text,
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
            limit = column_limit(ImprovementCard, field)
            check_text(value, field, limit or LONG_TEXT, multiline=limit is None)


def _text(value: Any) -> str | None:
    """A changed value as the card's history stores it."""
    return None if value is None else str(value)


class NewCard(TypedDict, total=False):
    """What a new card may carry besides its title; the defaults are ``_create_card``'s."""

    problem: str
    idea: str
    proposer_id: int | None
    origin: str
    origin_kind: str | None
    origin_params: dict[str, Any] | None
    at: dt.datetime | None
    idempotency_key: str | None


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
        check_text(idempotency_key, "idempotency_key", column_limit(ImprovementCard, "idempotency_key"))
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
    actor: Actor, team_id: int, *, title: str, engine: Engine | None = None, **card: Unpack[NewCard]
) -> int:
    """A new card lands in Intake with the proposer recorded (``at`` back-dates an import);
    a repeated ``idempotency_key`` returns the card it already created."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.MEMBER, team_id, what="create card")
        return _create_card(s, actor, team_id, title=title, **card)


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
        standards.version_from_card(s, actor, card, moved_at.date())  # a version in the library
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


def _take_ownership(s: Session, actor: Actor, card_id: int, person_id: int, *, seen_version: int | None) -> int:
    card_row = get_or_404(s, ImprovementCard, card_id)
    check_version(s, card_row, seen_version)
    person = get_or_404(s, Person, person_id)
    access.require(s, actor, Role.VIEWER, person.team_id, what="card owner")  # never a stranger to the actor
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
    check_text(text.strip(), "comment", COMMENT_TEXT, multiline=True)
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
    for card_row in (first, second):  # the other card's title lands in this one's history
        access.require(s, actor, Role.VIEWER, card_row.team_id, what="link cards")
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
