"""Operations-board services: week plans, absences, production and holdings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from db.engine import write_session
from db.models import Absence, Assignment, HoldingsSnapshot, Person, PlanChange, Production, Task, WeekPlan, utcnow
from driftboard.domain import (
    AbsenceKind,
    Actor,
    DomainError,
    PlanChangeKind,
    PlanStatus,
    ProductionSource,
    RowError,
    ValidationError,
)
from driftboard.services.common import check_version


@dataclass(frozen=True)
class AssignmentInput:
    person_id: int
    date: dt.date
    task_id: int
    hours: float


@dataclass(frozen=True)
class AbsenceInput:
    person_id: int
    date: dt.date
    kind: AbsenceKind
    hours: float
    note: str = ""


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def _plan(s: Session, team_id: int, monday: dt.date) -> WeekPlan | None:
    year, week, _ = monday.isocalendar()
    return s.scalar(
        select(WeekPlan).where(WeekPlan.team_id == team_id, WeekPlan.iso_year == year, WeekPlan.iso_week == week)
    )


def save_week_plan(
    actor: Actor,
    team_id: int,
    monday: dt.date,
    assignments: Iterable[AssignmentInput],
    *,
    seen_version: int | None = None,
    engine: Engine | None = None,
) -> int:
    """Replace the week plan's assignments (creating a draft plan if the week has none)."""
    monday = week_start(monday)
    days = {monday + dt.timedelta(days=i) for i in range(7)}
    assignments = list(assignments)
    errors = [
        RowError(i, "hours", "v.range", (("low", 0), ("high", 24)))
        for i, a in enumerate(assignments, start=1)
        if not 0 < a.hours <= 24
    ] + [
        RowError(i, "date", "v.date", (("value", a.date.isoformat()),))
        for i, a in enumerate(assignments, start=1)
        if a.date not in days
    ]
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        _check_team_tasks(s, team_id, {a.task_id for a in assignments})
        plan = _plan(s, team_id, monday)
        if plan is None:
            year, week, _ = monday.isocalendar()
            plan = WeekPlan(team_id=team_id, iso_year=year, iso_week=week, status=PlanStatus.DRAFT)
            s.add(plan)
            s.flush()
        else:
            check_version(s, plan, seen_version)
            s.execute(delete(Assignment).where(Assignment.week_plan_id == plan.id))
            plan.updated_at = utcnow()  # bumps the version so concurrent editors notice
        merged: dict[tuple[int, dt.date, int], float] = {}
        for a in assignments:
            key = (a.person_id, a.date, a.task_id)
            merged[key] = merged.get(key, 0) + a.hours
        s.add_all(
            Assignment(week_plan_id=plan.id, person_id=p, date=d, task_id=t, hours=h) for (p, d, t), h in merged.items()
        )
        s.flush()
        return plan.id


def publish_week_plan(
    actor: Actor, team_id: int, monday: dt.date, *, seen_version: int | None = None, engine: Engine | None = None
) -> None:
    with write_session(actor, engine) as s:
        plan = _plan(s, team_id, week_start(monday))
        if plan is None:
            raise DomainError("there is no plan for that week to publish")
        check_version(s, plan, seen_version)
        plan.status = PlanStatus.PUBLISHED
        plan.published_at = utcnow()
        plan.published_by = actor.name


def record_absences(actor: Actor, absences: Iterable[AbsenceInput], engine: Engine | None = None) -> int:
    """Register absences (one per person and day; a new one replaces the old)."""
    absences = list(absences)
    errors = [
        RowError(i, "hours", "v.range", (("low", 0), ("high", 24)))
        for i, a in enumerate(absences, start=1)
        if not 0 < a.hours <= 24
    ]
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        existing = {
            (a.person_id, a.date): a
            for a in s.scalars(
                select(Absence).where(
                    Absence.person_id.in_({a.person_id for a in absences}), Absence.date.in_({a.date for a in absences})
                )
            )
        }
        for a in absences:
            row = existing.get((a.person_id, a.date))
            if row is None:
                s.add(Absence(person_id=a.person_id, date=a.date, kind=a.kind, hours=a.hours, note=a.note))
            else:
                row.kind, row.hours, row.note = a.kind, a.hours, a.note
        return len(absences)


