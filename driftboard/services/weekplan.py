"""Week-plan services for the team leader: the plan grid, absences, copy, publish, competences."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select

from db.engine import read_session, write_session
from db.models import Absence, Assignment, Competence, Person, Task
from driftboard import opsboard, planning
from driftboard.domain import (
    AbsenceKind,
    Actor,
    CompetenceLevel,
    DomainError,
    PersonRole,
    PlanStatus,
    RowError,
    ValidationError,
)
from driftboard.services import masterdata, org
from driftboard.services.operations import AssignmentInput, _plan, save_week_plan, week_start
from driftboard.tables import Field, parse_rows

DAY_COLUMNS = ("d0", "d1", "d2", "d3", "d4")


@dataclass(frozen=True)
class PlanInfo:
    status: PlanStatus | None
    version: int | None
    published_at: dt.datetime | None
    published_by: str | None


@dataclass(frozen=True)
class NotCompetent:
    person: str
    task: str
    date: dt.date


def plan_info(team_id: int, monday: dt.date, engine: Engine | None = None) -> PlanInfo:
    with read_session(engine) as s:
        plan = _plan(s, team_id, week_start(monday))
        if plan is None:
            return PlanInfo(None, None, None, None)
        return PlanInfo(plan.status, plan.version, plan.published_at, plan.published_by)


def _people_and_tasks(team_id: int, engine: Engine | None) -> tuple[dict[int, str], dict[int, str]]:
    with read_session(engine) as s:
        people = dict(
            s.execute(select(Person.id, Person.name).where(Person.team_id == team_id).order_by(Person.name)).all()
        )
        tasks = dict(
            s.execute(select(Task.id, Task.name).where(Task.team_id == team_id).order_by(Task.sort_order)).all()
        )
    return people, tasks


def grid_frame(team_id: int, monday: dt.date, engine: Engine | None = None) -> pd.DataFrame:
    """The week plan as a grid: one row per person and task, one column of hours per work day."""
    monday = week_start(monday)
    days = opsboard.week_days_of(monday)
    with read_session(engine) as s:
        plan = _plan(s, team_id, monday)
        rows = (
            s.execute(
                select(Person.name, Task.name, Assignment.date, Assignment.hours)
                .join(Person, Person.id == Assignment.person_id)
                .join(Task, Task.id == Assignment.task_id)
                .where(Assignment.week_plan_id == plan.id)
            ).all()
            if plan
            else []
        )
    grid: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for person, task, date, hours in rows:
        if date in days:
            grid[(person, task)][DAY_COLUMNS[days.index(date)]] = hours
    records = [
        {"person": person, "task": task, **{c: cells.get(c) for c in DAY_COLUMNS}}
        for (person, task), cells in sorted(grid.items())
    ]
    frame = pd.DataFrame(records, columns=["person", "task", *DAY_COLUMNS])
    return frame.astype({c: "float64" for c in DAY_COLUMNS})  # empty cells show blank, not "None"


GRID_FIELDS = (
    Field("person", "str"),
    Field("task", "str"),
    *(Field(c, "float", required=False, low=0, high=24) for c in DAY_COLUMNS),
)


def save_grid(
    actor: Actor,
    team_id: int,
    monday: dt.date,
    rows: Sequence[Mapping[str, Any]],
    *,
    seen_version: int | None,
    reason: str = "",
    engine: Engine | None = None,
) -> list[NotCompetent]:
    """Save the grid as the week's assignments. People from other teams may be planned (borrowed).

    Returns the assignments of people not competent on the task: a warning, the plan is saved.
    A published plan may be changed only with a reason, which goes into the prioritisation log.
    """
    monday = week_start(monday)
    days = opsboard.week_days_of(monday)
    clean, errors = parse_rows(rows, GRID_FIELDS, unique=(("person", "task"),))
    with read_session(engine) as s:
        unit_id = org.ancestry(s, team_id)[-1].id  # people of the whole unit may be planned (borrowed)
        people = {
            name: pid
            for pid, name in s.execute(
                select(Person.id, Person.name).where(Person.active, Person.team_id.in_(org.descendant_ids(s, unit_id)))
            )
        }
        tasks = dict(s.execute(select(Task.name, Task.id).where(Task.team_id == team_id, Task.active)).all())
        levels = {
            (c.person_id, c.task_id): c.level
            for c in s.scalars(select(Competence).where(Competence.task_id.in_(tasks.values())))
        }
    for number, row in enumerate(clean, start=1):
        if row["person"] is not None and row["person"] not in people:
            errors.append(RowError(number, "person", "v.unknown", (("value", row["person"]), ("choices", "…"))))
        if row["task"] is not None and row["task"] not in tasks:
            errors.append(
                RowError(number, "task", "v.unknown", (("value", row["task"]), ("choices", ", ".join(tasks))))
            )
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for row in clean:
        for column in DAY_COLUMNS:
            totals[(row["person"], column)] += row[column] or 0
    for (person, column), total in totals.items():
        if person in people and total > 24:
            number = next(i for i, r in enumerate(clean, start=1) if r["person"] == person)
            errors.append(RowError(number, column, "v.range", (("low", 0), ("high", 24))))
    if errors:
        raise ValidationError(errors)

    assignments = [
        AssignmentInput(people[row["person"]], days[i], tasks[row["task"]], row[column])
        for row in clean
        for i, column in enumerate(DAY_COLUMNS)
        if row[column]
    ]
    save_week_plan(actor, team_id, monday, assignments, seen_version=seen_version, change_reason=reason, engine=engine)
    names = {pid: name for name, pid in people.items()}
    task_names = {tid: name for name, tid in tasks.items()}
    return [
        NotCompetent(names[a.person_id], task_names[a.task_id], a.date)
        for a in assignments
        if levels.get((a.person_id, a.task_id)) not in (CompetenceLevel.COMPETENT, CompetenceLevel.EXPERT)
    ]


def copy_previous_week(actor: Actor, team_id: int, monday: dt.date, engine: Engine | None = None) -> tuple[int, int]:
    """Start a week's draft from last week's plan; days a person is fully absent are skipped.

    Returns (copied, skipped). Refuses to overwrite a week that already has a plan.
    """
    monday = week_start(monday)
    previous = monday - dt.timedelta(weeks=1)
    with read_session(engine) as s:
        if _plan(s, team_id, monday) is not None:
            raise DomainError("this week already has a plan; edit it instead", message_key="plan.err.exists")
        source = _plan(s, team_id, previous)
        if source is None:
            raise DomainError("last week has no plan to copy", message_key="plan.err.no_source")
        rows = s.scalars(select(Assignment).where(Assignment.week_plan_id == source.id)).all()
        absent = {
            (a.person_id, a.date): a.hours
            for a in s.scalars(select(Absence).where(Absence.date.between(monday, monday + dt.timedelta(days=6))))
        }
        daily = dict(s.execute(select(Person.id, Person.daily_hours)).all())
    copied: list[AssignmentInput] = []
    skipped = 0
    for a in rows:
        day = a.date + dt.timedelta(weeks=1)
        if absent.get((a.person_id, day), 0) >= daily.get(a.person_id, 7.5):
            skipped += 1
            continue
        copied.append(AssignmentInput(a.person_id, day, a.task_id, a.hours))
    save_week_plan(actor, team_id, monday, copied, engine=engine)
    return len(copied), skipped


# --------------------------------------------------------------------------- absences

ABSENCE_FIELDS = (
    Field("id", "id", required=False),
    Field("person", "str"),
    Field("date", "date"),
    Field("kind", "choice", choices=tuple(k.value for k in AbsenceKind)),
    Field("hours", "float", low=0, high=24, low_exclusive=True),
    Field("note", "str", required=False, default=""),
)


def absences_frame(team_id: int, monday: dt.date, engine: Engine | None = None) -> pd.DataFrame:
    monday = week_start(monday)
    with read_session(engine) as s:
        rows = s.execute(
            select(Absence, Person.name)
            .join(Person, Person.id == Absence.person_id)
            .where(Person.team_id == team_id, Absence.date.between(monday, monday + dt.timedelta(days=6)))
            .order_by(Absence.date, Person.name)
        ).all()
    return pd.DataFrame(
        [
            {"id": a.id, "person": name, "date": a.date, "kind": a.kind.value, "hours": a.hours, "note": a.note}
            for a, name in rows
        ],
        columns=[f.name for f in ABSENCE_FIELDS],
    )


def save_absences(
    actor: Actor, team_id: int, monday: dt.date, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> int:
    """Replace the team's absences in the week with ``rows`` (one per person and day)."""
    monday = week_start(monday)
    sunday = monday + dt.timedelta(days=6)
    clean, errors = parse_rows(rows, ABSENCE_FIELDS, unique=(("person", "date"),))
    people, _ = _people_and_tasks(team_id, engine)
    by_name = {name: pid for pid, name in people.items()}
    for number, row in enumerate(clean, start=1):
        if row["person"] is not None and row["person"] not in by_name:
            errors.append(
                RowError(number, "person", "v.unknown", (("value", row["person"]), ("choices", ", ".join(by_name))))
            )
        if row["date"] is not None and not monday <= row["date"] <= sunday:
            errors.append(
                RowError(number, "date", "v.range", (("low", monday.isoformat()), ("high", sunday.isoformat())))
            )
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        for absence in s.scalars(
            select(Absence).where(Absence.person_id.in_(people), Absence.date.between(monday, sunday))
        ):
            s.delete(absence)
        s.flush()
        s.add_all(
            Absence(
                person_id=by_name[r["person"]],
                date=r["date"],
                kind=AbsenceKind(r["kind"]),
                hours=r["hours"],
                note=r["note"] or "",
            )
            for r in clean
        )
    return len(clean)


