"""Operations-board services: week plans, absences, production and holdings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import (
    Absence,
    Assignment,
    Competence,
    HoldingsSnapshot,
    OrgUnit,
    Person,
    PlanChange,
    PlannedVolumeOverride,
    Production,
    Task,
    WeekPlan,
    utcnow,
)
from driftboard import clock, imports, opsboard, planning
from driftboard.domain import (
    AbsenceKind,
    Actor,
    CompetenceLevel,
    DomainError,
    NotFoundError,
    OrgLevel,
    PlanChangeKind,
    PlanStatus,
    ProductionSource,
    RowError,
    ValidationError,
)
from driftboard.i18n import t
from driftboard.services import org
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


def previous_workday(day: dt.date) -> dt.date:
    """The work day before ``day`` (Friday for a Monday or a weekend day)."""
    previous = day - dt.timedelta(days=1)
    while previous.weekday() >= 5:
        previous -= dt.timedelta(days=1)
    return previous


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
    change_reason: str = "",
    engine: Engine | None = None,
) -> int:
    """Replace the week plan's assignments (creating a draft plan if the week has none).

    A published plan is what the team's board shows: changing it needs ``change_reason``, which
    goes into the prioritisation log in the same transaction.
    """
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
            if plan.status == PlanStatus.PUBLISHED:
                if not change_reason.strip():
                    raise DomainError("the plan is published: say why it changes", message_key="plan.err.reason")
                s.add(
                    PlanChange(
                        team_id=team_id,
                        date=min(max(clock.today(), monday), monday + dt.timedelta(days=4)),
                        kind=PlanChangeKind.OTHER,
                        description=change_reason.strip(),
                        author=actor.name,
                    )
                )
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
    at: dt.datetime | None = None,
    engine: Engine | None = None,
) -> int:
    """Add an entry to the team's daily prioritisation log (``at`` back-dates an import)."""
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
            created_at=at or utcnow(),
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


# --------------------------------------------------------------------------- the board (reads)


@dataclass(frozen=True)
class BoardView:
    """The board plus what the page needs around it."""

    board: opsboard.OperationsBoard
    team_id: int
    plan_status: PlanStatus | None
    plan_version: int | None
    changes: tuple[PlanChangeRow, ...]
    tasks: tuple[opsboard.TaskInfo, ...]
    people: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class PlanChangeRow:
    id: int
    date: dt.date
    kind: PlanChangeKind
    description: str
    author: str
    created_at: dt.datetime


