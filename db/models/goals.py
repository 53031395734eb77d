"""Models of the goal-steering board: measures, their values and actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Entity, Versioned, enum_check, enum_type
from driftboard.domain import ActionStatus, Comparator, Direction, MeasureKind, Period, RollUp


class Measure(Versioned, Entity):
    """A KPI, control measure or operational measure defined on one org unit."""

    __tablename__ = "measures"

    org_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    slug: Mapped[str] = mapped_column(sa.String(60), nullable=False)
    kind: Mapped[MeasureKind] = mapped_column(enum_type(MeasureKind), nullable=False)
    # The unit of measure ("days", "%"): ``unit_label`` so it is never confused with an org unit.
    unit_label: Mapped[str] = mapped_column("unit", sa.String(20), nullable=False, default="")
    # Display precision (decimals shown); None shows what the value needs, up to two decimals.
    decimals: Mapped[int | None] = mapped_column(sa.Integer)
    direction: Mapped[Direction | None] = mapped_column(enum_type(Direction))
    baseline: Mapped[float | None] = mapped_column(sa.Float)
    baseline_date: Mapped[dt.date | None] = mapped_column(sa.Date)
    target: Mapped[float | None] = mapped_column(sa.Float)
    target_date: Mapped[dt.date | None] = mapped_column(sa.Date)
    target_profile: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    comparator: Mapped[Comparator | None] = mapped_column(enum_type(Comparator))
    threshold: Mapped[float | None] = mapped_column(sa.Float)
    tolerance_pct: Mapped[float] = mapped_column(sa.Float, nullable=False, default=0.0)
    period: Mapped[Period] = mapped_column(enum_type(Period), nullable=False)
    rollup: Mapped[RollUp] = mapped_column(enum_type(RollUp), nullable=False)
    sort_order: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)

    __table_args__ = (
        sa.UniqueConstraint("org_unit_id", "slug"),
        enum_check("kind", MeasureKind),
        enum_check("period", Period),
        enum_check("rollup", RollUp),
        sa.CheckConstraint("direction IS NULL OR direction IN ('higher', 'lower')", name="direction_valid"),
        sa.CheckConstraint("comparator IS NULL OR comparator IN ('>', '>=', '<', '<=')", name="comparator_valid"),
        sa.CheckConstraint(
            "kind <> 'kpi' OR (direction IS NOT NULL AND baseline IS NOT NULL AND target IS NOT NULL"
            " AND baseline_date IS NOT NULL AND target_date IS NOT NULL AND target <> baseline"
            " AND target_date > baseline_date)",
            name="kpi_fields",
        ),
        sa.CheckConstraint(
            "kind <> 'control' OR (comparator IS NOT NULL AND threshold IS NOT NULL)",
            name="control_fields",
        ),
        sa.CheckConstraint("tolerance_pct >= 0 AND tolerance_pct <= 100", name="tolerance_range"),
        sa.CheckConstraint("decimals IS NULL OR (decimals >= 0 AND decimals <= 4)", name="decimals_range"),
    )


class MeasureValue(Versioned, Entity):
    __tablename__ = "measure_values"

    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"), nullable=False)
    period_start: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    value: Mapped[float] = mapped_column(sa.Float, nullable=False)
    weight: Mapped[float | None] = mapped_column(sa.Float)
    entered_by: Mapped[str] = mapped_column(sa.String(120), nullable=False)

    __table_args__ = (
        sa.UniqueConstraint("measure_id", "period_start"),
        sa.CheckConstraint("weight IS NULL OR weight >= 0", name="weight_nonneg"),
    )


class Action(Versioned, Entity):
    """An action agreed when a KPI is behind or a control breached."""

    __tablename__ = "actions"

    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"), nullable=False)
    period_start: Mapped[dt.date | None] = mapped_column(sa.Date)
    text: Mapped[str] = mapped_column(sa.Text, nullable=False)
    owner: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    due_date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus), nullable=False)
    improvement_card_id: Mapped[int | None] = mapped_column(sa.ForeignKey("improvement_cards.id", ondelete="SET NULL"))
    created_by: Mapped[str] = mapped_column(sa.String(120), nullable=False)

    __table_args__ = (
        enum_check("status", ActionStatus),
        sa.CheckConstraint("length(text) > 0", name="text_required"),
        sa.Index("ix_actions_measure_status", "measure_id", "status"),
    )
