"""Intake: cases received per task and day, typed on the operations board, imported from a file
or fed by a core system through the ingest API. Stored like production: one versioned row per
task and day, a stale typed value is refused naming who changed it, imports and the API replace
(last write wins) and an identical re-send changes nothing.

``_upsert_intake`` is the one write core; the form, the file import and the API call it inside
their own transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session, take_turns, write_session
from db.models import Measure, Task
from db.models.feeds import Intake, IntakeMeasure
from driftboard import imports, targets
from driftboard.domain import Actor, DomainError, MeasureKind, ProductionSource, Role
from driftboard.services import access, measures, scope
from driftboard.services.common import DayCountImport, check_team_tasks, read_file
from driftboard.services.day_counts import check_counts, checked_import, counts_on, recheck_import, upsert_day_counts

INTAKE_TURNS = 10  # take_turns namespace: intake rows, keyed by task id
FED_MEASURE_TURNS = 12  # take_turns namespace: measures fed by intake, keyed by measure id


@dataclass(frozen=True)
class IntakeValue:
    """A recorded intake cell as a page shows it: the value and its row version."""

    received: int
    version: int


def record_intake(
    actor: Actor,
    team_id: int,
    day: dt.date,
    received: Mapping[int, int],
    *,
    seen: Mapping[int, int | None] | None = None,
    engine: Engine | None = None,
) -> int:
    """Set the cases received on the team's tasks on ``day``; returns how many values changed.
    ``seen`` is each value's version as the person saw it (None: no value yet): a value someone
    changed since is refused (``ConflictError``)."""
    check_counts(received, "received")
    with write_session(actor, engine) as s:
        check_team_tasks(s, team_id, set(received))
        rows = [(task_id, day, n) for task_id, n in received.items()]
        return _upsert_intake(s, actor, rows, ProductionSource.MANUAL, seen)


def day_values(team_id: int, day: dt.date, engine: Engine | None = None) -> dict[int, IntakeValue]:
    """The team's recorded intake for ``day`` by task, with versions for the conflict check."""
    rows = counts_on(Intake, team_id, day, engine)
    return {task_id: IntakeValue(received, version) for task_id, received, version in rows}


def week_values(team_id: int, days: Sequence[dt.date], engine: Engine | None = None) -> dict[tuple[int, dt.date], int]:
    """Cases received per (task, day) of the team over ``days``."""
    if not days:
        return {}
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        rows = s.execute(
            select(Intake.task_id, Intake.date, Intake.received)
            .join(Task, Task.id == Intake.task_id)
            .where(Task.team_id == team_id, Intake.date >= min(days), Intake.date <= max(days))
        )
        return {(task_id, day): received for task_id, day, received in rows}


def _upsert_intake(
    s: Session,
    actor: Actor,
    rows: Sequence[tuple[int, dt.date, int]],
    source: ProductionSource,
    seen: Mapping[int, int | None] | None = None,
) -> int:
    changed = upsert_day_counts(s, actor, Intake, INTAKE_TURNS, rows, source, seen)
    if changed:
        s.flush()
        _publish(s, actor, {r[0] for r in rows}, {r[1] for r in rows})
    return changed


# --------------------------------------------------------------------------- intake on the goal board


@dataclass(frozen=True)
class MeasureChoice:
    id: int
    name: str
    fed: bool  # takes its values from intake


