"""Models of standards, training and process confirmation: the unit's library of written
standards and their versions, who is to be told or trained, the job roles' duties per task, and
the leaders' process confirmations."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Entity, UnitList, Versioned, enum_check, enum_type
from driftboard.standards import Duty, Followed, FollowUp, TrainingMethod, TrainingReason


class StandardLevel(UnitList, Versioned, Entity):
    """A level of the unit's standards hierarchy ("Forretningsgang"), named in each language."""

    __tablename__ = "standard_levels"


class Standard(Versioned, Entity):
    """A written standard of an org unit (a team's work description, the unit's policy)."""

    __tablename__ = "standards"

    org_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    level: Mapped[str] = mapped_column(sa.String(60), nullable=False)  # a StandardLevel key of the unit
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(sa.String(500), nullable=False, default="")
    text: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    review_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)

    __table_args__ = (
        sa.UniqueConstraint("org_unit_id", "title"),
        sa.CheckConstraint("length(title) > 0", name="title_required"),
        sa.Index("ix_standards_org_unit", "org_unit_id"),
    )


class StandardTask(Entity):
    """A task a standard covers."""

    __tablename__ = "standard_tasks"

    standard_id: Mapped[int] = mapped_column(sa.ForeignKey("standards.id", ondelete="CASCADE"), nullable=False)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)

    __table_args__ = (sa.UniqueConstraint("standard_id", "task_id"), sa.Index("ix_standard_tasks_task", "task_id"))


class StandardVersion(Versioned, Entity):
    """A version of a standard: in force from its effective date; a card that reached "new
    standard" is linked to the version it made."""

    __tablename__ = "standard_versions"

    standard_id: Mapped[int] = mapped_column(sa.ForeignKey("standards.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    effective_on: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    change_note: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    card_id: Mapped[int | None] = mapped_column(sa.ForeignKey("improvement_cards.id", ondelete="SET NULL"))
    made_by: Mapped[str] = mapped_column(sa.String(120), nullable=False)

    __table_args__ = (
        sa.UniqueConstraint("standard_id", "number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
        sa.Index("ix_standard_versions_card", "card_id"),
    )


class Training(Versioned, Entity):
    """A person to be told or trained: of a standard's new version, after a confirmation, or as
    the leader planned it; done when the person acknowledged it or the leader recorded it."""

    __tablename__ = "trainings"

    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    task_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tasks.id", ondelete="CASCADE"))
    version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("standard_versions.id", ondelete="CASCADE"))
    method: Mapped[TrainingMethod] = mapped_column(enum_type(TrainingMethod), nullable=False)
    reason: Mapped[TrainingReason] = mapped_column(enum_type(TrainingReason), nullable=False)
    planned_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    done_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    done_by: Mapped[str | None] = mapped_column(sa.String(120))

    __table_args__ = (
        enum_check("method", TrainingMethod),
        enum_check("reason", TrainingReason),
        sa.Index("ix_trainings_person", "person_id"),
        sa.Index("ix_trainings_task", "task_id"),
    )


class TaskDuty(Versioned, Entity):
    """What a job role of the unit does in a task: responsible, performing, consulted, informed."""

    __tablename__ = "task_duties"

    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)
    job_role: Mapped[str] = mapped_column(sa.String(60), nullable=False)
    duty: Mapped[Duty] = mapped_column(enum_type(Duty), nullable=False)

    __table_args__ = (sa.UniqueConstraint("task_id", "job_role"), enum_check("duty", Duty))


class Confirmation(Versioned, Entity):
    """A process confirmation: a leader saw a person carry out a task and whether they found and
    followed its standard; with the follow-up it led to, and the head's confirmation of it."""

    __tablename__ = "process_confirmations"

    team_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="RESTRICT"), nullable=False)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    leader_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False)
    version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("standard_versions.id", ondelete="SET NULL"))
    day: Mapped[dt.date] = mapped_column(sa.Date, nullable=False)
    found: Mapped[bool] = mapped_column(sa.Boolean, nullable=False)
    followed: Mapped[Followed] = mapped_column(enum_type(Followed), nullable=False)
    note: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    follow_up: Mapped[FollowUp] = mapped_column(enum_type(FollowUp), nullable=False)
    follow_up_due: Mapped[dt.date | None] = mapped_column(sa.Date)
    card_id: Mapped[int | None] = mapped_column(sa.ForeignKey("improvement_cards.id", ondelete="SET NULL"))
    training_id: Mapped[int | None] = mapped_column(sa.ForeignKey("trainings.id", ondelete="SET NULL"))
    reviewed_by: Mapped[str | None] = mapped_column(sa.String(120))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(sa.DateTime)

    __table_args__ = (
        enum_check("followed", Followed),
        enum_check("follow_up", FollowUp),
        sa.Index("ix_process_confirmations_team_day", "team_id", "day"),
        sa.Index("ix_process_confirmations_leader_day", "leader_id", "day"),
    )


class ConfirmationMeasures(Versioned, Entity):
    """The goal-board measures a unit's process confirmations feed (the rules themselves are
    settings of the org unit: ``OrgUnit.confirmations_per_week`` …)."""

    __tablename__ = "confirmation_measures"

    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False, unique=True)
    done_measure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("measures.id", ondelete="SET NULL"))
    followed_measure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("measures.id", ondelete="SET NULL"))
