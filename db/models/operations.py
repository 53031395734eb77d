"""Models of the operations board: week plans, assignments, absences, overrides, production, holdings, plan changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import DayCount, Entity, Versioned, enum_check, enum_type, utcnow
from driftboard.domain import AbsenceKind, PlanChangeKind, PlanStatus


class WeekPlan(Versioned, Entity):
    __tablename__ = "week_plans"

    team_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    iso_year: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    iso_week: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    status: Mapped[PlanStatus] = mapped_column(enum_type(PlanStatus), nullable=False)
    published_at: Mapped[dt.datetime | None] = mapped_column(sa.DateTime)
    published_by: Mapped[str | None] = mapped_column(sa.String(120))
    # The assignments as the leader planned them ([person_id, "YYYY-MM-DD", task_id, hours]),
    # before the day's prioritisation (sickness, moves, overtime) changed them: copying a week
    # copies the plan, not last week's sick days.
    planned: Mapped[list[Any] | None] = mapped_column(sa.JSON)

    assignments: Mapped[list[Assignment]] = relationship(back_populates="week_plan", cascade="all, delete-orphan")

    __table_args__ = (
        sa.UniqueConstraint("team_id", "iso_year", "iso_week"),
        sa.CheckConstraint("iso_week >= 1 AND iso_week <= 53", name="iso_week_range"),
        enum_check("status", PlanStatus),
    )


class Assignment(Versioned, Entity):
    """Hours a person is planned on a task on one day of a week plan."""

    __tablename__ = "assignments"

    week_plan_id: Mapped[int] = mapped_column(sa.ForeignKey("week_plans.id", ondelete="CASCADE"), nullable=False)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id", ondelete="RESTRICT"), nullable=False)
    date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    hours: Mapped[float] = mapped_column(sa.Float, nullable=False)

    week_plan: Mapped[WeekPlan] = relationship(back_populates="assignments")

    __table_args__ = (
        sa.UniqueConstraint("week_plan_id", "person_id", "date", "task_id"),
        sa.CheckConstraint("hours > 0 AND hours <= 24", name="hours_range"),
        sa.Index("ix_assignments_plan_date", "week_plan_id", "date"),
        sa.Index("ix_assignments_person_date", "person_id", "date"),
    )


class Absence(Versioned, Entity):
    __tablename__ = "absences"

    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    kind: Mapped[AbsenceKind] = mapped_column(enum_type(AbsenceKind), nullable=False)
    hours: Mapped[float] = mapped_column(sa.Float, nullable=False)
    note: Mapped[str] = mapped_column(sa.String(240), nullable=False, default="")

    __table_args__ = (
        sa.UniqueConstraint("person_id", "date"),
        enum_check("kind", AbsenceKind),
        sa.CheckConstraint("hours > 0 AND hours <= 24", name="hours_range"),
        sa.Index("ix_absences_date", "date"),
    )


class PlannedVolumeOverride(Versioned, Entity):
    __tablename__ = "planned_volume_overrides"

    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    volume: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    reason: Mapped[str] = mapped_column(sa.String(240), nullable=False)
    set_by: Mapped[str] = mapped_column(sa.String(120), nullable=False)

    __table_args__ = (
        sa.UniqueConstraint("task_id", "date"),
        sa.CheckConstraint("volume >= 0", name="volume_nonneg"),
        sa.CheckConstraint("length(reason) > 0", name="reason_required"),
    )


class Production(DayCount, Versioned, Entity):
    """Cases finished on a task on a day: one row per task and day."""

    __tablename__ = "production"
    count_column = "produced"

    produced: Mapped[int] = mapped_column(sa.Integer, nullable=False)


class HoldingsSnapshot(Versioned, Entity):
    """Open cases of a task on a day, with those due today and overdue."""

    __tablename__ = "holdings"

    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    open_cases: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    due_today: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    overdue: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    recorded_by: Mapped[str] = mapped_column(sa.String(120), nullable=False)

    __table_args__ = (
        sa.UniqueConstraint("task_id", "date"),
        sa.CheckConstraint("open_cases >= 0 AND due_today >= 0 AND overdue >= 0", name="counts_nonneg"),
        sa.CheckConstraint("due_today + overdue <= open_cases", name="parts_within_open"),
    )


class PlanChange(Entity):
    """The daily prioritisation log: a change to the plan inside the period, with its reason."""

    __tablename__ = "plan_changes"

    team_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    kind: Mapped[PlanChangeKind] = mapped_column(enum_type(PlanChangeKind), nullable=False)
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"))
    task_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tasks.id", ondelete="SET NULL"))
    # The person's own words (a reason or note); what happened is ``kind`` plus ``params``,
    # rendered in the viewer's language, never stored as a sentence.
    description: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    params: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    author: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        enum_check("kind", PlanChangeKind),
        sa.Index("ix_plan_changes_team_date", "team_id", "date"),
    )
