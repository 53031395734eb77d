"""Models of fed numbers: cases received per task and day (intake), robots and their runs.

Imported at the end of ``db.models`` so every table is in ``Base.metadata``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, Versioned, enum_check, enum_type
from driftboard.domain import ProductionSource


class Intake(Versioned, Base):
    """Cases received on a task on a day (from a core system, a file or typed): one row per
    task and day; the forecast of next weeks' volume is made from this history."""

    __tablename__ = "intake"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    received: Mapped[int] = mapped_column(Integer, nullable=False)
    source: Mapped[ProductionSource] = mapped_column(enum_type(ProductionSource), nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(120), nullable=False)

    __table_args__ = (
        UniqueConstraint("task_id", "date"),
        CheckConstraint("received >= 0", name="received_nonneg"),
        enum_check("source", ProductionSource),
        Index("ix_intake_date", "date"),
    )
