"""Production services: produced volumes per task and day (typed in or imported) and holdings.

``_upsert_production`` is the one write core: the form and the file import both call it inside
their own transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session, take_turns, write_session
from db.models import HoldingsSnapshot, OrgUnit, Production, Task
from driftboard import imports
from driftboard.domain import Actor, OrgLevel, ProductionSource, Role, RowError, ValidationError
from driftboard.services import access, import_choices
from driftboard.services.common import check_still_there, check_team_tasks, conflict_for

PRODUCTION_TURNS = 1  # take_turns namespace: production rows, keyed by task id


def record_production(
    actor: Actor,
    team_id: int,
    day: dt.date,
    produced: Mapping[int, int],
    *,
    source: ProductionSource = ProductionSource.MANUAL,
    seen: Mapping[int, int | None] | None = None,
    engine: Engine | None = None,
) -> int:
    """Set the produced volume of the team's tasks for ``day``; re-entering replaces the value.
    Returns how many values changed (0 when every value was already so).

    ``seen`` is the version of each task's value as the person saw it (None: no value yet); a
    value someone changed since is refused (``ConflictError``) like a card. Without ``seen``
    (imports, the API) the last write wins."""
    errors = [
        RowError(i, str(task_id), "v.nonneg" if isinstance(n, int) else "v.integer")
        for i, (task_id, n) in enumerate(produced.items(), start=1)
        if not isinstance(n, int) or isinstance(n, bool) or n < 0
    ]
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        check_team_tasks(s, team_id, set(produced))
        return _upsert_production(s, actor, [(task_id, day, n) for task_id, n in produced.items()], source, seen)


@dataclass(frozen=True)
class ProductionValue:
    """A recorded production cell as a page shows it: the value and its row version."""

    produced: int
    version: int


def day_values(team_id: int, day: dt.date, engine: Engine | None = None) -> dict[int, ProductionValue]:
    """The team's recorded production for ``day`` by task, with versions for the conflict check."""
    with read_session(engine) as s:
        rows = s.execute(
            select(Production.task_id, Production.produced, Production.version)
            .join(Task, Task.id == Production.task_id)
            .where(Task.team_id == team_id, Production.date == day)
        )
        return {task_id: ProductionValue(produced, version) for task_id, produced, version in rows}


def _upsert_production(
    s: Session,
    actor: Actor,
    rows: Sequence[tuple[int, dt.date, int]],
    source: ProductionSource,
    seen: Mapping[int, int | None] | None = None,
) -> int:
    access.require_tasks(s, actor, Role.MEMBER, {r[0] for r in rows})
    return upsert_day_counts(s, actor, Production, "produced", PRODUCTION_TURNS, rows, source, seen)


def upsert_day_counts(
    s: Session,
    actor: Actor,
    model: type[Any],
    field: str,
    turns: int,
    rows: Sequence[tuple[int, dt.date, int]],
    source: ProductionSource,
    seen: Mapping[int, int | None] | None = None,
) -> int:
    """Write one count per task and day (production, intake): a new row or the new value, last
    write wins; a value the person's page showed at an older version (``seen``, per task) is
    refused naming who changed it, unless it already holds the same number. Returns how many
    rows changed. The caller checks the actor's rights first."""
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
        access.require(s, actor, Role.LEADER, team_id, what="holdings")
        check_team_tasks(s, team_id, set(holdings))
        return _upsert_holdings(s, actor, day, holdings)


def _upsert_holdings(s: Session, actor: Actor, day: dt.date, holdings: Mapping[int, tuple[int, int, int]]) -> int:
    access.require_tasks(s, actor, Role.LEADER, set(holdings))
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
                    task_id=task_id, date=day, open_cases=open_, due_today=due, overdue=overdue, recorded_by=actor.name
                )
            )
        else:
            row.open_cases, row.due_today, row.overdue, row.recorded_by = open_, due, overdue, actor.name
    return len(holdings)


# --------------------------------------------------------------------------- production import


@dataclass(frozen=True)
class ImportResult:
    rows: int
    added: int
    replaced: int
    days: tuple[dt.date, ...]
    changed: int = 0  # rows whose stored value (or source) differed; 0 when the same file comes again


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
    """Import produced volumes from a CSV or XLSX file, all or nothing, in one transaction.

    Any bad row rejects the whole file with every row's reason (``ValidationError``); nothing is
    written. A day that already has a value is replaced, and the audit log keeps the old value.
    The file is checked against a read snapshot before the write lock is taken, so other saves
    wait only for the short write itself.
    """
    try:
        table = imports.read_table(data, filename)
    except imports.ImportFileError as exc:
        raise ValidationError(exc.errors) from exc
    return import_production_table(actor, table, today=today, engine=engine)


def import_production_table(
    actor: Actor,
    table: list,
    *,
    today: dt.date,
    source: ProductionSource = ProductionSource.IMPORT,
    engine: Engine | None = None,
) -> ImportResult:
    """``import_production`` of a table already read (a file's or the ingest API's rows)."""
    try:
        with read_session(engine) as s:
            lookups = team_lookups(s)
        rows, errors = imports.validate_production(table, lookups, today)
    except imports.ImportFileError as exc:
        raise ValidationError(exc.errors) from exc
    if errors:
        raise ValidationError(import_choices.explain_errors(errors, engine))
    with write_session(actor, engine) as s:
        check_still_there(s, Task, {(r.task_id, r.team_id) for r in rows}, Task.team_id)
        existing = {
            (p.task_id, p.date)
            for p in s.scalars(
                select(Production).where(
                    Production.task_id.in_({r.task_id for r in rows}), Production.date.in_({r.date for r in rows})
                )
            )
        }
        changed = _upsert_production(s, actor, [(r.task_id, r.date, r.produced) for r in rows], source)
        replaced = sum((r.task_id, r.date) in existing for r in rows)
        days = tuple(sorted({r.date for r in rows}))
        return ImportResult(len(rows), len(rows) - replaced, replaced, days, changed)