def load_board(team_id: int, day: dt.date, engine: Engine | None = None) -> BoardView:
    """Everything the operations board shows for ``team_id`` in ``day``'s week, in a few queries."""
    week = opsboard.week_days_of(day)
    with read_session(engine) as s:
        chain = org.ancestry(s, team_id)
        if not chain or chain[0].level != OrgLevel.TEAM:
            raise NotFoundError(f"there is no team with id {team_id}")
        factors = org.team_factors(s, team_id)
        unit = chain[-1]
        task_rows = s.scalars(
            select(Task).where(Task.team_id == team_id, Task.active).order_by(Task.sort_order, Task.name)
        ).all()
        tasks = tuple(
            opsboard.TaskInfo(t.id, t.name, t.minutes_per_case, t.service_goal_days, t.expected_daily_volume)
            for t in task_rows
        )
        task_ids = [t.id for t in tasks]
        plan = _plan(s, team_id, week[0])
        published = plan is not None and plan.status == PlanStatus.PUBLISHED
        assignments = _assignment_rows(s, plan.id) if published else []
        production = {
            (p.task_id, p.date): p.produced
            for p in s.scalars(
                select(Production).where(Production.task_id.in_(task_ids), Production.date.between(week[0], week[-1]))
            )
        }
        overrides = [
            opsboard.OverrideRow(o.task_id, o.date, o.volume, o.reason)
            for o in s.scalars(
                select(PlannedVolumeOverride).where(
                    PlannedVolumeOverride.task_id.in_(task_ids),
                    PlannedVolumeOverride.date.between(week[0], week[-1]),
                )
            )
        ]
        latest = (
            select(HoldingsSnapshot.task_id, func.max(HoldingsSnapshot.date).label("d"))
            .where(HoldingsSnapshot.task_id.in_(task_ids), HoldingsSnapshot.date <= day)
            .group_by(HoldingsSnapshot.task_id)
            .subquery()
        )
        holdings = [
            opsboard.HoldingsRow(h.task_id, h.date, h.open_cases, h.due_today, h.overdue)
            for h in s.scalars(
                select(HoldingsSnapshot).join(
                    latest, (latest.c.task_id == HoldingsSnapshot.task_id) & (latest.c.d == HoldingsSnapshot.date)
                )
            )
        ]
        team_people = tuple(
            (p.id, p.name)
            for p in s.scalars(select(Person).where(Person.team_id == team_id, Person.active).order_by(Person.name))
        )
        person_ids = {pid for pid, _ in team_people} | {a.person_id for a in assignments}
        absences = [
            opsboard.AbsenceRow(a.person_id, name, a.date, a.kind.value, a.hours, a.note)
            for a, name in s.execute(
                select(Absence, Person.name)
                .join(Person, Person.id == Absence.person_id)
                .where(Absence.person_id.in_(person_ids), Absence.date.between(week[0], week[-1]))
            )
        ]
        competent_counts = dict(
            s.execute(
                select(Competence.task_id, func.count(Competence.id))
                .join(Person, Person.id == Competence.person_id)
                .where(
                    Competence.task_id.in_(task_ids),
                    Competence.level.in_([CompetenceLevel.COMPETENT, CompetenceLevel.EXPERT]),
                    Person.active,
                )
                .group_by(Competence.task_id)
            ).all()
        )
        unit_people = _unit_people(s, unit.id, task_ids, day, week) if published and day in week else {}
        changes = tuple(
            PlanChangeRow(c.id, c.date, c.kind, c.description, c.author, c.created_at)
            for c in s.scalars(
                select(PlanChange)
                .where(PlanChange.team_id == team_id, PlanChange.date.between(week[0], week[-1]))
                .order_by(PlanChange.date.desc(), PlanChange.created_at.desc(), PlanChange.id.desc())
            )
        )
        board = opsboard.build_operations_board(
            day=day,
            team_id=team_id,
            tasks=tasks,
            assignments=assignments,
            production=production,
            overrides=overrides,
            holdings=holdings,
            absences=absences,
            team_people=team_people,
            competent_counts=competent_counts,
            unit_people=unit_people,
            factors=factors,
            tolerance_pct=org.inherited(chain, "status_tolerance_pct", 0.0),
            margin_fte=org.inherited(chain, "competence_margin_fte", 1.0),
            escalation_order=org.inherited(chain, "escalation_order", opsboard.DEFAULT_ESCALATION),
            has_plan=published,
        )
        return BoardView(
            board=board,
            team_id=team_id,
            plan_status=plan.status if plan else None,
            plan_version=plan.version if plan else None,
            changes=changes,
            tasks=tasks,
            people=team_people,
        )


def _assignment_rows(s: Session, plan_id: int) -> list[opsboard.AssignmentRow]:
    team = OrgUnit.__table__.alias("person_team")
    rows = s.execute(
        select(Assignment, Person.name, Person.team_id, team.c.name)
        .join(Person, Person.id == Assignment.person_id)
        .join(team, team.c.id == Person.team_id)
        .where(Assignment.week_plan_id == plan_id)
        .order_by(Assignment.date, Person.name)
    ).all()
    return [
        opsboard.AssignmentRow(a.person_id, name, team_id, team_name, a.task_id, a.date, a.hours)
        for a, name, team_id, team_name in rows
    ]