# --------------------------------------------------------------------------- competence matrix


def competence_frame(team_id: int, engine: Engine | None = None) -> pd.DataFrame:
    """People × tasks of the team, each cell a level or empty."""
    people, tasks = _people_and_tasks(team_id, engine)
    with read_session(engine) as s:
        levels = {
            (c.person_id, c.task_id): c.level.value
            for c in s.scalars(select(Competence).where(Competence.task_id.in_(tasks)))
        }
    records = [
        {"person_id": pid, "person": name, **{str(tid): levels.get((pid, tid)) for tid in tasks}}
        for pid, name in people.items()
    ]
    return pd.DataFrame(records, columns=["person_id", "person", *(str(t) for t in tasks)])


def save_competence_frame(
    actor: Actor, team_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> int:
    people, tasks = _people_and_tasks(team_id, engine)
    entries = []
    errors = []
    valid = {level.value for level in CompetenceLevel}
    for number, row in enumerate(rows, start=1):
        person_id = int(row["person_id"])
        if person_id not in people:
            errors.append(RowError(number, "person", "v.unknown", (("value", row.get("person")), ("choices", "…"))))
            continue
        for task_id in tasks:
            value = row.get(str(task_id))
            value = (
                None if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)
            )
            if value is not None and value not in valid:
                errors.append(
                    RowError(number, tasks[task_id], "v.unknown", (("value", value), ("choices", ", ".join(valid))))
                )
                continue
            entries.append((person_id, task_id, CompetenceLevel(value) if value else None))
    if errors:
        raise ValidationError(errors)
    summary = masterdata.set_competences(actor, entries, engine=engine)
    return summary.added + summary.updated + summary.removed


