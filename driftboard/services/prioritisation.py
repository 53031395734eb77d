"""Daily prioritisation: changes to the published plan inside the period — someone sick, hours
moved to a busy task, a person borrowed from another team, overtime, a planned volume
overridden. Each intent changes the plan and writes its log entry in one transaction; the
entry stores the event and its parameters, never a sentence.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import take_turns, write_session
from db.models import Absence, Assignment, OrgUnit, Person, PlannedVolumeOverride, Task, WeekPlan, utcnow
from driftboard import calendar, planning
from driftboard.domain import (
    AbsenceKind,
    Actor,
    DomainError,
    OrgLevel,
    PlanChangeKind,
    PlanEvent,
    PlanStatus,
    Role,
)
from driftboard.services import access, org
from driftboard.services.absences import ABSENCE_TURNS
from driftboard.services.common import check_team_tasks, check_text, column_limit, get_or_404
from driftboard.services.planlog import add_plan_change
from driftboard.services.weekplan import find_plan

EPSILON = 1e-9


PLANNED_VOLUME_TURNS = 19  # take_turns namespace: planned-volume overrides, keyed by task id


def _published_plan(s: Session, team_id: int, day: dt.date) -> WeekPlan:
    plan = find_plan(s, team_id, day)
    if plan is None or plan.status != PlanStatus.PUBLISHED:
        raise DomainError("the week has no published plan to change", message_key="ops.err.no_plan")
    return plan


def _task_names(s: Session, *task_ids: int | None) -> dict[int, str]:
    ids = {t for t in task_ids if t is not None}
    return dict(s.execute(select(Task.id, Task.name).where(Task.id.in_(ids))).all()) if ids else {}


def _require_person_of_unit(s: Session, team_id: int, person: Person) -> None:
    """A team borrows only people of its own unit (not of another unit of the organisation)."""
    if person.team_id == team_id:
        return
    unit_id = org.unit_in(org.ancestry(s, team_id)).id
    if person.team_id not in org.descendant_ids(s, unit_id, OrgLevel.TEAM):
        raise DomainError(
            f"{person.name} is not in the team's unit", message_key="ops.err.not_in_unit", person=person.name
        )


def _hours_taken(
    s: Session, person_id: int, first: dt.date, last: dt.date
) -> tuple[dict[dt.date, float], dict[dt.date, float]]:
    """(absent hours, hours planned in published plans of any team) per day of a person."""
    absent: dict[dt.date, float] = defaultdict(float)
    for date, h in s.execute(
        select(Absence.date, Absence.hours).where(Absence.person_id == person_id, Absence.date.between(first, last))
    ):
        absent[date] += h
    assigned: dict[dt.date, float] = defaultdict(float)
    for date, h in s.execute(
        select(Assignment.date, Assignment.hours)
        .join(WeekPlan, WeekPlan.id == Assignment.week_plan_id)
        .where(
            Assignment.person_id == person_id,
            Assignment.date.between(first, last),
            WeekPlan.status == PlanStatus.PUBLISHED,
        )
    ):
        assigned[date] += h
    return absent, assigned


def _refuse_if_absent(person: Person, absent_hours: float) -> None:
    """Nobody is planned, moved or given overtime on a day they are away for all of it."""
    if absent_hours + EPSILON >= person.daily_hours:
        raise DomainError(f"{person.name} is absent that day", message_key="ops.err.person_absent", person=person.name)


def _refuse_more_than_free(person: Person, hours: float, absent_hours: float, planned_hours: float) -> None:
    """A move from unplanned hours or a borrow gives a person at most the hours of their day
    that are neither planned nor absent (more than that is overtime, with its own cap)."""
    free = max(0.0, person.daily_hours - absent_hours - planned_hours)
    if hours > free + EPSILON:
        raise DomainError(
            f"{person.name} has only {free:g} h free that day",
            message_key="ops.err.more_than_free",
            person=person.name,
            free=free,
            hours=hours,
        )


def _person_and_plan(s: Session, team_id: int, person_id: int, day: dt.date, task_id: int) -> tuple[Person, WeekPlan]:
    """The person (the team's own, or one of its unit to borrow) and the published plan whose
    ``day`` gets hours of theirs on the team's task ``task_id``."""
    person = get_or_404(s, Person, person_id)
    _require_person_of_unit(s, team_id, person)
    plan = _published_plan(s, team_id, day)
    check_team_tasks(s, team_id, {task_id})
    return person, plan


def _check_hours(hours: float) -> None:
    if not 0 < hours <= 24:
        raise DomainError("hours must be more than 0 and at most 24", message_key="ops.err.hours")


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
    """Override the planned volume of a task on a day.

    A leader lowers the planned volume when cases risk breaking the service goal; the reason is shown on
    the board, so it is required.
    """
    if volume is None or not isinstance(volume, int) or isinstance(volume, bool) or volume < 0:
        raise DomainError("the planned volume must be a whole number of 0 or more", message_key="ops.err.volume")
    if not reason.strip():
        raise DomainError("say why the planned volume is overridden", message_key="ops.err.reason")
    check_text(reason.strip(), "reason", column_limit(PlannedVolumeOverride, "reason"))
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="set_planned_volume")
        check_team_tasks(s, team_id, {task_id})
        take_turns(s, PLANNED_VOLUME_TURNS, {task_id})  # a first override of a task-day: one insert
        row = _override(s, task_id, day)
        if row is None:
            s.add(
                PlannedVolumeOverride(
                    task_id=task_id, date=day, volume=volume, reason=reason.strip(), set_by=actor.name
                )
            )
        else:
            row.volume, row.reason, row.set_by = volume, reason.strip(), actor.name


