"""Models of the maturity self-assessment."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Versioned


class MaturityAssessment(Versioned, Base):
    """One dated self-assessment of an org unit (unit, department or team) against the maturity
    model. Its ``version`` covers its scores: a save of any score bumps it, so two people
    editing the same assessment cannot overwrite each other."""

    __tablename__ = "maturity_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    assessed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    assessed_by: Mapped[str] = mapped_column(String(200), nullable=False)  # who took part, as typed
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (
        UniqueConstraint("org_unit_id", "assessed_on"),
        CheckConstraint("length(assessed_by) > 0", name="assessed_by_required"),
    )


class MaturityScore(Base):
    """The level one practice was given in an assessment, with a note and an evidence link.
    ``practice`` is the practice's key in the maturity model (data, not a table)."""

    __tablename__ = "maturity_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("maturity_assessments.id", ondelete="CASCADE"), nullable=False
    )
    practice: Mapped[str] = mapped_column(String(60), nullable=False)
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    evidence: Mapped[str] = mapped_column(String(500), nullable=False, default="")

    __table_args__ = (
        UniqueConstraint("assessment_id", "practice"),
        CheckConstraint("level >= 1 AND level <= 5", name="level_range"),
        Index("ix_maturity_scores_practice", "practice"),
    )