def _unit_people(
    s: Session, unit_id: int, task_ids: list[int], day: dt.date, week: tuple[dt.date, ...]
) -> dict[int, list[planning.PersonDay]]:
    """The unit's active people as the capacity search sees them today, per task."""
    team_ids = org.descendant_ids(s, unit_id, OrgLevel.TEAM)
    team = OrgUnit.__table__.alias("t")
    people = s.execute(
        select(Person.id, Person.name, Person.team_id, team.c.name, Person.daily_hours)
        .join(team, team.c.id == Person.team_id)
        .where(Person.team_id.in_(team_ids), Person.active)
    ).all()
    ids = [p[0] for p in people]
    absent: dict[tuple[int, dt.date], float] = defaultdict(float)
    for pid, date, hours in s.execute(
        select(Absence.person_id, Absence.date, Absence.hours).where(
            Absence.person_id.in_(ids), Absence.date.between(week[0], week[-1])
        )
    ):
        absent[(pid, date)] += hours
    assigned: dict[tuple[int, dt.date], float] = defaultdict(float)
    for pid, date, hours in s.execute(
        select(Assignment.person_id, Assignment.date, func.sum(Assignment.hours))
        .join(WeekPlan, WeekPlan.id == Assignment.week_plan_id)
        .where(
            Assignment.person_id.in_(ids),
            Assignment.date.between(week[0], week[-1]),
            WeekPlan.status == PlanStatus.PUBLISHED,
        )
        .group_by(Assignment.person_id, Assignment.date)
    ):
        assigned[(pid, date)] += hours
    levels: dict[tuple[int, int], str] = {
        (pid, tid): level.value
        for pid, tid, level in s.execute(
            select(Competence.person_id, Competence.task_id, Competence.level).where(Competence.task_id.in_(task_ids))
        )
    }
    result: dict[int, list[planning.PersonDay]] = {}
    for task_id in task_ids:
        result[task_id] = [
            planning.PersonDay(
                person_id=pid,
                name=name,
                team_id=team_id,
                team_name=team_name,
                daily_hours=hours,
                absent_hours=absent[(pid, day)],
                assigned_hours=assigned[(pid, day)],
                overtime_used_week=planning.overtime_used((hours, absent[(pid, d)], assigned[(pid, d)]) for d in week),
                level=levels.get((pid, task_id)),
            )
            for pid, name, team_id, team_name, hours in people
        ]
    return result


# --------------------------------------------------------------------------- planned-volume overrides


def set_planned_volume(
    actor: Actor,
    team_id: int,
    task_id: int,
    day: dt.date,
    volume: int | None,
    reason: str = "",
    engine: Engine | None = None,
) -> None:
    """Override (or, with ``volume=None``, restore) the planned volume of a task on a day.

    A leader lowers a target when cases risk breaking the service goal; the reason is shown on
    the board, so it is required.
    """
    if volume is not None:
        if not isinstance(volume, int) or isinstance(volume, bool) or volume < 0:
            raise DomainError("the planned volume must be a whole number of 0 or more", message_key="ops.err.volume")
        if not reason.strip():
            raise DomainError("say why the planned volume is overridden", message_key="ops.err.reason")
    with write_session(actor, engine) as s:
        _check_team_tasks(s, team_id, {task_id})
        row = s.scalar(
            select(PlannedVolumeOverride).where(
                PlannedVolumeOverride.task_id == task_id, PlannedVolumeOverride.date == day
            )
        )
        if volume is None:
            if row is not None:
                s.delete(row)
            return
        if row is None:
            s.add(
                PlannedVolumeOverride(
                    task_id=task_id, date=day, volume=volume, reason=reason.strip(), set_by=actor.name
                )
            )
        else:
            row.volume, row.reason, row.set_by = volume, reason.strip(), actor.name


# --------------------------------------------------------------------------- daily prioritisation


def _published_plan(s: Session, team_id: int, day: dt.date) -> WeekPlan:
    plan = _plan(s, team_id, week_start(day))
    if plan is None or plan.status != PlanStatus.PUBLISHED:
        raise DomainError("the week has no published plan to change", message_key="ops.err.no_plan")
    return plan


def _person(s: Session, person_id: int) -> Person:
    person = s.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"there is no person with id {person_id}")
    return person


def _task_name(s: Session, task_id: int) -> str:
    return s.scalar(select(Task.name).where(Task.id == task_id)) or "?"


def mark_sick(
    actor: Actor,
    team_id: int,
    person_id: int,
    day: dt.date,
    *,
    note: str = "",
    lang: str = "en",
    engine: Engine | None = None,
) -> int:
    """Register a person as sick for ``day``: their hours in today's plan are freed, the absence is
    recorded and the prioritisation log says what changed — in one transaction."""
    with write_session(actor, engine) as s:
        person = _person(s, person_id)
        plan = _published_plan(s, team_id, day)
        if person.team_id != team_id:
            raise DomainError("only the team's own people can be marked sick here")
        freed = (
            s.execute(
                select(Assignment).where(
                    Assignment.week_plan_id == plan.id, Assignment.person_id == person_id, Assignment.date == day
                )
            )
            .scalars()
            .all()
        )
        tasks = ", ".join(f"{_task_name(s, a.task_id)} {a.hours:g} h" for a in freed)
        for a in freed:
            s.delete(a)
        existing = s.scalar(select(Absence).where(Absence.person_id == person_id, Absence.date == day))
        if existing is None:
            s.add(Absence(person_id=person_id, date=day, kind=AbsenceKind.SICK, hours=person.daily_hours, note=note))
        else:
            existing.kind, existing.hours, existing.note = AbsenceKind.SICK, person.daily_hours, note
        plan.updated_at = utcnow()
        text = t("ops.log.sick", lang, name=person.name, tasks=tasks or "–")
        change = PlanChange(
            team_id=team_id,
            date=day,
            kind=PlanChangeKind.SICKNESS,
            person_id=person_id,
            description=f"{text} {note.strip()}".strip(),
            author=actor.name,
        )
        s.add(change)
        s.flush()
        return change.id


