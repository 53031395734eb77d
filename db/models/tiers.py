"""Models of the meetings above the team: escalations a team hands up and the answers that come down."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Entity, Versioned, enum_check, enum_type
from driftboard.tiers import Answer, EscalationKind, EscalationStatus


class Escalation(Versioned, Entity):
    """An item a team cannot solve, handed to the level above (its department, then the unit),
    with the hours or numbers it carries, and the answer that came back. What was decided is
    stored as a kind and its parameters (``answer_params``: lending teams), never a sentence."""

    __tablename__ = "escalations"

    team_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    # Where it is now: the team's department, or its unit once taken on.
    org_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[EscalationKind] = mapped_column(enum_type(EscalationKind), nullable=False)
    status: Mapped[EscalationStatus] = mapped_column(enum_type(EscalationStatus), nullable=False)
    date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)  # the board day it was raised on
    task_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tasks.id", ondelete="SET NULL"))
    hours: Mapped[float | None] = mapped_column(sa.Float)
    amount: Mapped[int | None] = mapped_column(sa.Integer)  # a number it carries (cases, FTE …)
    note: Mapped[str] = mapped_column(sa.String(500), nullable=False)
    raised_by: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    raised_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False)  # local time
    escalated_at: Mapped[dt.datetime | None] = mapped_column(sa.DateTime)
    answer: Mapped[Answer | None] = mapped_column(enum_type(Answer))
    answer_org_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_units.id", ondelete="SET NULL"))
    answer_hours: Mapped[float | None] = mapped_column(sa.Float)
    answer_people: Mapped[int | None] = mapped_column(sa.Integer)
    answer_params: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    answer_note: Mapped[str] = mapped_column(sa.String(500), nullable=False, default="")
    answered_by: Mapped[str | None] = mapped_column(sa.String(120))
    answered_at: Mapped[dt.datetime | None] = mapped_column(sa.DateTime)  # local time
    closed_at: Mapped[dt.datetime | None] = mapped_column(sa.DateTime)

    __table_args__ = (
        enum_check("kind", EscalationKind),
        enum_check("status", EscalationStatus),
        sa.CheckConstraint(
            "answer IS NULL OR answer IN ('borrow', 'overtime', 'temporary_staff', 'note')", name="answer_valid"
        ),
        sa.CheckConstraint("hours IS NULL OR (hours > 0 AND hours <= 1000)", name="hours_range"),
        sa.CheckConstraint("amount IS NULL OR amount >= 0", name="amount_nonneg"),
        sa.CheckConstraint(
            "answer_hours IS NULL OR (answer_hours >= 0 AND answer_hours <= 1000)", name="answer_hours_range"
        ),
        sa.CheckConstraint("answer_people IS NULL OR answer_people >= 0", name="answer_people_nonneg"),
        sa.CheckConstraint("length(note) > 0", name="note_required"),
        sa.Index("ix_escalations_org_status", "org_unit_id", "status"),
        sa.Index("ix_escalations_team_status", "team_id", "status"),
    )
