"""Models of fed numbers: cases received per task and day (intake), robots and their runs.
(API tokens are ``db.models.AccessToken`` rows of kind ``api``.)"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import DayCount, Entity, Versioned, enum_check, enum_type, utcnow
from driftboard.domain import ProductionSource


class Intake(DayCount, Versioned, Entity):
    """Cases received on a task on a day (from a core system, a file or typed): one row per
    task and day; the forecast of next weeks' volume is made from this history."""

    __tablename__ = "intake"
    count_column = "received"

    received: Mapped[int] = mapped_column(sa.Integer, nullable=False)


class Robot(Versioned, Entity):
    """A software robot ("virtual colleague") in a team: the tasks it works and the share of its
    cases it should handle fully, without a person (``target_share``, 0–1)."""

    __tablename__ = "robots"

    team_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    slug: Mapped[str] = mapped_column(sa.String(60), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    target_share: Mapped[float] = mapped_column(sa.Float, nullable=False)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    # A goal-board measure that takes the robot's share handled fully (%) per period from its runs.
    measure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("measures.id", ondelete="SET NULL"))

    __table_args__ = (
        sa.CheckConstraint("target_share >= 0 AND target_share <= 1", name="target_share_range"),
        sa.CheckConstraint("length(name) > 0", name="name_required"),
        sa.Index("ix_robots_team", "team_id"),
    )


class RobotTask(Entity):
    """A task a robot works (a robot may work several)."""

    __tablename__ = "robot_tasks"

    robot_id: Mapped[int] = mapped_column(sa.ForeignKey("robots.id", ondelete="CASCADE"), nullable=False)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)

    __table_args__ = (sa.UniqueConstraint("robot_id", "task_id"),)


class RobotRun(Versioned, Entity):
    """A robot's cases of one day: handled fully, handed to a person, failed; ``last_run_at``
    (UTC) is when it last ran, which tells the board whether it is up."""

    __tablename__ = "robot_runs"

    robot_id: Mapped[int] = mapped_column(sa.ForeignKey("robots.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    handled: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    handed_over: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    failed: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    last_run_at: Mapped[dt.datetime | None] = mapped_column(sa.DateTime)
    source: Mapped[ProductionSource] = mapped_column(enum_type(ProductionSource), nullable=False)
    recorded_by: Mapped[str] = mapped_column(sa.String(120), nullable=False)

    __table_args__ = (
        sa.UniqueConstraint("robot_id", "date"),
        sa.CheckConstraint("handled >= 0 AND handed_over >= 0 AND failed >= 0", name="counts_nonneg"),
        enum_check("source", ProductionSource),
        sa.Index("ix_robot_runs_date", "date"),
    )


class IntakeMeasure(Entity):
    """An operational measure of a team that takes its value per period from the team's intake
    (the sum of cases received on its tasks), written when intake arrives."""

    __tablename__ = "intake_measures"

    measure_id: Mapped[int] = mapped_column(
        sa.ForeignKey("measures.id", ondelete="CASCADE"), nullable=False, unique=True
    )


class StoredForecast(Entity):
    """A team's fitted intake forecast for a planning week, kept so the fit (a second's work for
    a team of many tasks) is made once per change of the history it came from, for every app
    server and across restarts. Derived data, like a cache: written without the audit log or
    the change stamp, and replaced whenever ``key`` (a digest of what the fit was made from)
    differs."""

    __tablename__ = "stored_forecasts"

    team_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    monday: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    key: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    payload: Mapped[str] = mapped_column(sa.Text, nullable=False)  # JSON: the tasks' forecasts
    made_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)

    __table_args__ = (sa.UniqueConstraint("team_id", "monday"),)
