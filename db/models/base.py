"""The declarative base every model module imports, and the column helpers they share."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from driftboard.domain import ProductionSource

# Constraint names are deterministic so Alembic batch rebuilds on SQLite keep them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Timestamps are stored as naive UTC, the same on SQLite and PostgreSQL."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: sa.JSON, list[str]: sa.JSON, list[Any]: sa.JSON}


class Entity(Base):
    """A table whose rows are known by a surrogate integer key, ``id`` (every table but the
    installation's secrets and its change stamp)."""

    __abstract__ = True

    # First in CREATE TABLE, as the migrations made every table: before the table's own columns
    # and before those a mixin puts first (``LEADING``).
    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-2)


LEADING = -1  # the sort_order of a mixin's columns that stand before the table's own


def enum_type(enum_cls: type[enum.Enum]) -> sa.Enum:
    """Store an enum by its value as a short string; the CHECK is declared by ``enum_check``."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def enum_check(column: str, enum_cls: type[enum.Enum], name: str | None = None) -> sa.CheckConstraint:
    values = ", ".join(f"'{m.value}'" for m in enum_cls)
    return sa.CheckConstraint(f"{column} IN ({values})", name=name or f"{column}_valid")


class Versioned:
    """Mixin for editable rows: optimistic-locking version plus created/updated stamps."""

    version: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}


class UnitList:
    """Mixin for an entry of a unit's own list (its job roles, its levels of standards): a key,
    unique in the unit, named in each language, in the unit's order."""

    unit_id: Mapped[int] = mapped_column(
        sa.ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False, sort_order=LEADING
    )
    key: Mapped[str] = mapped_column(sa.String(60), nullable=False, sort_order=LEADING)
    name_en: Mapped[str] = mapped_column(sa.String(120), nullable=False, sort_order=LEADING)
    name_da: Mapped[str] = mapped_column(sa.String(120), nullable=False, sort_order=LEADING)
    sort_order: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0, sort_order=LEADING)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        return (sa.UniqueConstraint("unit_id", "key"),)


class DayCount:
    """Mixin for a count of cases per task and day and where it came from (typed, a file, the
    API): production and intake, both written through ``services/day_counts.py``. The table
    declares its own count column and names it in ``count_column``."""

    count_column: ClassVar[str]

    task_id: Mapped[int] = mapped_column(
        sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False, sort_order=LEADING
    )
    date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False, sort_order=LEADING)
    source: Mapped[ProductionSource] = mapped_column(enum_type(ProductionSource), nullable=False)
    recorded_by: Mapped[str] = mapped_column(sa.String(120), nullable=False)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        count = cls.count_column
        return (
            sa.UniqueConstraint("task_id", "date"),
            sa.CheckConstraint(f"{count} >= 0", name=f"{count}_nonneg"),
            enum_check("source", ProductionSource),
            sa.Index(f"ix_{cls.__tablename__}_date", "date"),
        )
