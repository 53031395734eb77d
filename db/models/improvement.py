"""Models of the improvement board: cards, their events and links, error registrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Entity, Versioned, enum_check, enum_type, utcnow
from driftboard.domain import CardEventKind, Stage


class ImprovementCard(Versioned, Entity):
    __tablename__ = "improvement_cards"

    team_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    problem: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    idea: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    proposer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"))
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"))
    stage: Mapped[Stage] = mapped_column(enum_type(Stage), nullable=False)
    impact: Mapped[int | None] = mapped_column(sa.Integer)
    effort: Mapped[int | None] = mapped_column(sa.Integer)
    a3_background: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    a3_current_state: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    a3_goal: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    a3_root_cause: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    a3_countermeasures: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    a3_plan: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    a3_follow_up: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    new_standard: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    rejection_reason: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    origin: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    # Where the card came from as a kind and parameters (e.g. a goal-board action, a Pareto
    # category), rendered in the viewer's language; ``origin`` is free text for imports.
    origin_kind: Mapped[str | None] = mapped_column(sa.String(40))
    origin_params: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    needs_it_change: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    stage_changed_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    standard_at: Mapped[dt.datetime | None] = mapped_column(sa.DateTime)
    # One per rendered create form: a submit sent twice finds the card it already made.
    idempotency_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    __table_args__ = (
        enum_check("stage", Stage),
        sa.CheckConstraint("impact IS NULL OR (impact >= 1 AND impact <= 5)", name="impact_range"),
        sa.CheckConstraint("effort IS NULL OR (effort >= 1 AND effort <= 5)", name="effort_range"),
        sa.CheckConstraint("length(title) > 0", name="title_required"),
        sa.Index("ix_improvement_cards_team_stage", "team_id", "stage"),
    )


class CardEvent(Entity):
    """The history of an improvement card: creation, moves, edits, ownership, comments."""

    __tablename__ = "card_events"

    card_id: Mapped[int] = mapped_column(sa.ForeignKey("improvement_cards.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[CardEventKind] = mapped_column(enum_type(CardEventKind), nullable=False)
    field: Mapped[str | None] = mapped_column(sa.String(60))
    old_value: Mapped[str | None] = mapped_column(sa.Text)
    new_value: Mapped[str | None] = mapped_column(sa.Text)
    actor: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        enum_check("kind", CardEventKind),
        sa.Index("ix_card_events_card", "card_id", "created_at"),
    )


class CardLink(Entity):
    """Two cards marked as related (e.g. the same problem in two teams)."""

    __tablename__ = "card_links"

    card_a_id: Mapped[int] = mapped_column(sa.ForeignKey("improvement_cards.id", ondelete="CASCADE"), nullable=False)
    card_b_id: Mapped[int] = mapped_column(sa.ForeignKey("improvement_cards.id", ondelete="CASCADE"), nullable=False)
    created_by: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("card_a_id", "card_b_id"),
        sa.CheckConstraint("card_a_id < card_b_id", name="ordered_pair"),
    )


class ErrorRegistration(Versioned, Entity):
    """Manually registered errors by category, the input to a Pareto analysis."""

    __tablename__ = "error_registrations"

    team_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    task_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tasks.id", ondelete="SET NULL"))
    date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    category: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    count: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    registered_by: Mapped[str] = mapped_column(sa.String(120), nullable=False)

    __table_args__ = (
        sa.CheckConstraint("count > 0", name="count_positive"),
        sa.CheckConstraint("length(category) > 0", name="category_required"),
        sa.Index("ix_error_registrations_team_date", "team_id", "date"),
    )