def restore_planned_volume(
    actor: Actor, team_id: int, task_id: int, day: dt.date, engine: Engine | None = None
) -> bool:
    """Remove the override: the plan's own volume counts again. False when there was none."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="restore_planned_volume")
        check_team_tasks(s, team_id, {task_id})
        row = _override(s, task_id, day)
        if row is None:
            return False
        s.delete(row)
        return True


def _override(s: Session, task_id: int, day: dt.date) -> PlannedVolumeOverride | None:
    return s.scalar(
        select(PlannedVolumeOverride).where(PlannedVolumeOverride.task_id == task_id, PlannedVolumeOverride.date == day)
    )


# --------------------------------------------------------------------------- sickness


def mark_sick(
    actor: Actor,
    team_id: int,
    person_id: int,
    day: dt.date,
    *,
    note: str = "",
    engine: Engine | None = None,
) -> int:
    """Register a person as sick for ``day``: their hours in the day's plan are freed, the
    absence is recorded and the prioritisation log says what changed — in one transaction.
    A person already registered sick that day is refused (nothing to free twice)."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="mark_sick")
        return _mark_sick(s, actor, team_id, person_id, day, note=note)


def _mark_sick(s: Session, actor: Actor, team_id: int, person_id: int, day: dt.date, *, note: str) -> int:
    take_turns(s, ABSENCE_TURNS, {person_id})  # a second "sick" waits, then is told it is done
    person = get_or_404(s, Person, person_id)
    plan = _published_plan(s, team_id, day)
    if person.team_id != team_id:
        raise DomainError("only the team's own people can be marked sick here", message_key="ops.err.not_own_person")
    existing = s.scalar(select(Absence).where(Absence.person_id == person_id, Absence.date == day))
    if existing is not None and existing.kind is AbsenceKind.SICK and existing.hours >= person.daily_hours:
        raise DomainError(
            f"{person.name} is already registered sick that day", message_key="ops.err.already_sick", name=person.name
        )
    freed = s.scalars(
        select(Assignment).where(
            Assignment.week_plan_id == plan.id, Assignment.person_id == person_id, Assignment.date == day
        )
    ).all()
    names = _task_names(s, *(a.task_id for a in freed))
    tasks = [[names.get(a.task_id, "?"), a.hours] for a in freed]
    for a in freed:
        s.delete(a)
    if existing is None:
        s.add(Absence(person_id=person_id, date=day, kind=AbsenceKind.SICK, hours=person.daily_hours, note=note))
    else:
        existing.kind, existing.hours, existing.note = AbsenceKind.SICK, person.daily_hours, note
    plan.updated_at = utcnow()
    change = add_plan_change(
        s,
        actor,
        team_id,
        day,
        PlanChangeKind.SICKNESS,
        PlanEvent.SICK,
        note=note,
        person_id=person_id,
        person=person.name,
        tasks=tasks,
    )
    s.flush()
    return change.id


# --------------------------------------------------------------------------- moving and borrowing hours


