"""Recent changes per org unit, a row's own history, and undo, all read from the audit log.

The audit log stores table names, ids and values as text; this module finds the org unit and a
label for each row (from the row, or from the logged values of a row removed since) and puts a
field back to its old value. An undo is an ordinary write: it is logged like any change and
refused with the usual conflict when the row changed after the entry being undone.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Engine, Float, Integer, Select, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import (
    Assignment,
    AuditEntry,
    Base,
    ImprovementCard,
    Measure,
    MeasureValue,
    OrgUnit,
    Person,
    Production,
    Task,
    WeekPlan,
)
from driftboard.domain import Actor, AuditAction, DomainError, NotFoundError, Role
from driftboard.history import BOOKKEEPING, Board, Change, board_of, row_values
from driftboard.services import access, scope
from driftboard.services.common import conflict_for, from_row, get_or_404

SCAN_BATCH = 500
SCAN_LIMIT = 20_000  # entries looked at for one page of a unit's changes

_MODELS: dict[str, type[Any]] = {}


def _model(entity: str) -> type[Any] | None:
    if not _MODELS:
        _MODELS.update({m.class_.__tablename__: m.class_ for m in Base.registry.mappers})
    return _MODELS.get(entity)


# How a row's columns lead to its org unit: (column, model it points at, that model's org column).
_ORG_LINKS: tuple[tuple[str, type[Any] | None, str], ...] = (
    ("team_id", None, ""),
    ("org_unit_id", None, ""),
    ("task_id", Task, "team_id"),
    ("measure_id", Measure, "org_unit_id"),
    ("week_plan_id", WeekPlan, "team_id"),
    ("card_id", ImprovementCard, "team_id"),
    ("card_a_id", ImprovementCard, "team_id"),
    ("person_id", Person, "team_id"),
)


class _Rows:
    """Per request: the values, org unit and label of each (entity, id), looked up once."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self._found: dict[tuple[str, int], tuple[int | None, str]] = {}
        self._names: dict[tuple[type[Any], int], Any] = {}

    def _get(self, model: type[Any], id_: Any) -> Any:
        try:
            key = (model, int(id_))
        except (TypeError, ValueError):
            return None
        if key not in self._names:
            self._names[key] = self.s.get(model, key[1])
        return self._names[key]

    def prefetch(self, entries: Iterable[AuditEntry]) -> list[Any]:
        """Load the rows the entries name, and the tasks, measures, people and plans those rows
        point at, with one query per table (``s.get`` then finds them without one per entry).
        The caller keeps the returned list while it describes: the session holds rows weakly."""
        wanted: dict[type[Any], set[int]] = {}
        for e in entries:
            if (model := _model(e.entity)) is not None:
                wanted.setdefault(model, set()).add(e.entity_id)
        kept = [row for model, ids in wanted.items() for row in self._load(model, ids)]
        linked: dict[type[Any], set[int]] = {}
        for row in kept:
            for column, model, _ in _ORG_LINKS:
                value = getattr(row, column, None)
                if model is not None and isinstance(value, int):
                    linked.setdefault(model, set()).add(value)
        return kept + [row for model, ids in linked.items() for row in self._load(model, ids)]

    def _load(self, model: type[Any], ids: set[int]) -> list[Any]:
        key = model.__mapper__.primary_key[0]
        return list(self.s.scalars(select(model).where(key.in_(ids)))) if len(model.__mapper__.primary_key) == 1 else []

    def values(self, entity: str, entity_id: int) -> dict[str, Any]:
        model = _model(entity)
        row = self.s.get(model, entity_id) if model is not None else None
        if row is not None:
            return {c.key: getattr(row, c.key) for c in model.__mapper__.column_attrs}
        logged = self.s.scalar(
            select(func.coalesce(AuditEntry.old_value, AuditEntry.new_value))
            .where(
                AuditEntry.entity == entity,
                AuditEntry.entity_id == entity_id,
                AuditEntry.action.in_((AuditAction.INSERT, AuditAction.DELETE)),
            )
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
        return dict(row_values(logged))

    def describe(self, entity: str, entity_id: int) -> tuple[int | None, str]:
        """The org unit the row belongs to (None when it belongs to no team or unit) and a label."""
        key = (entity, entity_id)
        if key not in self._found:
            values = self.values(entity, entity_id)
            self._found[key] = (self._org(entity, entity_id, values), self._label(entity, values))
        return self._found[key]

    def _org(self, entity: str, entity_id: int, values: dict[str, Any]) -> int | None:
        if entity == "org_units":
            return entity_id
        for column, model, org_column in _ORG_LINKS:
            if values.get(column) in (None, ""):
                continue
            if model is None:
                return int(values[column])
            target = self._get(model, values[column])
            if target is not None:
                return getattr(target, org_column)
        return None

    def _label(self, entity: str, values: dict[str, Any]) -> str:
        day = values.get("date") or values.get("period_start") or values.get("week_start")
        day_text = day.isoformat() if isinstance(day, dt.date) else (str(day) if day else "")
        for column, model, attr in (
            ("task_id", Task, "name"),
            ("measure_id", Measure, "name"),
            ("person_id", Person, "name"),
        ):
            if values.get(column) not in (None, ""):
                target = self._get(model, values[column])
                if target is not None:
                    return ", ".join(x for x in (getattr(target, attr), day_text) if x)
        for column in ("title", "name", "text", "label", "username"):
            if values.get(column):
                text = str(values[column])
                return text if len(text) <= 60 else text[:59] + "…"
        return day_text


def _subtree(s: Session, org_unit_id: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for id_, parent in s.execute(select(OrgUnit.id, OrgUnit.parent_id)):
        children.setdefault(parent, []).append(id_)
    found, todo = set(), [org_unit_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, []))
    return found


def _listed() -> Any:
    return or_(AuditEntry.field.is_(None), AuditEntry.field.not_in(BOOKKEEPING))


# Columns that hold another row's id, and the name a person knows that row by.
_REFERENCES: dict[str, tuple[type[Any], str]] = {
    "team_id": (OrgUnit, "name"),
    "org_unit_id": (OrgUnit, "name"),
    "parent_id": (OrgUnit, "name"),
    "unit_id": (OrgUnit, "name"),
    "task_id": (Task, "name"),
    "from_task_id": (Task, "name"),
    "to_task_id": (Task, "name"),
    "person_id": (Person, "name"),
    "owner_id": (Person, "name"),
    "measure_id": (Measure, "name"),
}


def _change(entry: AuditEntry, label: str, rows: _Rows | None = None) -> Change:
    """The entry as a change; with ``rows``, a reference's ids are named (``team_id`` 3 → "Mortgages")."""
    shown: dict[str, str | None] = {"old_shown": None, "new_shown": None}
    if rows is not None and entry.field in _REFERENCES:
        model, attr = _REFERENCES[entry.field]
        for side, value in (("old_shown", entry.old_value), ("new_shown", entry.new_value)):
            target = rows._get(model, value) if value and value.isdigit() else None
            shown[side] = getattr(target, attr) if target is not None else None
    return from_row(Change, entry, action=AuditAction(entry.action), label=label, **shown)


def recent_changes(
    org_unit_id: int,
    *,
    person: str | None = None,
    board: Board | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 200,
    engine: Engine | None = None,
) -> list[Change]:
    """The newest changes to the rows of ``org_unit_id`` and the units below it, filtered by
    who made them, the board they belong to and the days (``since``..``until``, UTC dates)."""
    with read_session(engine) as s:
        scope.require_read(s, org_unit_id)
        subtree = _subtree(s, org_unit_id)
        rows = _Rows(s)
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).where(_listed())
        if person:
            query = query.where(AuditEntry.actor == person)
        if since:
            query = query.where(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
        if until:
            query = query.where(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
        found: list[Change] = []
        for offset in range(0, SCAN_LIMIT, SCAN_BATCH):
            batch = s.scalars(query.offset(offset).limit(SCAN_BATCH)).all()
            kept = rows.prefetch(batch)  # noqa: F841 - held while describing (the session holds rows weakly)
            for entry in batch:
                if board is not None and board_of(entry.entity) is not board:
                    continue
                org, label = rows.describe(entry.entity, entry.entity_id)
                if org in subtree:
                    found.append(_change(entry, label, rows))
                    if len(found) >= limit:
                        return found
            if len(batch) < SCAN_BATCH:
                break
        return found


def row_history(entity: str, entity_id: int, *, limit: int = 50, engine: Engine | None = None) -> list[Change]:
    """The changes to one row (a card, a plan, a measure value …), newest first."""
    with read_session(engine) as s:
        rows = _Rows(s)
        org_id, label = rows.describe(entity, entity_id)
        scope.require_read(s, org_id, what=entity)
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id, _listed())
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        ).all()
        return [_change(e, label, rows) for e in entries]