def move_person(
    actor: Actor,
    team_id: int,
    person_id: int,
    day: dt.date,
    *,
    to_task_id: int,
    hours: float,
    from_task_id: int | None = None,
    kind: PlanChangeKind = PlanChangeKind.VOLUME_HIGH,
    note: str = "",
    lang: str = "en",
    engine: Engine | None = None,
) -> int:
    """Move ``hours`` of a person's day to another task (from one task, or unplanned hours).

    Also borrows a person from another team of the unit when ``person_id`` is not in the team.
    """
    if not 0 < hours <= 24:
        raise DomainError("hours must be more than 0 and at most 24", message_key="ops.err.hours")
    with write_session(actor, engine) as s:
        person = _person(s, person_id)
        plan = _published_plan(s, team_id, day)
        _check_team_tasks(s, team_id, {to_task_id})
        rows = {
            a.task_id: a
            for a in s.scalars(
                select(Assignment).where(
                    Assignment.week_plan_id == plan.id, Assignment.person_id == person_id, Assignment.date == day
                )
            )
        }
        if from_task_id is not None:
            source = rows.get(from_task_id)
            if source is None or source.hours + 1e-9 < hours:
                raise DomainError(
                    f"{person.name} has only {source.hours if source else 0:g} h planned on that task today",
                    message_key="ops.err.not_enough_hours",
                )
            if abs(source.hours - hours) < 1e-9:
                s.delete(source)
            else:
                source.hours -= hours
        target = rows.get(to_task_id)
        if target is None:
            s.add(Assignment(week_plan_id=plan.id, person_id=person_id, date=day, task_id=to_task_id, hours=hours))
        else:
            target.hours += hours
        plan.updated_at = utcnow()
        borrowed = person.team_id != team_id
        key = "ops.log.borrow" if borrowed else "ops.log.move"
        text = t(
            key,
            lang,
            name=person.name,
            hours=f"{hours:g}",
            source=_task_name(s, from_task_id) if from_task_id else t("ops.unplanned", lang),
            target=_task_name(s, to_task_id),
        )
        change = PlanChange(
            team_id=team_id,
            date=day,
            kind=PlanChangeKind.BORROWED if borrowed else kind,
            person_id=person_id,
            task_id=to_task_id,
            description=f"{text} {note.strip()}".strip(),
            author=actor.name,
        )
        s.add(change)
        if borrowed:  # the lending team's board shows it too
            s.add(
                PlanChange(
                    team_id=person.team_id,
                    date=day,
                    kind=PlanChangeKind.NEEDED_ELSEWHERE,
                    person_id=person_id,
                    task_id=to_task_id,
                    description=text,
                    author=actor.name,
                )
            )
        s.flush()
        return change.id


