"""Models of the maturity self-assessment."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Entity, Versioned


class MaturityAssessment(Versioned, Entity):
    """One dated self-assessment of an org unit (unit, department or team) against the maturity
    model. Its ``version`` covers its scores: a save of any score bumps it, so two people
    editing the same assessment cannot overwrite each other."""

    __tablename__ = "maturity_assessments"

    org_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    assessed_on: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    assessed_by: Mapped[str] = mapped_column(sa.String(200), nullable=False)  # who took part, as typed
    note: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")

    __table_args__ = (
        sa.UniqueConstraint("org_unit_id", "assessed_on"),
        sa.CheckConstraint("length(assessed_by) > 0", name="assessed_by_required"),
    )


class MaturityScore(Entity):
    """The level one practice was given in an assessment, with a note and an evidence link.
    ``practice`` is the practice's key in the maturity model (data, not a table)."""

    __tablename__ = "maturity_scores"

    assessment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("maturity_assessments.id", ondelete="CASCADE"), nullable=False
    )
    practice: Mapped[str] = mapped_column(sa.String(60), nullable=False)
    level: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    note: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    evidence: Mapped[str] = mapped_column(sa.String(500), nullable=False, default="")

    __table_args__ = (
        sa.UniqueConstraint("assessment_id", "practice"),
        sa.CheckConstraint("level >= 1 AND level <= 5", name="level_range"),
        sa.Index("ix_maturity_scores_practice", "practice"),
    )
