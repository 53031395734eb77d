"""SQLAlchemy models for the whole Driftboard domain.

The schema is complete up front so that later features add behaviour, not tables. Integrity
is enforced by the database as well as by the domain: named CHECK constraints, foreign keys,
unique keys and indexes that match the boards' queries. Every editable row carries an integer
``version`` used for optimistic locking (SQLAlchemy's ``version_id_col``), so a stale update
fails instead of silently overwriting someone else's change.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from driftboard.domain import (
    AbsenceKind,
    ActionStatus,
    AuditAction,
    CardEventKind,
    Comparator,
    CompetenceLevel,
    Direction,
    MeasureKind,
    OrgLevel,
    Period,
    PlanChangeKind,
    PlanStatus,
    ProductionSource,
    Role,
    RollUp,
    Stage,
)

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
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON, list[Any]: JSON}


def enum_type(enum_cls: type[enum.Enum]) -> SAEnum:
    """Store an enum by its value as a short string; the CHECK is declared by ``enum_check``."""
    return SAEnum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def enum_check(column: str, enum_cls: type[enum.Enum], name: str | None = None) -> CheckConstraint:
    values = ", ".join(f"'{m.value}'" for m in enum_cls)
    return CheckConstraint(f"{column} IN ({values})", name=name or f"{column}_valid")


class Versioned:
    """Mixin for editable rows: optimistic-locking version plus created/updated stamps."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}


# --------------------------------------------------------------------------- organisation