@dataclass(frozen=True)
class DayCapacity:
    date: dt.date
    available: float  # customer-facing hours after absence and planning factors
    planned: float  # customer-facing hours in the plan
    needed: float  # customer-facing hours the expected volumes need


def capacity_summary(team_id: int, monday: dt.date, engine: Engine | None = None) -> list[DayCapacity]:
    """Per work day: capacity after planning factors, what the plan uses, and what is needed."""
    monday = week_start(monday)
    days = opsboard.week_days_of(monday)
    with read_session(engine) as s:
        factors = org.team_factors(s, team_id)
        people = s.scalars(select(Person).where(Person.team_id == team_id, Person.active)).all()
        absent: dict[tuple[int, dt.date], float] = defaultdict(float)
        for pid, date, hours in s.execute(
            select(Absence.person_id, Absence.date, Absence.hours).where(
                Absence.person_id.in_([p.id for p in people]), Absence.date.between(days[0], days[-1])
            )
        ):
            absent[(pid, date)] += hours
        plan = _plan(s, team_id, monday)
        planned: dict[dt.date, float] = defaultdict(float)
        if plan is not None:
            for date, hours in s.execute(
                select(Assignment.date, Assignment.hours).where(Assignment.week_plan_id == plan.id)
            ):
                planned[date] += hours
        tasks = s.scalars(select(Task).where(Task.team_id == team_id, Task.active)).all()
    needed = sum(planning.hours_needed(t.expected_daily_volume, t.minutes_per_case) for t in tasks)
    return [
        DayCapacity(
            date=d,
            available=planning.team_capacity(
                (
                    (p.daily_hours, absent[(p.id, d)], PersonRole.BOARD_LEADER.value in p.roles)
                    for p in people
                    if PersonRole.TEAM_LEADER.value not in p.roles
                ),
                factors,
            ),
            planned=planning.customer_facing(planned[d], factors),
            needed=needed,
        )
        for d in days
    ]
