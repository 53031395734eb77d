"""Counts per task and day (production, intake): the one write core both are stored through, the
day's values a form shows, and the checks their forms, file imports and the ingest API share.
Each count keeps its own service (``production``, ``intake``) for what differs: its table, its
rights, what follows from a change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session, take_turns
from db.models import DayCount, OrgUnit, Task
from driftboard import imports
from driftboard.domain import Actor, OrgLevel, ProductionSource, Role, RowError, ValidationError
from driftboard.plausibility import RowDoubt
from driftboard.services import access, org, plausibility, scope
from driftboard.services.common import check_still_there, conflict_for, valid_rows

R = TypeVar("R", bound=imports.TaskDayRow)


def check_counts(counts: Mapping[int, int], field: str) -> None:
    """Refuse a typed count that is not a whole number of 0 or more, naming its row (the
    task's place in the form) and the count's field (``produced``), never a task's id."""
    errors = [
        RowError(i, field, "v.nonneg" if isinstance(n, int) else "v.integer")
        for i, n in enumerate(counts.values(), start=1)
        if not isinstance(n, int) or isinstance(n, bool) or n < 0
    ]
    if errors:
        raise ValidationError(errors)


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


def checked_rows(
    table: list[Any],
    validate: Callable[[list[Any], Mapping[str, imports.TeamLookup], dt.date], tuple[list[R], list[RowError]]],
    today: dt.date,
    engine: Engine | None = None,
    actor: Actor | None = None,
) -> list[R]:
    """The rows of a table of ``date, team, task, <count>`` (``imports.validate_production``,
    ``validate_intake``), checked against a read snapshot of the teams and tasks before the
    write lock is taken, so a bad batch never waits for it; all rows or ``ValidationError``
    (naming only the teams and tasks ``actor`` may see)."""
    with read_session(engine) as s:
        lookups = team_lookups(s)
    return valid_rows(lambda: validate(table, lookups, today), engine, actor)


def checked_import(
    table: list[Any],
    validate: Callable[[list[Any], Mapping[str, imports.TeamLookup], dt.date], tuple[list[R], list[RowError]]],
    field: str,
    *,
    produced: bool,
    today: dt.date,
    engine: Engine | None = None,
    actor: Actor | None = None,
) -> tuple[list[R], tuple[RowDoubt, ...]]:
    """An import's rows as ``checked_rows`` gives them, and those whose count (``field``) lies
    far from the plausible: saved all the same, and shown for a second look."""
    rows = checked_rows(table, validate, today, engine, actor)
    counts = [(r.row, r.task_id, r.date, getattr(r, field)) for r in rows]
    return rows, plausibility.import_doubts(counts, field=field, produced=produced, engine=engine)


def recheck_import(s: Session, rows: Sequence[imports.TaskDayRow]) -> None:
    """Inside the write lock, what the read snapshot checked again: each row's task still of
    its team, and no row before its team's first day (refused by the file's rows)."""
    check_still_there(s, Task, {(r.task_id, r.team_id) for r in rows}, Task.team_id)
    org.refuse_before_first_day(s, [(r.row, r.team_id, r.date) for r in rows])


def counts_on(model: type[DayCount], team_id: int, day: dt.date, engine: Engine | None = None) -> list[Any]:
    """The team's counts in ``model`` on ``day``: (task id, count, row version) for each task
    that has one, the version for the conflict check of a later save."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        return s.execute(
            select(model.task_id, getattr(model, model.count_column), model.version)
            .join(Task, Task.id == model.task_id)
            .where(Task.team_id == team_id, model.date == day)
        ).all()


def upsert_day_counts(
    s: Session,
    actor: Actor,
    model: type[DayCount],
    turns: int,
    rows: Sequence[tuple[int, dt.date, int]],
    source: ProductionSource,
    seen: Mapping[int, int | None] | None = None,
) -> int:
    """Write one count per task and day (production, intake), as a member of each task's team
    may: a new row or the new value, last write wins; a value the person's page showed at an
    older version (``seen``, per task) is refused naming who changed it, unless it already
    holds the same number. Returns how many rows changed."""
    access.require_tasks(s, actor, Role.MEMBER, {r[0] for r in rows})
    field = model.count_column
    teams = dict(s.execute(select(Task.id, Task.team_id).where(Task.id.in_({r[0] for r in rows}))).all())
    org.refuse_before_first_day(s, [(i, teams[t], day) for i, (t, day, _n) in enumerate(rows, start=1) if t in teams])
    # Two first saves of one task-day must not both insert: the second waits, then updates
    # (last write wins, as when the row already exists).
    take_turns(s, turns, {r[0] for r in rows})
    existing = {
        (r.task_id, r.date): r
        for r in s.scalars(
            select(model).where(model.task_id.in_({r[0] for r in rows}), model.date.in_({r[1] for r in rows}))
        )
    }
    changed = 0
    for task_id, day, n in rows:
        row = existing.get((task_id, day))
        if seen is not None and task_id in seen and row is not None and row.version != seen[task_id]:
            if getattr(row, field) == n:
                continue  # someone entered the same value meanwhile: nothing is lost
            label = f"{s.get(Task, task_id).name}, {day.isoformat()}"
            raise conflict_for(s, row, seen[task_id], current=str(getattr(row, field)), label=label)
        if row is None:
            s.add(model(task_id=task_id, date=day, source=source, recorded_by=actor.name, **{field: n}))
            changed += 1
        elif getattr(row, field) != n or row.source != source:
            setattr(row, field, n)
            row.source, row.recorded_by = source, actor.name
            changed += 1
    return changed