def record_production(
    actor: Actor,
    team_id: int,
    day: dt.date,
    produced: Mapping[int, int],
    *,
    source: ProductionSource = ProductionSource.MANUAL,
    engine: Engine | None = None,
) -> int:
    """Set the produced volume of the team's tasks for ``day``; re-entering replaces the value."""
    errors = [
        RowError(i, str(task_id), "v.nonneg" if isinstance(n, int) else "v.integer")
        for i, (task_id, n) in enumerate(produced.items(), start=1)
        if not isinstance(n, int) or isinstance(n, bool) or n < 0
    ]
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        _check_team_tasks(s, team_id, set(produced))
        return _upsert_production(s, actor, [(task_id, day, n) for task_id, n in produced.items()], source)


def _upsert_production(s: Session, actor: Actor, rows: list[tuple[int, dt.date, int]], source: ProductionSource) -> int:
    existing = {
        (p.task_id, p.date): p
        for p in s.scalars(
            select(Production).where(
                Production.task_id.in_({r[0] for r in rows}), Production.date.in_({r[1] for r in rows})
            )
        )
    }
    for task_id, day, n in rows:
        row = existing.get((task_id, day))
        if row is None:
            s.add(Production(task_id=task_id, date=day, produced=n, source=source, recorded_by=actor.name))
        elif row.produced != n or row.source != source:
            row.produced, row.source, row.recorded_by = n, source, actor.name
    return len(rows)


def record_holdings(
    actor: Actor,
    team_id: int,
    day: dt.date,
    holdings: Mapping[int, tuple[int, int, int]],
    engine: Engine | None = None,
) -> int:
    """Set open cases, due today and overdue per task for ``day``."""
    errors = []
    for i, (task_id, (open_, due, overdue)) in enumerate(holdings.items(), start=1):
        if min(open_, due, overdue) < 0:
            errors.append(RowError(i, str(task_id), "v.nonneg"))
        elif due + overdue > open_:
            errors.append(RowError(i, str(task_id), "v.range", (("low", 0), ("high", open_))))
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        _check_team_tasks(s, team_id, set(holdings))
        existing = {
            h.task_id: h
            for h in s.scalars(
                select(HoldingsSnapshot).where(HoldingsSnapshot.task_id.in_(holdings), HoldingsSnapshot.date == day)
            )
        }
        for task_id, (open_, due, overdue) in holdings.items():
            row = existing.get(task_id)
            if row is None:
                s.add(
                    HoldingsSnapshot(
                        task_id=task_id,
                        date=day,
                        open_cases=open_,
                        due_today=due,
                        overdue=overdue,
                        recorded_by=actor.name,
                    )
                )
            else:
                row.open_cases, row.due_today, row.overdue, row.recorded_by = open_, due, overdue, actor.name
        return len(holdings)


def log_plan_change(
    actor: Actor,
    team_id: int,
    day: dt.date,
    kind: PlanChangeKind,
    description: str,
    *,
    person_id: int | None = None,
    task_id: int | None = None,
    engine: Engine | None = None,
) -> int:
    """Add an entry to the team's daily prioritisation log."""
    if not description.strip():
        raise DomainError("a plan change needs a description of what changed and why")
    with write_session(actor, engine) as s:
        row = PlanChange(
            team_id=team_id,
            date=day,
            kind=kind,
            description=description.strip(),
            person_id=person_id,
            task_id=task_id,
            author=actor.name,
        )
        s.add(row)
        s.flush()
        return row.id


def _check_team_tasks(s: Session, team_id: int, task_ids: set[int]) -> None:
    if not task_ids:
        return
    found = set(s.scalars(select(Task.id).where(Task.id.in_(task_ids), Task.team_id == team_id)))
    missing = task_ids - found
    if missing:
        raise DomainError(f"task(s) {sorted(missing)} do not belong to team {team_id}")


def team_people_ids(s: Session, team_id: int) -> list[int]:
    return list(s.scalars(select(Person.id).where(Person.team_id == team_id, Person.active)))
