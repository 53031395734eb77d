"""Holdings import: open cases, due today and over the service goal per task and day, from a
CSV or XLSX file, all rows or none (the form on the operations board uses
``production.record_holdings``; both write through ``production._upsert_holdings``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, select

from db.engine import write_session
from db.models import HoldingsSnapshot
from driftboard import imports
from driftboard.domain import Actor, Role, ValidationError
from driftboard.plausibility import RowDoubt
from driftboard.services import access, import_choices, org, plausibility
from driftboard.services.common import BatchResult, read_file
from driftboard.services.day_counts import team_lookups
from driftboard.services.production import _upsert_holdings


@dataclass(frozen=True)
class HoldingsImportResult(BatchResult):
    doubts: tuple[RowDoubt, ...] = ()  # saved rows far from the plausible (a second look)


def import_holdings(
    actor: Actor, data: bytes, filename: str, *, today: dt.date, engine: Engine | None = None
) -> HoldingsImportResult:
    """Import holdings from a file in one transaction; any bad row rejects the whole file.
    Rows equal to what is stored are counted as unchanged; open cases far above the previous
    count are saved and returned among the result's ``doubts``."""
    return import_holdings_table(actor, read_file(data, filename), today=today, engine=engine)


def import_holdings_table(
    actor: Actor, table: list, *, today: dt.date, engine: Engine | None = None
) -> HoldingsImportResult:
    """``import_holdings`` of a table already read (a file's or the ingest API's rows)."""
    with write_session(actor, engine) as s:
        try:
            rows, errors = imports.validate_holdings(table, team_lookups(s), today)
        except imports.ImportFileError as exc:
            raise ValidationError(exc.errors) from exc
        if errors:
            raise ValidationError(import_choices.explain(s, errors, actor))
        access.require_tasks(s, actor, Role.LEADER, {r.task_id for r in rows})  # unchanged rows too
        org.refuse_before_first_day(s, [(r.row, r.team_id, r.date) for r in rows])  # by the file's rows
        stored = {
            (h.task_id, h.date): (h.open_cases, h.due_today, h.overdue)
            for h in s.scalars(  # the rows' days only, not years of daily snapshots
                select(HoldingsSnapshot).where(
                    HoldingsSnapshot.task_id.in_({r.task_id for r in rows}),
                    HoldingsSnapshot.date.in_(sorted({r.date for r in rows})),
                )
            )
        }
        by_day: dict[dt.date, dict[int, tuple[int, int, int]]] = defaultdict(dict)
        changed = 0
        for r in rows:
            values = (r.open_cases, r.due_today, r.overdue)
            if stored.get((r.task_id, r.date)) != values:
                by_day[r.date][r.task_id] = values
                changed += 1
        found = plausibility.holdings_doubts(s, [(r.task_id, r.date, r.open_cases) for r in rows])
        doubts = tuple(
            RowDoubt(r.row, "open", found[(r.task_id, r.date)]) for r in rows if (r.task_id, r.date) in found
        )
        for day, holdings in by_day.items():
            _upsert_holdings(s, actor, day, holdings)
        return HoldingsImportResult(len(rows), changed, doubts)
