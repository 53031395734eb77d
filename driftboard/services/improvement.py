"""Improvement-board services: cards, their moves and history, error registrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine

from db.engine import write_session
from db.models import CardEvent, ErrorRegistration, ImprovementCard, OrgUnit, utcnow
from driftboard.domain import Actor, CardEventKind, DomainError, OrgLevel, Stage
from driftboard.i18n import t
from driftboard.improvement import CardFacts, move_refusal
from driftboard.services.common import check_version, get_or_404

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


def create_card(
    actor: Actor,
    team_id: int,
    *,
    title: str,
    problem: str = "",
    idea: str = "",
    proposer_id: int | None = None,
    origin: str = "",
    at: dt.datetime | None = None,
    engine: Engine | None = None,
) -> int:
    """A new card lands in Intake with the proposer recorded (``at`` back-dates an import)."""
    if not title.strip():
        raise DomainError("a card needs a title", message_key="card.refuse.needs_title")
    with write_session(actor, engine) as s:
        team = get_or_404(s, OrgUnit, team_id)
        if team.level != OrgLevel.TEAM:
            raise DomainError("improvement cards belong to a team")
        card = ImprovementCard(
            team_id=team_id,
            title=title.strip(),
            problem=problem.strip(),
            idea=idea.strip(),
            proposer_id=proposer_id,
            origin=origin,
            stage=Stage.INTAKE,
            stage_changed_at=at or utcnow(),
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


def edit_card(
    actor: Actor,
    card_id: int,
    changes: dict[str, Any],
    *,
    seen_version: int | None = None,
    engine: Engine | None = None,
) -> int:
    """Edit card fields (scores, owner, A3 text …); returns the new version."""
    unknown = set(changes) - set(CARD_EDITABLE)
    if unknown:
        raise DomainError(f"these card fields cannot be edited: {sorted(unknown)}")
    for score in ("impact", "effort"):
        value = changes.get(score)
        if value is not None and not (isinstance(value, int) and 1 <= value <= 5):
            raise DomainError(f"{score} must be a whole number from 1 to 5")
    if "title" in changes and not str(changes["title"]).strip():
        raise DomainError("a card needs a title", message_key="card.refuse.needs_title")
    with write_session(actor, engine) as s:
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


def move_card(
    actor: Actor,
    card_id: int,
    to: Stage,
    *,
    seen_version: int | None = None,
    lang: str = "en",
    at: dt.datetime | None = None,
    engine: Engine | None = None,
) -> int:
    """Move a card to another stage if the stage rules allow it; returns the new version."""
    with write_session(actor, engine) as s:
        card = get_or_404(s, ImprovementCard, card_id)
        check_version(s, card, seen_version)
        refusal = move_refusal(
            CardFacts(card.stage, card.impact, card.effort, card.owner_id, card.new_standard, card.rejection_reason), to
        )
        if refusal:
            raise DomainError(t(refusal, lang, stage=t(f"stage.{to.value}", lang)), message_key=refusal)
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
    if not category.strip():
        raise DomainError("an error registration needs a category")
    if not isinstance(count, int) or count <= 0:
        raise DomainError("the error count must be a whole number greater than 0")
    with write_session(actor, engine) as s:
        row = ErrorRegistration(
            team_id=team_id, task_id=task_id, date=day, category=category.strip(), count=count, registered_by=actor.name
        )
        s.add(row)
        s.flush()
        return row.id


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
