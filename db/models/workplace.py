"""Models of where a person works on a planned day (office / home / elsewhere)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Entity, Versioned, enum_check, enum_type
from driftboard.workplace import Place


class WorkPlace(Versioned, Entity):
    """Where a person works on a day of the week plan; no row: not said."""

    __tablename__ = "work_places"

    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    place: Mapped[Place] = mapped_column(enum_type(Place), nullable=False)

    __table_args__ = (
        sa.UniqueConstraint("person_id", "date"),
        enum_check("place", Place),
        sa.Index("ix_work_places_date", "date"),
    )
