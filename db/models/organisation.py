"""Models of the organisation: org units, planning factors, people, job roles, tasks, competences."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Entity, UnitList, Versioned, enum_check, enum_type
from driftboard.domain import CompetenceLevel, OrgLevel


class OrgUnit(Versioned, Entity):
    """A node in the organisation tree: (organisation →) unit → department → team."""

    __tablename__ = "org_units"

    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_units.id", ondelete="RESTRICT"))
    level: Mapped[OrgLevel] = mapped_column(enum_type(OrgLevel), nullable=False)
    name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    slug: Mapped[str] = mapped_column(sa.String(60), nullable=False, unique=True)
    sort_order: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    # Settings; a team's NULL inherits from its department and unit.
    language: Mapped[str | None] = mapped_column(sa.String(2))
    status_tolerance_pct: Mapped[float | None] = mapped_column(sa.Float)
    refresh_seconds: Mapped[int | None] = mapped_column(sa.Integer)
    meeting_minutes: Mapped[int | None] = mapped_column(sa.Integer)
    meeting_time: Mapped[dt.time | None] = mapped_column(sa.Time)  # the daily board meeting starts
    # The meetings above the team (a unit setting; a department may set its own).
    department_meeting_time: Mapped[dt.time | None] = mapped_column(sa.Time)
    unit_meeting_time: Mapped[dt.time | None] = mapped_column(sa.Time)
    competence_margin_fte: Mapped[float | None] = mapped_column(sa.Float)
    wip_limits: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    escalation_order: Mapped[list[str] | None] = mapped_column(sa.JSON)
    # How the operations board judges the day in progress (status.TodayRule) and the working
    # day it is pro-rated over.
    today_rule: Mapped[str | None] = mapped_column(sa.String(20))
    work_day_start: Mapped[dt.time | None] = mapped_column(sa.Time)
    work_day_end: Mapped[dt.time | None] = mapped_column(sa.Time)
    # Slugs the org unit had before a rename: old links keep working.
    slug_aliases: Mapped[list[str] | None] = mapped_column(sa.JSON)
    # Who may move improvement cards (domain.CardMoves); a team's NULL inherits.
    card_moves: Mapped[str | None] = mapped_column(sa.String(10))
    # Office days a person is required to work per week (0: no rule); a team's NULL inherits.
    office_days_per_week: Mapped[int | None] = mapped_column(sa.Integer)
    # The first day the org unit holds data for: a production, intake, holdings, measure value or
    # absence dated before it is refused (a typo or a probe). A team's NULL inherits; a unit's
    # NULL leaves only the installation's floor (tables.EARLIEST_DATE).
    first_day: Mapped[dt.date | None] = mapped_column(sa.Date)
    # Process confirmation (standards.Rules): each leader's weekly number, more per person new in
    # the team for ``new_person_weeks``, and the days a follow-up has; a team's NULL inherits.
    confirmations_per_week: Mapped[int | None] = mapped_column(sa.Integer)
    confirmations_per_new_person: Mapped[int | None] = mapped_column(sa.Integer)
    new_person_weeks: Mapped[int | None] = mapped_column(sa.Integer)
    follow_up_days: Mapped[int | None] = mapped_column(sa.Integer)

    parent: Mapped[OrgUnit | None] = relationship(remote_side="OrgUnit.id", back_populates="children")
    children: Mapped[list[OrgUnit]] = relationship(back_populates="parent")

    __table_args__ = (
        enum_check("level", OrgLevel),
        sa.CheckConstraint("language IS NULL OR language IN ('en', 'da')", name="language_valid"),
        sa.CheckConstraint(
            "status_tolerance_pct IS NULL OR (status_tolerance_pct >= 0 AND status_tolerance_pct <= 100)",
            name="tolerance_range",
        ),
        sa.CheckConstraint("refresh_seconds IS NULL OR refresh_seconds >= 5", name="refresh_min"),
        sa.CheckConstraint("meeting_minutes IS NULL OR meeting_minutes >= 1", name="meeting_min"),
        sa.CheckConstraint("competence_margin_fte IS NULL OR competence_margin_fte >= 0", name="margin_nonneg"),
        sa.CheckConstraint("today_rule IS NULL OR today_rule IN ('pro_rata', 'end_of_day')", name="today_rule_valid"),
        sa.CheckConstraint("card_moves IS NULL OR card_moves IN ('team', 'owner')", name="card_moves_valid"),
        sa.CheckConstraint(
            "office_days_per_week IS NULL OR (office_days_per_week >= 0 AND office_days_per_week <= 5)",
            name="office_days_range",
        ),
        sa.CheckConstraint(
            "(level = 'organisation' AND parent_id IS NULL) OR level = 'unit' "
            "OR (level NOT IN ('organisation', 'unit') AND parent_id IS NOT NULL)",
            name="parent_by_level",
        ),
        sa.CheckConstraint(
            "confirmations_per_week IS NULL OR (confirmations_per_week >= 0 AND confirmations_per_week <= 50)",
            name="confirmations_range",
        ),
        sa.CheckConstraint(
            "confirmations_per_new_person IS NULL OR "
            "(confirmations_per_new_person >= 0 AND confirmations_per_new_person <= 10)",
            name="confirmations_new_range",
        ),
        sa.CheckConstraint(
            "new_person_weeks IS NULL OR (new_person_weeks >= 0 AND new_person_weeks <= 52)", name="new_weeks_range"
        ),
        sa.CheckConstraint(
            "follow_up_days IS NULL OR (follow_up_days >= 1 AND follow_up_days <= 365)", name="follow_up_range"
        ),
        sa.Index("ix_org_units_parent", "parent_id"),
    )


class PlanningFactors(Versioned, Entity):
    """Planning factors for a unit; a team row overrides the fields it sets (NULL inherits)."""

    __tablename__ = "planning_factors"

    org_unit_id: Mapped[int] = mapped_column(
        sa.ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    daily_hours: Mapped[float | None] = mapped_column(sa.Float)
    customer_facing_hours: Mapped[float | None] = mapped_column(sa.Float)
    board_leader_load_pct: Mapped[float | None] = mapped_column(sa.Float)
    development_reserve_pct: Mapped[float | None] = mapped_column(sa.Float)
    overtime_cap_hours_per_week: Mapped[float | None] = mapped_column(sa.Float)

    __table_args__ = (
        sa.CheckConstraint("daily_hours IS NULL OR (daily_hours > 0 AND daily_hours <= 24)", name="daily_hours_range"),
        sa.CheckConstraint(
            "customer_facing_hours IS NULL OR customer_facing_hours >= 0",
            name="customer_facing_nonneg",
        ),
        sa.CheckConstraint(
            "board_leader_load_pct IS NULL OR (board_leader_load_pct >= 0 AND board_leader_load_pct <= 100)",
            name="board_leader_load_range",
        ),
        sa.CheckConstraint(
            "development_reserve_pct IS NULL OR (development_reserve_pct >= 0 AND development_reserve_pct < 100)",
            name="dev_reserve_range",
        ),
        sa.CheckConstraint(
            "overtime_cap_hours_per_week IS NULL OR overtime_cap_hours_per_week >= 0",
            name="overtime_cap_nonneg",
        ),
    )


class Person(Versioned, Entity):
    __tablename__ = "people"

    team_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    roles: Mapped[list[str]] = mapped_column(sa.JSON, nullable=False, default=list)
    daily_hours: Mapped[float] = mapped_column(sa.Float, nullable=False, default=7.5)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    employee_id: Mapped[str | None] = mapped_column(sa.String(40))
    job_role: Mapped[str | None] = mapped_column(sa.String(60))  # a JobRole key of the person's unit
    # Planning flags: a team leader handles no cases, a board leader works at the board leader's load.
    team_leader: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False, server_default=sa.false())
    board_leader: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False, server_default=sa.false())
    email: Mapped[str | None] = mapped_column(sa.String(254))  # links a signed-in user to the person
    started_on: Mapped[dt.date | None] = mapped_column(sa.Date)  # joined the team: new people are confirmed more

    team: Mapped[OrgUnit] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("team_id", "name"),
        sa.CheckConstraint("daily_hours > 0 AND daily_hours <= 24", name="daily_hours_range"),
        sa.Index("ix_people_team", "team_id"),
        sa.Index("ix_people_employee_id", "employee_id"),
    )


class JobRole(UnitList, Versioned, Entity):
    """A job role of the unit's own list ("Sagsbehandler"), named in each language."""

    __tablename__ = "job_roles"

    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)