def rows_history(
    entity: str, entity_ids: Iterable[int], *, limit: int = 50, engine: Engine | None = None
) -> list[Change]:
    """The changes to several rows of one kind (a production day's tasks), newest first."""
    ids = list(entity_ids)
    if not ids:
        return []
    with read_session(engine) as s:
        rows = _Rows(s)
        for entity_id in ids if scope.reader().grants is not None else ():
            scope.require_read(s, rows.describe(entity, entity_id)[0], what=entity)
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids), _listed())
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        ).all()
        return [_change(e, rows.describe(e.entity, e.entity_id)[1], rows) for e in entries]


def _entries_of(s: Session, rows: _Rows, ids_by_entity: dict[str, list[int]], limit: int) -> list[Change]:
    wanted = [and_(AuditEntry.entity == e, AuditEntry.entity_id.in_(ids)) for e, ids in ids_by_entity.items() if ids]
    if not wanted:
        return []
    entries = s.scalars(
        select(AuditEntry).where(or_(*wanted), _listed()).order_by(AuditEntry.id.desc()).limit(limit)
    ).all()
    kept = rows.prefetch(entries)  # noqa: F841 - held while describing (the session holds rows weakly)
    return [_change(e, rows.describe(e.entity, e.entity_id)[1], rows) for e in entries]