def add_overtime(
    actor: Actor,
    team_id: int,
    person_id: int,
    day: dt.date,
    *,
    task_id: int,
    hours: float,
    note: str = "",
    lang: str = "en",
    engine: Engine | None = None,
) -> int:
    """Plan overtime on a task, within the unit's weekly cap per person."""
    if not 0 < hours <= 24:
        raise DomainError("hours must be more than 0 and at most 24", message_key="ops.err.hours")
    with write_session(actor, engine) as s:
        person = _person(s, person_id)
        plan = _published_plan(s, team_id, day)
        _check_team_tasks(s, team_id, {task_id})
        factors = org.team_factors(s, team_id)
        week = opsboard.week_days_of(day)
        absent = dict(
            s.execute(
                select(Absence.date, Absence.hours).where(
                    Absence.person_id == person_id, Absence.date.between(week[0], week[-1])
                )
            ).all()
        )
        assigned: dict[dt.date, float] = defaultdict(float)
        for date, h in s.execute(
            select(Assignment.date, Assignment.hours)
            .join(WeekPlan, WeekPlan.id == Assignment.week_plan_id)
            .where(
                Assignment.person_id == person_id,
                Assignment.date.between(week[0], week[-1]),
                WeekPlan.status == PlanStatus.PUBLISHED,
            )
        ):
            assigned[date] += h
        used = planning.overtime_used((person.daily_hours, absent.get(d, 0.0), assigned[d]) for d in week)
        free_today = max(0.0, person.daily_hours - absent.get(day, 0.0) - assigned[day])
        overtime = max(0.0, hours - free_today)
        if used + overtime > factors.overtime_cap_hours_per_week + 1e-9:
            left = f"{max(0.0, factors.overtime_cap_hours_per_week - used):g}"
            raise DomainError(
                f"{person.name} has {left} h of overtime left this week",
                message_key="ops.err.overtime_cap",
                name=person.name,
                left=left,
            )
        row = s.scalar(
            select(Assignment).where(
                Assignment.week_plan_id == plan.id,
                Assignment.person_id == person_id,
                Assignment.date == day,
                Assignment.task_id == task_id,
            )
        )
        if row is None:
            s.add(Assignment(week_plan_id=plan.id, person_id=person_id, date=day, task_id=task_id, hours=hours))
        else:
            row.hours += hours
        plan.updated_at = utcnow()
        text = t("ops.log.overtime", lang, name=person.name, hours=f"{hours:g}", target=_task_name(s, task_id))
        change = PlanChange(
            team_id=team_id,
            date=day,
            kind=PlanChangeKind.OVERTIME,
            person_id=person_id,
            task_id=task_id,
            description=f"{text} {note.strip()}".strip(),
            author=actor.name,
        )
        s.add(change)
        s.flush()
        return change.id


# --------------------------------------------------------------------------- production import


@dataclass(frozen=True)
class ImportResult:
    rows: int
    added: int
    replaced: int
    days: tuple[dt.date, ...]


def team_lookups(s: Session) -> dict[str, imports.TeamLookup]:
    """Every team by slug and by name (case-insensitive), with its tasks by slug and name."""
    tasks: dict[int, dict[str, int]] = defaultdict(dict)
    for task in s.scalars(select(Task)):
        tasks[task.team_id][task.slug.casefold()] = task.id
        tasks[task.team_id][task.name.casefold()] = task.id
    found: dict[str, imports.TeamLookup] = {}
    for team in s.scalars(select(OrgUnit).where(OrgUnit.level == OrgLevel.TEAM)):
        lookup = imports.TeamLookup(team.id, tasks[team.id])
        found[team.slug.casefold()] = lookup
        found[team.name.casefold()] = lookup
    return found


def import_production(
    actor: Actor, data: bytes, filename: str, *, today: dt.date, engine: Engine | None = None
) -> ImportResult:
    """Import produced volumes from a CSV or XLSX file, all or nothing.

    Any bad row rejects the whole file with every row's reason (``ValidationError``); nothing is
    written. A day that already has a value is replaced, and the audit log keeps the old value.
    """
    try:
        table = imports.read_table(data, filename)
    except imports.ImportFileError as exc:
        raise ValidationError(exc.errors) from exc
    with write_session(actor, engine) as s:
        try:
            rows, errors = imports.validate_production(table, team_lookups(s), today)
        except imports.ImportFileError as exc:
            raise ValidationError(exc.errors) from exc
        if errors:
            raise ValidationError(errors)
        existing = {
            (p.task_id, p.date)
            for p in s.scalars(
                select(Production).where(
                    Production.task_id.in_({r.task_id for r in rows}), Production.date.in_({r.date for r in rows})
                )
            )
        }
        _upsert_production(s, actor, [(r.task_id, r.date, r.produced) for r in rows], ProductionSource.IMPORT)
        replaced = sum((r.task_id, r.date) in existing for r in rows)
        return ImportResult(len(rows), len(rows) - replaced, replaced, tuple(sorted({r.date for r in rows})))


def refresh_seconds(team_id: int, engine: Engine | None = None) -> int | None:
    """The team's screen refresh interval (inherited from department and unit)."""
    with read_session(engine) as s:
        return org.inherited(org.ancestry(s, team_id), "refresh_seconds", None)


def meeting_minutes(team_id: int, engine: Engine | None = None) -> int:
    """Length of the team's daily board meeting (inherited; 10 minutes when nobody set it)."""
    with read_session(engine) as s:
        return int(org.inherited(org.ancestry(s, team_id), "meeting_minutes", 10))