class OrgUnit(Versioned, Base):
    """A node in the organisation tree: (organisation →) unit → department → team."""

    __tablename__ = "org_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"))
    level: Mapped[OrgLevel] = mapped_column(enum_type(OrgLevel), nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    slug: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # Settings; a team's NULL inherits from its department and unit.
    language: Mapped[str | None] = mapped_column(String(2))
    status_tolerance_pct: Mapped[float | None] = mapped_column(Float)
    refresh_seconds: Mapped[int | None] = mapped_column(Integer)
    meeting_minutes: Mapped[int | None] = mapped_column(Integer)
    meeting_time: Mapped[dt.time | None] = mapped_column(Time)  # the daily board meeting starts
    competence_margin_fte: Mapped[float | None] = mapped_column(Float)
    wip_limits: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    escalation_order: Mapped[list[str] | None] = mapped_column(JSON)
    # How the operations board judges the day in progress (status.TodayRule) and the working
    # day it is pro-rated over.
    today_rule: Mapped[str | None] = mapped_column(String(20))
    work_day_start: Mapped[dt.time | None] = mapped_column(Time)
    work_day_end: Mapped[dt.time | None] = mapped_column(Time)
    # Slugs the org unit had before a rename: old links keep working.
    slug_aliases: Mapped[list[str] | None] = mapped_column(JSON)
    # Who may move improvement cards (domain.CardMoves); a team's NULL inherits.
    card_moves: Mapped[str | None] = mapped_column(String(10))
    # Office days a person is required to work per week (0: no rule); a team's NULL inherits.
    office_days_per_week: Mapped[int | None] = mapped_column(Integer)

    parent: Mapped[OrgUnit | None] = relationship(remote_side="OrgUnit.id", back_populates="children")
    children: Mapped[list[OrgUnit]] = relationship(back_populates="parent")

    __table_args__ = (
        enum_check("level", OrgLevel),
        CheckConstraint("language IS NULL OR language IN ('en', 'da')", name="language_valid"),
        CheckConstraint(
            "status_tolerance_pct IS NULL OR (status_tolerance_pct >= 0 AND status_tolerance_pct <= 100)",
            name="tolerance_range",
        ),
        CheckConstraint("refresh_seconds IS NULL OR refresh_seconds >= 5", name="refresh_min"),
        CheckConstraint("meeting_minutes IS NULL OR meeting_minutes >= 1", name="meeting_min"),
        CheckConstraint("competence_margin_fte IS NULL OR competence_margin_fte >= 0", name="margin_nonneg"),
        CheckConstraint("today_rule IS NULL OR today_rule IN ('pro_rata', 'end_of_day')", name="today_rule_valid"),
        CheckConstraint("card_moves IS NULL OR card_moves IN ('team', 'owner')", name="card_moves_valid"),
        CheckConstraint(
            "office_days_per_week IS NULL OR (office_days_per_week >= 0 AND office_days_per_week <= 5)",
            name="office_days_range",
        ),
        CheckConstraint(
            "(level = 'organisation' AND parent_id IS NULL) OR level = 'unit' "
            "OR (level NOT IN ('organisation', 'unit') AND parent_id IS NOT NULL)",
            name="parent_by_level",
        ),
        Index("ix_org_units_parent", "parent_id"),
    )


class PlanningFactors(Versioned, Base):
    """Planning factors for a unit; a team row overrides the fields it sets (NULL inherits)."""

    __tablename__ = "planning_factors"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_unit_id: Mapped[int] = mapped_column(
        ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    daily_hours: Mapped[float | None] = mapped_column(Float)
    customer_facing_hours: Mapped[float | None] = mapped_column(Float)
    board_leader_load_pct: Mapped[float | None] = mapped_column(Float)
    development_reserve_pct: Mapped[float | None] = mapped_column(Float)
    overtime_cap_hours_per_week: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (
        CheckConstraint("daily_hours IS NULL OR (daily_hours > 0 AND daily_hours <= 24)", name="daily_hours_range"),
        CheckConstraint(
            "customer_facing_hours IS NULL OR customer_facing_hours >= 0",
            name="customer_facing_nonneg",
        ),
        CheckConstraint(
            "board_leader_load_pct IS NULL OR (board_leader_load_pct >= 0 AND board_leader_load_pct <= 100)",
            name="board_leader_load_range",
        ),
        CheckConstraint(
            "development_reserve_pct IS NULL OR (development_reserve_pct >= 0 AND development_reserve_pct < 100)",
            name="dev_reserve_range",
        ),
        CheckConstraint(
            "overtime_cap_hours_per_week IS NULL OR overtime_cap_hours_per_week >= 0",
            name="overtime_cap_nonneg",
        ),
    )


class Person(Versioned, Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    roles: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    daily_hours: Mapped[float] = mapped_column(Float, nullable=False, default=7.5)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    employee_id: Mapped[str | None] = mapped_column(String(40))
    job_role: Mapped[str | None] = mapped_column(String(60))  # a JobRole key of the person's unit
    # Planning flags: a team leader handles no cases, a board leader works at the board leader's load.
    team_leader: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    board_leader: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    email: Mapped[str | None] = mapped_column(String(254))  # links a signed-in user to the person

    team: Mapped[OrgUnit] = relationship()

    __table_args__ = (
        UniqueConstraint("team_id", "name"),
        CheckConstraint("daily_hours > 0 AND daily_hours <= 24", name="daily_hours_range"),
        Index("ix_people_team", "team_id"),
        Index("ix_people_employee_id", "employee_id"),
    )


class JobRole(Versioned, Base):
    """A job role of the unit's own list ("Sagsbehandler"), named in each language."""

    __tablename__ = "job_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    key: Mapped[str] = mapped_column(String(60), nullable=False)
    name_en: Mapped[str] = mapped_column(String(120), nullable=False)
    name_da: Mapped[str] = mapped_column(String(120), nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    __table_args__ = (UniqueConstraint("unit_id", "key"),)


class Task(Versioned, Base):
    """Task and process master data: one case type / process step owned by a team."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    slug: Mapped[str] = mapped_column(String(60), nullable=False)
    process_group: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    minutes_per_case: Mapped[float] = mapped_column(Float, nullable=False)
    service_goal_days: Mapped[int] = mapped_column(Integer, nullable=False)
    expected_daily_volume: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    input_error_rate_pct: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    team: Mapped[OrgUnit] = relationship()

    __table_args__ = (
        UniqueConstraint("team_id", "slug"),
        UniqueConstraint("team_id", "name"),
        CheckConstraint("minutes_per_case > 0", name="minutes_positive"),
        CheckConstraint("service_goal_days >= 1", name="service_goal_positive"),
        CheckConstraint("expected_daily_volume >= 0", name="expected_volume_nonneg"),
        CheckConstraint("input_error_rate_pct >= 0 AND input_error_rate_pct <= 100", name="error_rate_range"),
        Index("ix_tasks_team", "team_id"),
    )


class Competence(Versioned, Base):
    __tablename__ = "competences"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)
    level: Mapped[CompetenceLevel] = mapped_column(enum_type(CompetenceLevel), nullable=False)

    __table_args__ = (
        UniqueConstraint("person_id", "task_id"),
        enum_check("level", CompetenceLevel),
        Index("ix_competences_task", "task_id"),
    )


# --------------------------------------------------------------------------- operations board


class WeekPlan(Versioned, Base):
    __tablename__ = "week_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    iso_year: Mapped[int] = mapped_column(Integer, nullable=False)
    iso_week: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[PlanStatus] = mapped_column(enum_type(PlanStatus), nullable=False)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    published_by: Mapped[str | None] = mapped_column(String(120))
    # The assignments as the leader planned them ([person_id, "YYYY-MM-DD", task_id, hours]),
    # before the day's prioritisation (sickness, moves, overtime) changed them: copying a week
    # copies the plan, not last week's sick days.
    planned: Mapped[list[Any] | None] = mapped_column(JSON)

    assignments: Mapped[list[Assignment]] = relationship(back_populates="week_plan", cascade="all, delete-orphan")

    __table_args__ = (
        UniqueConstraint("team_id", "iso_year", "iso_week"),
        CheckConstraint("iso_week >= 1 AND iso_week <= 53", name="iso_week_range"),
        enum_check("status", PlanStatus),
    )


class Assignment(Versioned, Base):
    """Hours a person is planned on a task on one day of a week plan."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    week_plan_id: Mapped[int] = mapped_column(ForeignKey("week_plans.id", ondelete="CASCADE"), nullable=False)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="RESTRICT"), nullable=False)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    hours: Mapped[float] = mapped_column(Float, nullable=False)

    week_plan: Mapped[WeekPlan] = relationship(back_populates="assignments")

    __table_args__ = (
        UniqueConstraint("week_plan_id", "person_id", "date", "task_id"),
        CheckConstraint("hours > 0 AND hours <= 24", name="hours_range"),
        Index("ix_assignments_plan_date", "week_plan_id", "date"),
        Index("ix_assignments_person_date", "person_id", "date"),
    )


class Absence(Versioned, Base):
    __tablename__ = "absences"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    kind: Mapped[AbsenceKind] = mapped_column(enum_type(AbsenceKind), nullable=False)
    hours: Mapped[float] = mapped_column(Float, nullable=False)
    note: Mapped[str] = mapped_column(String(240), nullable=False, default="")

    __table_args__ = (
        UniqueConstraint("person_id", "date"),
        enum_check("kind", AbsenceKind),
        CheckConstraint("hours > 0 AND hours <= 24", name="hours_range"),
        Index("ix_absences_date", "date"),
    )


class PlannedVolumeOverride(Versioned, Base):
    __tablename__ = "planned_volume_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    volume: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str] = mapped_column(String(240), nullable=False)
    set_by: Mapped[str] = mapped_column(String(120), nullable=False)

    __table_args__ = (
        UniqueConstraint("task_id", "date"),
        CheckConstraint("volume >= 0", name="volume_nonneg"),
        CheckConstraint("length(reason) > 0", name="reason_required"),
    )


class Production(Versioned, Base):
    """Cases finished on a task on a day: one row per task and day."""

    __tablename__ = "production"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    produced: Mapped[int] = mapped_column(Integer, nullable=False)
    source: Mapped[ProductionSource] = mapped_column(enum_type(ProductionSource), nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(120), nullable=False)

    __table_args__ = (
        UniqueConstraint("task_id", "date"),
        CheckConstraint("produced >= 0", name="produced_nonneg"),
        enum_check("source", ProductionSource),
        Index("ix_production_date", "date"),
    )


class HoldingsSnapshot(Versioned, Base):
    """Open cases of a task on a day, with those due today and overdue."""

    __tablename__ = "holdings"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    open_cases: Mapped[int] = mapped_column(Integer, nullable=False)
    due_today: Mapped[int] = mapped_column(Integer, nullable=False)
    overdue: Mapped[int] = mapped_column(Integer, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(120), nullable=False)

    __table_args__ = (
        UniqueConstraint("task_id", "date"),
        CheckConstraint("open_cases >= 0 AND due_today >= 0 AND overdue >= 0", name="counts_nonneg"),
        CheckConstraint("due_today + overdue <= open_cases", name="parts_within_open"),
    )


class PlanChange(Base):
    """The daily prioritisation log: a change to the plan inside the period, with its reason."""

    __tablename__ = "plan_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    kind: Mapped[PlanChangeKind] = mapped_column(enum_type(PlanChangeKind), nullable=False)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    # The person's own words (a reason or note); what happened is ``kind`` plus ``params``,
    # rendered in the viewer's language, never stored as a sentence.
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(120), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        enum_check("kind", PlanChangeKind),
        Index("ix_plan_changes_team_date", "team_id", "date"),
    )


# --------------------------------------------------------------------------- goal-steering board


class Measure(Versioned, Base):
    """A KPI, control measure or operational measure defined on one org unit."""

    __tablename__ = "measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    slug: Mapped[str] = mapped_column(String(60), nullable=False)
    kind: Mapped[MeasureKind] = mapped_column(enum_type(MeasureKind), nullable=False)
    # The unit of measure ("days", "%"): ``unit_label`` so it is never confused with an org unit.
    unit_label: Mapped[str] = mapped_column("unit", String(20), nullable=False, default="")
    # Display precision (decimals shown); None shows what the value needs, up to two decimals.
    decimals: Mapped[int | None] = mapped_column(Integer)
    direction: Mapped[Direction | None] = mapped_column(enum_type(Direction))
    baseline: Mapped[float | None] = mapped_column(Float)
    baseline_date: Mapped[dt.date | None] = mapped_column(Date)
    target: Mapped[float | None] = mapped_column(Float)
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    target_profile: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    comparator: Mapped[Comparator | None] = mapped_column(enum_type(Comparator))
    threshold: Mapped[float | None] = mapped_column(Float)
    tolerance_pct: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    period: Mapped[Period] = mapped_column(enum_type(Period), nullable=False)
    rollup: Mapped[RollUp] = mapped_column(enum_type(RollUp), nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    __table_args__ = (
        UniqueConstraint("org_unit_id", "slug"),
        enum_check("kind", MeasureKind),
        enum_check("period", Period),
        enum_check("rollup", RollUp),
        CheckConstraint("direction IS NULL OR direction IN ('higher', 'lower')", name="direction_valid"),
        CheckConstraint("comparator IS NULL OR comparator IN ('>', '>=', '<', '<=')", name="comparator_valid"),
        CheckConstraint(
            "kind <> 'kpi' OR (direction IS NOT NULL AND baseline IS NOT NULL AND target IS NOT NULL"
            " AND baseline_date IS NOT NULL AND target_date IS NOT NULL AND target <> baseline"
            " AND target_date > baseline_date)",
            name="kpi_fields",
        ),
        CheckConstraint(
            "kind <> 'control' OR (comparator IS NOT NULL AND threshold IS NOT NULL)",
            name="control_fields",
        ),
        CheckConstraint("tolerance_pct >= 0 AND tolerance_pct <= 100", name="tolerance_range"),
        CheckConstraint("decimals IS NULL OR (decimals >= 0 AND decimals <= 4)", name="decimals_range"),
    )


class MeasureValue(Versioned, Base):
    __tablename__ = "measure_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id", ondelete="CASCADE"), nullable=False)
    period_start: Mapped[dt.date] = mapped_column(Date, nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)
    weight: Mapped[float | None] = mapped_column(Float)
    entered_by: Mapped[str] = mapped_column(String(120), nullable=False)

    __table_args__ = (
        UniqueConstraint("measure_id", "period_start"),
        CheckConstraint("weight IS NULL OR weight >= 0", name="weight_nonneg"),
    )


class Action(Versioned, Base):
    """An action agreed when a KPI is behind or a control breached."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id", ondelete="CASCADE"), nullable=False)
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    owner: Mapped[str] = mapped_column(String(120), nullable=False)
    due_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus), nullable=False)
    improvement_card_id: Mapped[int | None] = mapped_column(ForeignKey("improvement_cards.id", ondelete="SET NULL"))
    created_by: Mapped[str] = mapped_column(String(120), nullable=False)

    __table_args__ = (
        enum_check("status", ActionStatus),
        CheckConstraint("length(text) > 0", name="text_required"),
        Index("ix_actions_measure_status", "measure_id", "status"),
    )


# --------------------------------------------------------------------------- improvement board


class ImprovementCard(Versioned, Base):
    __tablename__ = "improvement_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    problem: Mapped[str] = mapped_column(Text, nullable=False, default="")
    idea: Mapped[str] = mapped_column(Text, nullable=False, default="")
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    stage: Mapped[Stage] = mapped_column(enum_type(Stage), nullable=False)
    impact: Mapped[int | None] = mapped_column(Integer)
    effort: Mapped[int | None] = mapped_column(Integer)
    a3_background: Mapped[str] = mapped_column(Text, nullable=False, default="")
    a3_current_state: Mapped[str] = mapped_column(Text, nullable=False, default="")
    a3_goal: Mapped[str] = mapped_column(Text, nullable=False, default="")
    a3_root_cause: Mapped[str] = mapped_column(Text, nullable=False, default="")
    a3_countermeasures: Mapped[str] = mapped_column(Text, nullable=False, default="")
    a3_plan: Mapped[str] = mapped_column(Text, nullable=False, default="")
    a3_follow_up: Mapped[str] = mapped_column(Text, nullable=False, default="")
    new_standard: Mapped[str] = mapped_column(Text, nullable=False, default="")
    rejection_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    origin: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Where the card came from as a kind and parameters (e.g. a goal-board action, a Pareto
    # category), rendered in the viewer's language; ``origin`` is free text for imports.
    origin_kind: Mapped[str | None] = mapped_column(String(40))
    origin_params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    needs_it_change: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    stage_changed_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    standard_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # One per rendered create form: a submit sent twice finds the card it already made.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    __table_args__ = (
        enum_check("stage", Stage),
        CheckConstraint("impact IS NULL OR (impact >= 1 AND impact <= 5)", name="impact_range"),
        CheckConstraint("effort IS NULL OR (effort >= 1 AND effort <= 5)", name="effort_range"),
        CheckConstraint("length(title) > 0", name="title_required"),
        Index("ix_improvement_cards_team_stage", "team_id", "stage"),
    )


class CardEvent(Base):
    """The history of an improvement card: creation, moves, edits, ownership, comments."""

    __tablename__ = "card_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("improvement_cards.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[CardEventKind] = mapped_column(enum_type(CardEventKind), nullable=False)
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(120), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        enum_check("kind", CardEventKind),
        Index("ix_card_events_card", "card_id", "created_at"),
    )


class CardLink(Base):
    """Two cards marked as related (e.g. the same problem in two teams)."""

    __tablename__ = "card_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_a_id: Mapped[int] = mapped_column(ForeignKey("improvement_cards.id", ondelete="CASCADE"), nullable=False)
    card_b_id: Mapped[int] = mapped_column(ForeignKey("improvement_cards.id", ondelete="CASCADE"), nullable=False)
    created_by: Mapped[str] = mapped_column(String(120), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        UniqueConstraint("card_a_id", "card_b_id"),
        CheckConstraint("card_a_id < card_b_id", name="ordered_pair"),
    )


class ErrorRegistration(Versioned, Base):
    """Manually registered errors by category, the input to a Pareto analysis."""

    __tablename__ = "error_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    category: Mapped[str] = mapped_column(String(120), nullable=False)
    count: Mapped[int] = mapped_column(Integer, nullable=False)
    registered_by: Mapped[str] = mapped_column(String(120), nullable=False)

    __table_args__ = (
        CheckConstraint("count > 0", name="count_positive"),
        CheckConstraint("length(category) > 0", name="category_required"),
        Index("ix_error_registrations_team_date", "team_id", "date"),
    )


# --------------------------------------------------------------------------- users and audit


class User(Versioned, Base):
    """A sign-in identity (sign-in comes later); optionally the same human as a Person."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    display_name: Mapped[str] = mapped_column(String(120), nullable=False)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    language: Mapped[str | None] = mapped_column(String(2))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    __table_args__ = (CheckConstraint("language IS NULL OR language IN ('en', 'da')", name="language_valid"),)


class RoleGrant(Base):
    __tablename__ = "role_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    role: Mapped[Role] = mapped_column(enum_type(Role), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=utcnow)

    __table_args__ = (UniqueConstraint("user_id", "org_unit_id", "role"), enum_check("role", Role))


class AccessToken(Base):
    """A secret that opens a door without personal sign-in: a team's read-only screen link, the
    admin token of open mode, or a core system's API token (``api``: ``team_id`` holds the org
    unit it may write to, ``label`` its name). Only the SHA-256 of the secret is stored."""

    __tablename__ = "access_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # 'screen', 'admin' or 'api'
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id", ondelete="CASCADE"))
    label: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("kind IN ('screen', 'admin', 'api')", name="kind_valid"),
        CheckConstraint("kind <> 'screen' OR team_id IS NOT NULL", name="screen_has_team"),
        CheckConstraint("kind <> 'api' OR (team_id IS NOT NULL AND label IS NOT NULL)", name="api_has_unit"),
    )


class AuditEntry(Base):
    """One changed field of one row (or a whole inserted/deleted row as JSON)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[AuditAction] = mapped_column(enum_type(AuditAction), nullable=False)
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(120), nullable=False)
    actor_user_id: Mapped[int | None] = mapped_column(Integer)
    row_version: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        enum_check("action", AuditAction),
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_at", "at"),
    )


class ChangeStamp(Base):
    """One row counting committed write transactions: ``write_session`` bumps it as the last
    statement before each commit, so its value follows commit order (audit-log ids, handed out
    at insert, do not on PostgreSQL) and screens know when their cached board is stale."""

    __tablename__ = "change_stamp"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)


# Models kept in their own modules; imported here so ``Base.metadata`` holds every table.
from db import models_feeds, models_maturity, models_workplace  # noqa: E402, F401
