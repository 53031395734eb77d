"""The week plan itself: creating it (a draft, or a copy of last week), saving its
assignments, publishing it, and taking absent hours off it.

Every write has a core that takes the open session (``_save_week_plan(s, …)``,
``_free_absent_hours(s, …)``); the public function opens one ``write_session`` and calls it, so
a composite intent (copy last week, save the grid, enter absences that free planned hours) is one
transaction. The grid (``plan_grid``), the absences (``absences``) and the week's capacity
(``capacity``) are their own modules on top of this one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.engine import memo, read_session, write_session
from db.models import Absence, Assignment, Person, Task, WeekPlan, utcnow
from driftboard import calendar, clock
from driftboard.domain import (
    AbsenceKind,
    Actor,
    DomainError,
    PlanChangeKind,
    PlanEvent,
    PlanStatus,
    Role,
    RowError,
    ValidationError,
    WriteCollided,
)
from driftboard.services import access, scope
from driftboard.services.common import check_team_tasks, check_version, created_by
from driftboard.services.planlog import add_plan_change

EPSILON = 1e-9


@dataclass(frozen=True)
class AssignmentInput:
    person_id: int
    date: dt.date
    task_id: int
    hours: float


@dataclass(frozen=True)
class PlanInfo:
    status: PlanStatus | None
    version: int | None
    published_at: dt.datetime | None
    published_by: str | None


def find_plan(s: Session, team_id: int, day: dt.date) -> WeekPlan | None:
    """The team's plan for ``day``'s week, if it has one (looked up once per read transaction)."""
    year, week, _ = calendar.week_start(day).isocalendar()
    return memo(
        s,
        ("plan", team_id, year, week),
        lambda: s.scalar(
            select(WeekPlan).where(WeekPlan.team_id == team_id, WeekPlan.iso_year == year, WeekPlan.iso_week == week)
        ),
    )


def plan_info(team_id: int, monday: dt.date, engine: Engine | None = None) -> PlanInfo:
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        plan = find_plan(s, team_id, monday)
        if plan is None:
            return PlanInfo(None, None, None, None)
        return PlanInfo(plan.status, plan.version, plan.published_at, plan.published_by)


# --------------------------------------------------------------------------- writing the plan


def _check_assignments(monday: dt.date, assignments: Sequence[AssignmentInput]) -> None:
    days = {monday + dt.timedelta(days=i) for i in range(7)}
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


# The ``seen_version`` of a page that showed the week without a plan: a plan someone else made
# meanwhile is then a conflict (versions start at 1), not silently replaced.
NO_PLAN = 0


def _new_plan(s: Session, team_id: int, monday: dt.date) -> WeekPlan:
    """A draft plan for the week. When another leader's new plan for the same week committed
    between our look and our insert (PostgreSQL; SQLite lets one writer in at a time), the
    unique key refuses ours and the person is told who made the plan, as when it was there first."""
    year, week, _ = monday.isocalendar()
    plan = WeekPlan(team_id=team_id, iso_year=year, iso_week=week, status=PlanStatus.DRAFT)
    try:
        with s.begin_nested():
            s.add(plan)
            s.flush()
    except IntegrityError:
        other = find_plan(s, team_id, monday)
        if other is None:
            raise
        raise _plan_exists(s, other) from None
    return plan


def _save_week_plan(
    s: Session,
    actor: Actor,
    team_id: int,
    monday: dt.date,
    assignments: Sequence[AssignmentInput],
    *,
    seen_version: int | None,
    change_reason: str = "",
) -> WeekPlan:
    """Replace the week plan's assignments (creating a draft plan if the week has none).

    A published plan is what the team's board shows: changing it needs ``change_reason``, which
    goes into the prioritisation log in the same transaction.
    """
    monday = calendar.week_start(monday)
    _check_assignments(monday, assignments)
    check_team_tasks(s, team_id, {a.task_id for a in assignments})
    merged: dict[tuple[int, dt.date, int], float] = defaultdict(float)
    for a in assignments:
        merged[(a.person_id, a.date, a.task_id)] += a.hours
    plan = find_plan(s, team_id, monday)
    if plan is not None and seen_version == NO_PLAN:  # made by someone since this page showed no plan
        raise _plan_exists(s, plan)
    if plan is not None and _current(s, plan) == dict(merged):
        check_version(s, plan, seen_version)
        return plan  # nothing changed: no new version, no log entry
    if plan is None:
        plan = _new_plan(s, team_id, monday)
    else:
        check_version(s, plan, seen_version)
        if plan.status == PlanStatus.PUBLISHED:
            if not change_reason.strip():
                raise DomainError("the plan is published: say why it changes", message_key="plan.err.reason")
            day = min(max(clock.today(), monday), monday + dt.timedelta(days=4))
            add_plan_change(s, actor, team_id, day, PlanChangeKind.OTHER, PlanEvent.PLAN_EDITED, note=change_reason)
        s.execute(delete(Assignment).where(Assignment.week_plan_id == plan.id))
        plan.updated_at = utcnow()  # bumps the version so concurrent editors notice
    s.add_all(
        Assignment(week_plan_id=plan.id, person_id=p, date=d, task_id=t, hours=h) for (p, d, t), h in merged.items()
    )
    plan.planned = [[p, d.isoformat(), t, h] for (p, d, t), h in sorted(merged.items())]
    s.flush()
    return plan


def _current(s: Session, plan: WeekPlan) -> dict[tuple[int, dt.date, int], float]:
    return {
        (a.person_id, a.date, a.task_id): a.hours
        for a in s.scalars(select(Assignment).where(Assignment.week_plan_id == plan.id))
    }


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
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="save_week_plan")
        plan = _save_week_plan(
            s, actor, team_id, monday, list(assignments), seen_version=seen_version, change_reason=change_reason
        )
        return plan.id


def publish_week_plan(
    actor: Actor, team_id: int, monday: dt.date, *, seen_version: int | None = None, engine: Engine | None = None
) -> None:
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="publish_week_plan")
        plan = find_plan(s, team_id, monday)
        if plan is None:
            raise DomainError("there is no plan for that week to publish", message_key="plan.err.nothing_to_publish")
        check_version(s, plan, seen_version)
        plan.status = PlanStatus.PUBLISHED
        plan.published_at = utcnow()
        plan.published_by = actor.name


def copy_previous_week(actor: Actor, team_id: int, monday: dt.date, engine: Engine | None = None) -> tuple[int, int]:
    """Start a week's draft from last week's plan as it was planned (not last week's sick days
    and moves); days a person is absent the whole day in the new week are skipped.

    Returns (copied, skipped). One transaction: a week that already has a plan is refused with
    the name of who made it, also when two leaders copy at the same moment.
    """
    monday = calendar.week_start(monday)
    try:
        with write_session(actor, engine) as s:
            access.require(s, actor, Role.LEADER, team_id, what="copy_previous_week")
            return _copy_previous_week(s, actor, team_id, monday)
    except WriteCollided:  # the other copy committed between our check and our insert
        with read_session(engine) as s:
            plan = find_plan(s, team_id, monday)
            if plan is None:
                raise
            raise _plan_exists(s, plan) from None


def _plan_exists(s: Session, plan: WeekPlan) -> DomainError:
    who = created_by(s, plan) or "?"
    return DomainError(
        f"this week already has a plan, made by {who}; edit it instead", message_key="plan.err.exists", who=who
    )


def _copy_previous_week(s: Session, actor: Actor, team_id: int, monday: dt.date) -> tuple[int, int]:
    existing = find_plan(s, team_id, monday)
    if existing is not None:
        raise _plan_exists(s, existing)
    source = find_plan(s, team_id, monday - dt.timedelta(weeks=1))
    if source is None:
        raise DomainError("last week has no plan to copy", message_key="plan.err.no_source")
    if source.planned is not None:
        rows = [(p, dt.date.fromisoformat(d), t, h) for p, d, t, h in source.planned]
    else:  # a plan saved before plans kept their planned state
        rows = [
            (a.person_id, a.date, a.task_id, a.hours)
            for a in s.scalars(select(Assignment).where(Assignment.week_plan_id == source.id))
        ]
    sunday = monday + dt.timedelta(days=6)
    absent = {
        (a.person_id, a.date): a.hours for a in s.scalars(select(Absence).where(Absence.date.between(monday, sunday)))
    }
    people = {
        pid: (hours, active) for pid, hours, active in s.execute(select(Person.id, Person.daily_hours, Person.active))
    }
    copied: list[AssignmentInput] = []
    skipped = 0
    for person_id, day, task_id, hours in rows:
        new_day = day + dt.timedelta(weeks=1)
        daily, active = people.get(person_id, (0.0, False))
        if not active or absent.get((person_id, new_day), 0) >= daily:
            skipped += 1
            continue
        copied.append(AssignmentInput(person_id, new_day, task_id, hours))
    # NO_PLAN: the week had none when we looked; a plan another leader's copy committed since
    # (PostgreSQL, READ COMMITTED) is refused naming them, not taken as "nothing changed".
    _save_week_plan(s, actor, team_id, monday, copied, seen_version=NO_PLAN)
    _free_absent_hours(s, actor, team_id, monday, log=False)
    return len(copied), skipped


# --------------------------------------------------------------------------- absent hours off the plan


def _free_absent_hours(s: Session, actor: Actor, team_id: int, monday: dt.date, *, log: bool = True) -> float:
    """Take absent hours off the week's plan: on each day, a person's planned hours may not
    exceed their daily hours less their absence. Returns the hours freed; on a published plan
    each freed person-day goes into the prioritisation log."""
    plan = find_plan(s, team_id, monday)
    if plan is None:
        return 0.0
    days = calendar.work_days(monday)
    assignments = s.scalars(
        select(Assignment).where(Assignment.week_plan_id == plan.id).order_by(Assignment.hours, Assignment.id)
    ).all()
    if not assignments:
        return 0.0
    person_ids = {a.person_id for a in assignments}
    people = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(person_ids)))}
    absences = {
        (a.person_id, a.date): a
        for a in s.scalars(
            select(Absence).where(Absence.person_id.in_(person_ids), Absence.date.between(days[0], days[-1]))
        )
    }
    by_day: dict[tuple[int, dt.date], list[Assignment]] = defaultdict(list)
    for a in assignments:
        by_day[(a.person_id, a.date)].append(a)
    freed_total = 0.0
    for (person_id, day), rows in sorted(by_day.items(), key=lambda item: (item[0][1], item[0][0])):
        absence = absences.get((person_id, day))
        if absence is None:
            continue
        allowed = max(0.0, people[person_id].daily_hours - absence.hours)
        excess = sum(a.hours for a in rows) - allowed
        if excess <= EPSILON:
            continue
        freed: list[list[Any]] = []
        for a in rows:  # smallest assignments first: fewer tasks lose their person
            if excess <= EPSILON:
                break
            take = min(a.hours, excess)
            freed.append([a.task_id, take])
            excess -= take
            if a.hours - take <= EPSILON:
                s.delete(a)
            else:
                a.hours -= take
        hours = sum(h for _, h in freed)
        freed_total += hours
        if log and plan.status == PlanStatus.PUBLISHED:
            add_plan_change(
                s,
                actor,
                team_id,
                day,
                PlanChangeKind.SICKNESS if absence.kind is AbsenceKind.SICK else PlanChangeKind.OTHER,
                PlanEvent.ABSENCE,
                person_id=person_id,
                person=people[person_id].name,
                absence=absence.kind.value,
                hours=round(hours, 2),
                tasks=_task_hours(s, freed),
            )
    if freed_total:
        plan.updated_at = utcnow()
        s.flush()
    return freed_total


def _task_hours(s: Session, freed: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """``[[task_id, hours]]`` as ``[[task name, hours]]`` for a log entry."""
    names = dict(s.execute(select(Task.id, Task.name).where(Task.id.in_({t for t, _ in freed}))).all())
    return [[names.get(task_id, "?"), round(hours, 2)] for task_id, hours in freed]