def plan_history(team_id: int, monday: dt.date, *, limit: int = 50, engine: Engine | None = None) -> list[Change]:
    """The changes to a team's week plan: the plan itself and its planned hours, newest first."""
    year, week, _ = monday.isocalendar()
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        plan_id = s.scalar(
            select(WeekPlan.id).where(WeekPlan.team_id == team_id, WeekPlan.iso_year == year, WeekPlan.iso_week == week)
        )
        if plan_id is None:
            return []
        hours = list(s.scalars(select(Assignment.id).where(Assignment.week_plan_id == plan_id)))
        return _entries_of(s, _Rows(s), {"week_plans": [plan_id], "assignments": hours}, limit)


def production_day_history(
    team_id: int, day: dt.date, *, limit: int = 50, engine: Engine | None = None
) -> list[Change]:
    """The changes to a team's production rows of one day, newest first."""
    rows = (
        select(Production.id)
        .join(Task, Task.id == Production.task_id)
        .where(Task.team_id == team_id, Production.date == day)
    )
    return _history_of_rows(team_id, "production", rows, limit, engine)


def measure_values_history(org_unit_id: int, *, limit: int = 50, engine: Engine | None = None) -> list[Change]:
    """The changes to the values of an org unit's own measures, newest first."""
    rows = (
        select(MeasureValue.id)
        .join(Measure, Measure.id == MeasureValue.measure_id)
        .where(Measure.org_unit_id == org_unit_id)
    )
    return _history_of_rows(org_unit_id, "measure_values", rows, limit, engine)


def _history_of_rows(org_id: int, table: str, ids: Select[Any], limit: int, engine: Engine | None) -> list[Change]:
    """The changes to the rows of ``table`` that ``ids`` selects, all of the org unit ``org_id``
    (which the reader must be allowed to see), newest first."""
    with read_session(engine) as s:
        scope.require_read(s, org_id)
        return _entries_of(s, _Rows(s), {table: list(s.scalars(ids))}, limit)


def _column_value(column: Any, text: str | None) -> Any:
    """A value as the audit log wrote it (``db.engine._to_text``), back in the column's type."""
    if text is None:
        return None
    kind = column.type
    enum_class = getattr(kind, "enum_class", None)
    if enum_class is not None and issubclass(enum_class, enum.Enum):
        return enum_class(text)
    parsers: tuple[tuple[type[Any], Callable[[str], Any]], ...] = (
        (DateTime, dt.datetime.fromisoformat),
        (Date, dt.date.fromisoformat),
        (Boolean, lambda v: v == "True"),
        (Integer, int),
        (Float, float),
    )
    for sa_type, parse in parsers:
        if isinstance(kind, sa_type):
            return parse(text)
    if kind.__class__.__name__ == "JSON":
        return json.loads(text)
    return text


def _undo(s: Session, actor: Actor, change_id: int) -> Change:
    entry = get_or_404(s, AuditEntry, change_id)
    rows = _Rows(s)
    org, label = rows.describe(entry.entity, entry.entity_id)
    access.require(s, actor, Role.LEADER, org, what="undo a change")
    change = _change(entry, label)
    model = _model(entry.entity)
    if not change.undoable or model is None:
        raise DomainError(f"audit entry {change_id} cannot be undone", message_key="history.err.not_undoable")
    row = s.get(model, entry.entity_id)
    if row is None:
        raise NotFoundError(f"{entry.entity} {entry.entity_id} no longer exists", message_key="history.err.gone")
    if getattr(row, "version", None) != entry.row_version:
        raise conflict_for(s, row, entry.row_version)
    if change.action is AuditAction.INSERT:
        try:
            with s.begin_nested():
                s.delete(row)
                s.flush()
        except IntegrityError as exc:
            raise DomainError(
                f"{entry.entity} {entry.entity_id} is used by other rows", message_key="history.err.unsafe"
            ) from exc
        return change
    assert entry.field is not None
    setattr(row, entry.field, _column_value(model.__table__.c[entry.field], entry.old_value))
    s.flush()
    return change


def undo_change(actor: Actor, change_id: int, engine: Engine | None = None) -> Change:
    """Put back what one audit-log entry changed (a leader's intent): an update's field gets its
    old value, an inserted simple row is removed. Refused (``ConflictError``) when the row
    changed after that entry; the undo itself is logged. Returns the change undone."""
    with write_session(actor, engine) as s:
        return _undo(s, actor, change_id)