class Task(Versioned, Entity):
    """Task and process master data: one case type / process step owned by a team."""

    __tablename__ = "tasks"

    team_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    slug: Mapped[str] = mapped_column(sa.String(60), nullable=False)
    process_group: Mapped[str] = mapped_column(sa.String(120), nullable=False, default="")
    minutes_per_case: Mapped[float] = mapped_column(sa.Float, nullable=False)
    service_goal_days: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    expected_daily_volume: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    input_error_rate_pct: Mapped[float] = mapped_column(sa.Float, nullable=False, default=0.0)
    sort_order: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)

    team: Mapped[OrgUnit] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("team_id", "slug"),
        sa.UniqueConstraint("team_id", "name"),
        sa.CheckConstraint("minutes_per_case > 0", name="minutes_positive"),
        sa.CheckConstraint("service_goal_days >= 1", name="service_goal_positive"),
        sa.CheckConstraint("expected_daily_volume >= 0", name="expected_volume_nonneg"),
        sa.CheckConstraint("input_error_rate_pct >= 0 AND input_error_rate_pct <= 100", name="error_rate_range"),
        sa.Index("ix_tasks_team", "team_id"),
    )


class Competence(Versioned, Entity):
    __tablename__ = "competences"

    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)
    level: Mapped[CompetenceLevel] = mapped_column(enum_type(CompetenceLevel), nullable=False)

    __table_args__ = (
        sa.UniqueConstraint("person_id", "task_id"),
        enum_check("level", CompetenceLevel),
        sa.Index("ix_competences_task", "task_id"),
    )