def move_person(
    actor: Actor,
    team_id: int,
    person_id: int,
    day: dt.date,
    *,
    hours: float,
    engine: Engine | None = None,
    **moved: Any,
) -> int:
    """Move ``hours`` of a person's day to another task (``moved`` as ``move_core`` takes it:
    the task, the task it comes from or unplanned hours, the kind and the note).

    Also borrows a person from another team of the unit when ``person_id`` is not in the team;
    the lending team's log shows it too.
    """
    _check_hours(hours)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="move_person")
        return move_core(s, actor, team_id, person_id, day, hours=hours, **moved)


def move_core(
    s: Session,
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
) -> int:
    """``move_person`` inside the caller's transaction (a department's answer lends several
    people at once); the caller has checked the actor's role."""
    _check_hours(hours)
    person, plan = _person_and_plan(s, team_id, person_id, day, to_task_id)
    rows = {
        a.task_id: a
        for a in s.scalars(
            select(Assignment).where(
                Assignment.week_plan_id == plan.id, Assignment.person_id == person_id, Assignment.date == day
            )
        )
    }
    absent, assigned = _hours_taken(s, person_id, day, day)
    _refuse_if_absent(person, absent[day])
    if from_task_id is None:
        _refuse_more_than_free(person, hours, absent[day], assigned[day])
    else:
        source = rows.get(from_task_id)
        if source is None or source.hours + EPSILON < hours:
            raise DomainError(
                f"{person.name} has only {source.hours if source else 0:g} h planned on that task today",
                message_key="ops.err.not_enough_hours",
            )
        if abs(source.hours - hours) < EPSILON:
            s.delete(source)
        else:
            source.hours -= hours
    destination = rows.get(to_task_id)
    if destination is None:
        s.add(Assignment(week_plan_id=plan.id, person_id=person_id, date=day, task_id=to_task_id, hours=hours))
    else:
        destination.hours += hours
    plan.updated_at = utcnow()
    names = _task_names(s, from_task_id, to_task_id)
    moved = {"person": person.name, "hours": hours, "to_task": names.get(to_task_id, "?")}
    if person.team_id == team_id:
        change = add_plan_change(
            s,
            actor,
            team_id,
            day,
            kind,
            PlanEvent.MOVE,
            note=note,
            person_id=person_id,
            task_id=to_task_id,
            from_task=names.get(from_task_id) if from_task_id else None,
            **moved,
        )
    else:
        team_names = dict(
            s.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_([team_id, person.team_id]))).all()
        )
        change = add_plan_change(
            s,
            actor,
            team_id,
            day,
            PlanChangeKind.BORROWED,
            PlanEvent.BORROW,
            note=note,
            person_id=person_id,
            task_id=to_task_id,
            lender=team_names.get(person.team_id, "?"),
            **moved,
        )
        add_plan_change(  # the lending team's board shows it too
            s,
            actor,
            person.team_id,
            day,
            PlanChangeKind.NEEDED_ELSEWHERE,
            PlanEvent.LENT,
            person_id=person_id,
            task_id=to_task_id,
            borrower=team_names.get(team_id, "?"),
            **moved,
        )
    s.flush()
    return change.id


# --------------------------------------------------------------------------- overtime


def add_overtime(
    actor: Actor,
    team_id: int,
    person_id: int,
    day: dt.date,
    *,
    task_id: int,
    hours: float,
    note: str = "",
    engine: Engine | None = None,
) -> int:
    """Plan overtime on a task, within the unit's weekly cap per person."""
    _check_hours(hours)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="add_overtime")
        person, plan = _person_and_plan(s, team_id, person_id, day, task_id)
        factors = org.team_factors(s, team_id)
        week = calendar.work_days(day)
        absent, assigned = _hours_taken(s, person_id, week[0], week[-1])
        _refuse_if_absent(person, absent.get(day, 0.0))
        used = planning.overtime_used((person.daily_hours, absent.get(d, 0.0), assigned[d]) for d in week)
        free_today = max(0.0, person.daily_hours - absent.get(day, 0.0) - assigned[day])
        overtime = max(0.0, hours - free_today)
        if used + overtime > factors.overtime_cap_hours_per_week + EPSILON:
            left = max(0.0, factors.overtime_cap_hours_per_week - used)
            raise DomainError(
                f"{person.name} has {left:g} h of overtime left this week",
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
        change = add_plan_change(
            s,
            actor,
            team_id,
            day,
            PlanChangeKind.OVERTIME,
            PlanEvent.OVERTIME,
            note=note,
            person_id=person_id,
            task_id=task_id,
            person=person.name,
            hours=hours,
            task=_task_names(s, task_id).get(task_id, "?"),
        )
        s.flush()
        return change.id
