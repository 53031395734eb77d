"""Production services: produced volumes per task and day (typed in or imported) and holdings.

``day_counts.upsert_day_counts`` is the one write core: the form and the file import both call
it inside their own transaction, as intake does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import take_turns, write_session
from db.models import HoldingsSnapshot, Production, Task
from driftboard import imports
from driftboard.domain import Actor, ProductionSource, Role, RowError, ValidationError
from driftboard.services import access, org
from driftboard.services.common import DayCountImport, check_team_tasks, read_file
from driftboard.services.day_counts import check_counts, checked_import, counts_on, recheck_import, upsert_day_counts

PRODUCTION_TURNS = 1  # take_turns namespace: production rows, keyed by task id
HOLDINGS_TURNS = 16  # take_turns namespace: holdings snapshots, keyed by task id


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
    check_counts(produced, "produced")
    with write_session(actor, engine) as s:
        check_team_tasks(s, team_id, set(produced))
        rows = [(task_id, day, n) for task_id, n in produced.items()]
        return upsert_day_counts(s, actor, Production, PRODUCTION_TURNS, rows, source, seen)


@dataclass(frozen=True)
class ProductionValue:
    """A recorded production cell as a page shows it: the value and its row version."""

    produced: int
    version: int


def day_values(team_id: int, day: dt.date, engine: Engine | None = None) -> dict[int, ProductionValue]:
    """The team's recorded production for ``day`` by task, with versions for the conflict check."""
    rows = counts_on(Production, team_id, day, engine)
    return {task_id: ProductionValue(produced, version) for task_id, produced, version in rows}


def record_holdings(
    actor: Actor,
    team_id: int,
    day: dt.date,
    holdings: Mapping[int, tuple[int, int, int]],
    engine: Engine | None = None,
) -> int:
    """Set open cases, due today and overdue per task for ``day``."""
    errors = []
    for i, (open_, due, overdue) in enumerate(holdings.values(), start=1):  # by row: a task's id says nothing
        if min(open_, due, overdue) < 0:
            field = "open_cases" if open_ < 0 else "due_today" if due < 0 else "overdue"
            errors.append(RowError(i, field, "v.nonneg"))
        elif due + overdue > open_:
            errors.append(RowError(i, "overdue", "v.range", (("low", 0), ("high", open_))))
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="holdings")
        check_team_tasks(s, team_id, set(holdings))
        return _upsert_holdings(s, actor, day, holdings)


def _upsert_holdings(s: Session, actor: Actor, day: dt.date, holdings: Mapping[int, tuple[int, int, int]]) -> int:
    access.require_tasks(s, actor, Role.LEADER, set(holdings))
    teams = dict(s.execute(select(Task.id, Task.team_id).where(Task.id.in_(holdings))).all())
    org.refuse_before_first_day(s, [(i, teams[t], day) for i, t in enumerate(holdings, start=1) if t in teams])
    take_turns(s, HOLDINGS_TURNS, holdings)  # two first snapshots of a task-day: the second updates
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


@dataclass(frozen=True, kw_only=True)
class ImportResult(DayCountImport):
    """A day-count import (``changed``: 0 when the same file comes again), and how many of its
    rows were new and how many replaced a stored value."""

    added: int
    replaced: int


def import_production(
    actor: Actor, data: bytes, filename: str, *, today: dt.date, engine: Engine | None = None
) -> ImportResult:
    """Import produced volumes from a CSV or XLSX file, all or nothing, in one transaction.

    Any bad row rejects the whole file with every row's reason (``ValidationError``); nothing is
    written. A day that already has a value is replaced, and the audit log keeps the old value.
    A row far from the plausible is saved and returned among the result's ``doubts``.
    The file is checked against a read snapshot before the write lock is taken, so other saves
    wait only for the short write itself.
    """
    return import_production_table(actor, read_file(data, filename), today=today, engine=engine)


def import_production_table(
    actor: Actor,
    table: list,
    *,
    today: dt.date,
    source: ProductionSource = ProductionSource.IMPORT,
    engine: Engine | None = None,
) -> ImportResult:
    """``import_production`` of a table already read (a file's or the ingest API's rows)."""
    rows, doubts = checked_import(
        table, imports.validate_production, "produced", produced=True, today=today, engine=engine, actor=actor
    )
    with write_session(actor, engine) as s:
        recheck_import(s, rows)
        existing = {
            (p.task_id, p.date)
            for p in s.scalars(
                select(Production).where(
                    Production.task_id.in_({r.task_id for r in rows}), Production.date.in_({r.date for r in rows})
                )
            )
        }
        counts = [(r.task_id, r.date, r.produced) for r in rows]
        changed = upsert_day_counts(s, actor, Production, PRODUCTION_TURNS, counts, source)
        replaced = sum((r.task_id, r.date) in existing for r in rows)
        days = tuple(sorted({r.date for r in rows}))
        return ImportResult(len(rows), changed, days, doubts, added=len(rows) - replaced, replaced=replaced)
