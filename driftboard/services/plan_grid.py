"""The week plan as a grid the team leader edits: one row per person and task, one column of
hours per work day; saving it replaces the plan's assignments (``weekplan._save_week_plan``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select

from db.engine import read_session, write_session
from db.models import Assignment, Competence, Person, Task
from driftboard import calendar
from driftboard.domain import Actor, CompetenceLevel, Role, RowError, ValidationError
from driftboard.services import access, org, scope
from driftboard.services.weekplan import AssignmentInput, _save_week_plan, find_plan
from driftboard.tables import Field, parse_rows

DAY_COLUMNS = ("d0", "d1", "d2", "d3", "d4")


@dataclass(frozen=True)
class NotCompetent:
    person: str
    task: str
    date: dt.date


def grid_frame(team_id: int, monday: dt.date, engine: Engine | None = None) -> pd.DataFrame:
    """The week plan as a grid: one row per person and task, one column of hours per work day."""
    days = calendar.work_days(monday)
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        plan = find_plan(s, team_id, monday)
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


@dataclass(frozen=True)
class GridSave:
    changed: bool
    not_competent: tuple[NotCompetent, ...]  # a warning: the plan is saved all the same


def save_grid(
    actor: Actor,
    team_id: int,
    monday: dt.date,
    rows: Sequence[Mapping[str, Any]],
    *,
    seen_version: int | None,
    reason: str = "",
    engine: Engine | None = None,
) -> GridSave:
    """Save the grid as the week's assignments. People from other teams may be planned (borrowed).

    Also says which assignments are of people not competent on the task.
    A published plan may be changed only with a reason, which goes into the prioritisation log.
    """
    monday = calendar.week_start(monday)
    days = calendar.work_days(monday)
    clean, errors = parse_rows(rows, GRID_FIELDS, unique=(("person", "task"),))
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="save_grid")
        # People of the team's own unit (not of the whole organisation) may be planned (borrowed).
        unit_id = org.unit_in(org.ancestry(s, team_id)).id
        found: dict[str, list[int]] = defaultdict(list)
        for pid, name in s.execute(
            select(Person.id, Person.name)
            .where(Person.active, Person.team_id.in_(org.descendant_ids(s, unit_id)))
            .order_by(Person.id)
        ):
            found[name].append(pid)
        people = {name: pids[0] for name, pids in found.items() if len(pids) == 1}
        tasks = dict(s.execute(select(Task.name, Task.id).where(Task.team_id == team_id, Task.active)).all())
        for number, row in enumerate(clean, start=1):
            same = len(found.get(row["person"], ()))
            if same > 1:  # two people of the unit share the name: say so rather than guess
                errors.append(
                    RowError(number, "person", "v.ambiguous_person", (("value", row["person"]), ("count", same)))
                )
            elif row["person"] is not None and row["person"] not in people:
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
        plan = find_plan(s, team_id, monday)
        before = plan.version if plan else None
        plan = _save_week_plan(s, actor, team_id, monday, assignments, seen_version=seen_version, change_reason=reason)
        changed = plan.version != before
        levels = {
            (c.person_id, c.task_id): c.level
            for c in s.scalars(select(Competence).where(Competence.task_id.in_(tasks.values())))
        }
    names = {pid: name for name, pid in people.items()}
    task_names = {tid: name for name, tid in tasks.items()}
    return GridSave(
        changed,
        tuple(
            NotCompetent(names[a.person_id], task_names[a.task_id], a.date)
            for a in assignments
            if levels.get((a.person_id, a.task_id)) not in (CompetenceLevel.COMPETENT, CompetenceLevel.EXPERT)
        ),
    )