def measure_choices(team_id: int, engine: Engine | None = None) -> list[MeasureChoice]:
    """The team's own operational measures, and whether each takes its values from intake."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        fed = set(s.scalars(select(IntakeMeasure.measure_id)))
        rows = s.execute(
            select(Measure.id, Measure.name)
            .where(Measure.org_unit_id == team_id, Measure.kind == MeasureKind.OPERATIONAL, Measure.active)
            .order_by(Measure.sort_order, Measure.name)
        ).all()
    return [MeasureChoice(measure_id, name, measure_id in fed) for measure_id, name in rows]


def set_intake_measures(actor: Actor, team_id: int, measure_ids: set[int], engine: Engine | None = None) -> int:
    """Make exactly ``measure_ids`` (operational measures of the team) take their value per
    period from the team's intake; a newly linked measure is filled for every period that has
    intake. Returns how many measure values changed."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="measures fed by intake")
        allowed = {
            m
            for m in s.scalars(
                select(Measure.id).where(Measure.org_unit_id == team_id, Measure.kind == MeasureKind.OPERATIONAL)
            )
        }
        if not measure_ids <= allowed:
            raise DomainError("only the team's operational measures", message_key="feeds.err.intake_measure")
        linked = {
            link.measure_id: link
            for link in s.scalars(select(IntakeMeasure).where(IntakeMeasure.measure_id.in_(allowed)))
        }
        for measure_id, link in linked.items():
            if measure_id not in measure_ids:
                s.delete(link)
        added = measure_ids - set(linked)
        s.add_all(IntakeMeasure(measure_id=m) for m in sorted(added))
        s.flush()
        days = set(s.scalars(select(Intake.date).join(Task, Task.id == Intake.task_id).where(Task.team_id == team_id)))
        return _publish(s, actor, set(s.scalars(select(Task.id).where(Task.team_id == team_id))), days, added)


def _publish(s: Session, actor: Actor, task_ids: set[int], days: set[dt.date], only: set[int] | None = None) -> int:
    """Write the intake sums of the periods ``days`` touch to the measures fed by intake of the
    tasks' teams, through the measures' own write core. The person or system was allowed to
    write the intake; the measure value follows from it, so it is written on their behalf
    without a role check of its own (their name is on it in the audit log)."""
    if not task_ids or not days:
        return 0
    teams = set(s.scalars(select(Task.team_id).where(Task.id.in_(task_ids))))
    query = (
        select(Measure)
        .join(IntakeMeasure, IntakeMeasure.measure_id == Measure.id)
        .where(Measure.org_unit_id.in_(teams), Measure.active)
    )
    if only is not None:
        query = query.where(Measure.id.in_(only))
    fed = list(s.scalars(query))
    # Another task's intake of the same team may be written at this moment: sum only once it
    # has committed (READ COMMITTED then sees it), else that period's value would miss it.
    take_turns(s, FED_MEASURE_TURNS, {m.id for m in fed})
    values = []
    for measure in fed:
        starts = {targets.period_start(d, measure.period) for d in days}
        sums: dict[dt.date, int] = defaultdict(int)
        for day, received in s.execute(
            select(Intake.date, Intake.received)
            .join(Task, Task.id == Intake.task_id)
            .where(
                Task.team_id == measure.org_unit_id,
                Intake.date >= min(starts),
                Intake.date <= targets.period_end(max(starts), measure.period),
            )
        ):
            start = targets.period_start(day, measure.period)
            if start in starts:
                sums[start] += received
        values += [measures.ValueInput(measure.id, start, float(total)) for start, total in sorted(sums.items())]
    if not values:
        return 0
    on_behalf = Actor(actor.name, user_id=actor.user_id, person_id=actor.person_id)  # grants=None: derived
    return measures._record_measure_values(s, on_behalf, values)


def import_intake(
    actor: Actor, data: bytes, filename: str, *, today: dt.date, engine: Engine | None = None
) -> DayCountImport:
    """Import cases received (columns ``date, team, task, received``) from a CSV or XLSX file,
    all rows or none, with every bad row's number and reason."""
    return import_intake_table(
        actor, read_file(data, filename), today=today, source=ProductionSource.IMPORT, engine=engine
    )


def import_intake_table(
    actor: Actor,
    table: list,
    *,
    today: dt.date,
    source: ProductionSource = ProductionSource.IMPORT,
    engine: Engine | None = None,
) -> DayCountImport:
    """``import_intake`` of a table already read (a file's or the ingest API's rows). Checked
    against a read snapshot first, so a bad batch never waits for the write lock."""
    rows, doubts = checked_import(
        table, imports.validate_intake, "received", produced=False, today=today, engine=engine, actor=actor
    )
    with write_session(actor, engine) as s:
        recheck_import(s, rows)
        changed = _upsert_intake(s, actor, [(r.task_id, r.date, r.received) for r in rows], source)
        return DayCountImport(len(rows), changed, tuple(sorted({r.date for r in rows})), doubts)
