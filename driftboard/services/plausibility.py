"""The second look (``driftboard.plausibility``) fed from the database: what a production,
intake or holdings number is judged against (a measure value's target: ``measures``). The forms
ask before they save; the file imports and the ingest API save and return the doubts as
warnings (``plausibility.RowDoubt``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session
from db.models import HoldingsSnapshot, Task
from driftboard.plausibility import Doubt, RowDoubt, second_look
from driftboard.services import scope
from driftboard.services.operations_board import day_plans

PREVIOUS_DAYS = 60  # how far back the previous count of open cases is looked for


def _references(s: Session, keys: set[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], float]:
    """The day's plan of each (task, day): the planned volume, or the task's expected daily
    volume on a day with nothing planned (no published plan, a task nobody is on)."""
    plans = day_plans(s, keys)
    expected = {
        task_id: volume
        for task_id, volume in s.execute(
            select(Task.id, Task.expected_daily_volume).where(Task.id.in_({k[0] for k in keys}))
        )
    }
    return {key: plans[key] or expected.get(key[0], 0) for key in keys}


def _counted(s: Session, keys: set[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], int]:
    """The open cases counted for each (task, day) that has a count."""
    if not keys:
        return {}
    rows = s.execute(
        select(HoldingsSnapshot.task_id, HoldingsSnapshot.date, HoldingsSnapshot.open_cases).where(
            HoldingsSnapshot.task_id.in_({k[0] for k in keys}), HoldingsSnapshot.date.in_({k[1] for k in keys})
        )
    )
    return {(task_id, day): n for task_id, day, n in rows if (task_id, day) in keys}


def count_doubts(
    s: Session, rows: Iterable[tuple[int, dt.date, int]], *, produced: bool
) -> dict[tuple[int, dt.date], Doubt]:
    """Production (``produced``) or intake counts per (task, day) far from the day's plan, or
    (production) above the open cases counted for the day."""
    counts = {(task_id, day): n for task_id, day, n in rows}
    plans = _references(s, set(counts))
    counted = _counted(s, set(counts)) if produced else {}
    found = {key: second_look(n, plan=plans.get(key), open_cases=counted.get(key)) for key, n in counts.items()}
    return {key: doubt for key, doubt in found.items() if doubt}


def holdings_doubts(s: Session, rows: Iterable[tuple[int, dt.date, int]]) -> dict[tuple[int, dt.date], Doubt]:
    """Open cases per (task, day) far above the task's previous count."""
    counts = {(task_id, day): n for task_id, day, n in rows}
    if not counts:
        return {}
    earliest = min(day for _, day in counts) - dt.timedelta(days=PREVIOUS_DAYS)
    history: dict[int, list[tuple[dt.date, int]]] = {}
    for task_id, day, n in s.execute(
        select(HoldingsSnapshot.task_id, HoldingsSnapshot.date, HoldingsSnapshot.open_cases)
        .where(
            HoldingsSnapshot.task_id.in_({k[0] for k in counts}),
            HoldingsSnapshot.date >= earliest,
            HoldingsSnapshot.date < max(day for _, day in counts),
        )
        .order_by(HoldingsSnapshot.date)
    ):
        history.setdefault(task_id, []).append((day, n))
    found = {}
    for (task_id, day), n in counts.items():
        before = [count for when, count in history.get(task_id, []) if when < day]
        found[(task_id, day)] = second_look(n, previous=before[-1] if before else None)
    return {key: doubt for key, doubt in found.items() if doubt}


# --------------------------------------------------------------------------- what a form asks


def production(day: dt.date, entered: Mapping[int, int], engine: Engine | None = None) -> dict[int, Doubt]:
    """The entered production per task of ``day`` that deserves a second look, by task."""
    with read_session(engine) as s:
        scope.require_read_tasks(s, entered)
        found = count_doubts(s, [(task_id, day, n) for task_id, n in entered.items()], produced=True)
    return {task_id: doubt for (task_id, _), doubt in found.items()}


def intake(day: dt.date, entered: Mapping[int, int], engine: Engine | None = None) -> dict[int, Doubt]:
    """The entered intake per task of ``day`` that deserves a second look, by task."""
    with read_session(engine) as s:
        scope.require_read_tasks(s, entered)
        found = count_doubts(s, [(task_id, day, n) for task_id, n in entered.items()], produced=False)
    return {task_id: doubt for (task_id, _), doubt in found.items()}


def holdings(
    day: dt.date, entered: Mapping[int, tuple[int, int, int]], engine: Engine | None = None
) -> dict[int, Doubt]:
    """The entered open cases per task of ``day`` that deserve a second look, by task."""
    with read_session(engine) as s:
        scope.require_read_tasks(s, entered)
        found = holdings_doubts(s, [(task_id, day, values[0]) for task_id, values in entered.items()])
    return {task_id: doubt for (task_id, _), doubt in found.items()}


def import_doubts(
    rows: Iterable[tuple[int, int, dt.date, int]], *, field: str, produced: bool, engine: Engine | None = None
) -> tuple[RowDoubt, ...]:
    """The rows ``(row, task, day, count)`` of a production (``produced``) or intake import that
    deserve a second look, read before the import takes the write lock."""
    rows = list(rows)
    with read_session(engine) as s:
        scope.require_read_tasks(s, {task_id for _, task_id, _, _ in rows})
        found = count_doubts(s, [(task_id, day, n) for _, task_id, day, n in rows], produced=produced)
    return tuple(
        RowDoubt(row, field, found[(task_id, day)]) for row, task_id, day, _ in rows if (task_id, day) in found
    )
