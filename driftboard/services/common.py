"""Helpers every service uses: version checks that name who changed what, table saves, and
reading and checking an imported table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, fields
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from db.engine import read_scope
from db.models import AuditEntry, Base, Task
from driftboard import imports
from driftboard.domain import Actor, AuditAction, ConflictError, DomainError, NotFoundError, RowError, ValidationError
from driftboard.plausibility import RowDoubt
from driftboard.services import import_choices
from driftboard.tables import control_character

M = TypeVar("M", bound=Base)
V = TypeVar("V")
R = TypeVar("R")

# Free text without a column length (Text columns): long enough for any real note, short
# enough that a pasted page cannot break a board's layout.
LONG_TEXT = 4000
COMMENT_TEXT = 2000
ACTION_TEXT = 1000
NOTE_TEXT = 500


def column_limit(model: type[Base], column: str) -> int | None:
    """The most characters the attribute ``model.column`` holds (``String(120)`` → 120; None
    for ``Text``); by attribute name, which may differ from the column's (``unit_label``)."""
    return getattr(model.__mapper__.columns[column].type, "length", None)


def check_text(value: str | None, field: str, limit: int | None, *, multiline: bool = False) -> None:
    """Refuse text a service would store that is longer than ``limit`` characters or holds a
    control character (``tables.control_character``; tabs and line breaks only in ``multiline``
    text), naming the field and the limit or the character. The one check of free text every
    service calls before it stores a name, title, label or note."""
    if value is None:
        return
    if limit is not None and len(value) > limit:
        raise DomainError(
            f"{field} is too long: at most {limit} characters",
            message_key="error.text_too_long",
            field=field,
            limit=limit,
        )
    bad = control_character(value, multiline=multiline)
    if bad:
        raise DomainError(
            f"{field} holds a control character ({bad})", message_key="v.control_char", field=field, char=bad
        )


def page_reads() -> AbstractContextManager[None]:
    """One read transaction for all of a page run's reads (``db.engine.read_scope``): one
    snapshot, one BEGIN, shared lookups made once; a write in it starts a fresh one."""
    return read_scope()


@dataclass(frozen=True)
class BatchResult:
    """What writing a batch of rows (a file, a feed) did: the rows it held and how many of them
    changed what was stored; the others were already so."""

    rows: int
    changed: int

    @property
    def unchanged(self) -> int:
        return self.rows - self.changed


@dataclass(frozen=True)
class DayCountImport(BatchResult):
    """What importing a table of counts per task and day (production, intake; a file or the
    ingest API) did: its rows, how many changed what was stored, the days they were of, and the
    rows saved but far from the plausible (a second look)."""

    days: tuple[dt.date, ...]
    doubts: tuple[RowDoubt, ...] = ()


@dataclass(frozen=True)
class SaveSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def conflict_for(
    session: Session, obj: Any, seen_version: int | None, *, current: str | None = None, label: str | None = None
) -> ConflictError:
    """Describe the changes made to ``obj`` after ``seen_version`` (None: since it was created),
    from the audit log: who, which fields and when the last of them was made."""
    seen_version = 0 if seen_version is None else seen_version
    entries = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.entity == obj.__tablename__,
            AuditEntry.entity_id == obj.id,
            AuditEntry.row_version > seen_version,
        )
        .order_by(AuditEntry.id)
    ).all()
    actors = list(dict.fromkeys(e.actor for e in entries))
    fields = list(dict.fromkeys(e.field for e in entries if e.field))
    return ConflictError(
        entity=obj.__tablename__,
        entity_id=obj.id,
        changed_by=", ".join(actors) or None,
        changed_fields=fields,
        changed_at=entries[-1].at if entries else None,
        current=current,
        label=label,
    )


def check_version(session: Session, obj: Any, seen_version: int | None) -> None:
    """Refuse the write when the row changed since the user loaded it (``seen_version``).

    On PostgreSQL the row is locked (``SELECT … FOR UPDATE``) and its committed version re-read
    first, so of two people saving at once the second waits and is then told who changed what;
    SQLite's ``BEGIN IMMEDIATE`` already lets one writer in at a time."""
    if seen_version is None:
        return
    if session.get_bind().dialect.name != "sqlite" and not inspect(obj).modified:
        session.refresh(obj, with_for_update=True)
    if obj.version != seen_version:
        raise conflict_for(session, obj, seen_version)


def get_or_404(session: Session, model: type[M], id_: int) -> M:
    obj = session.get(model, id_)
    if obj is None:
        raise NotFoundError(
            f"{model.__tablename__} {id_} does not exist", message_key="error.not_found", entity=model.__tablename__
        )
    return obj


def from_row(view: type[V], row: Any, **given: Any) -> V:
    """The dataclass ``view`` filled from a query row or model object: each field from the
    attribute of the same name, except those ``given`` (computed, or named otherwise)."""
    return view(**{name: getattr(row, name) for name in _field_names(view) if name not in given}, **given)


@cache
def _field_names(view: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(view))  # type: ignore[arg-type]


def can_be_a_slug(text: str) -> bool:
    """False for a text no stored slug holds: one with a control character (a NUL from an
    address, which PostgreSQL refuses in any string). A lookup of it finds nothing without
    asking the database, the same on both."""
    return control_character(text) is None


def get_by_slug(session: Session, model: type[M], slug: str, *, noun: str, message_key: str) -> M:
    """The row of ``model`` with ``slug`` (a robot, an org unit), or ``NotFoundError`` naming it."""
    obj = session.scalar(select(model).where(model.slug == slug)) if can_be_a_slug(slug) else None
    if obj is None:
        raise NotFoundError(f"there is no {noun} {slug!r}", message_key=message_key, slug=slug[:60])
    return obj


def created_by(session: Session, obj: Any) -> str | None:
    """Who inserted ``obj``, from the audit log."""
    return session.scalar(
        select(AuditEntry.actor)
        .where(
            AuditEntry.entity == obj.__tablename__,
            AuditEntry.entity_id == obj.id,
            AuditEntry.action == AuditAction.INSERT,
        )
        .order_by(AuditEntry.id)
        .limit(1)
    )


def check_team_tasks(session: Session, team_id: int, task_ids: set[int]) -> None:
    """Refuse task ids that are not the team's own (a stale page or a forged form)."""
    if not task_ids:
        return
    found = set(session.scalars(select(Task.id).where(Task.id.in_(task_ids), Task.team_id == team_id)))
    missing = task_ids - found
    if missing:
        raise DomainError(
            f"task(s) {sorted(missing)} do not belong to team {team_id}", message_key="error.task_not_in_team"
        )


def save_rows(
    session: Session,
    existing: Sequence[Any],
    rows: Sequence[dict[str, Any]],
    *,
    columns: Iterable[str],
    create: Callable[[dict[str, Any]], Any],
    in_use: Callable[[Any], str | None] = lambda _obj: None,
) -> SaveSummary:
    """Apply an edited table to ``existing`` rows: update by id (version-checked), insert rows
    without id, delete rows that disappeared unless ``in_use`` names why they must stay.

    Raises ``ValidationError`` for rows that cannot be removed, ``ConflictError`` for stale rows;
    the caller's transaction then rolls everything back.
    """
    by_id = {obj.id: obj for obj in existing}
    columns = tuple(columns)
    kept: set[int] = set()
    added = updated = 0
    for row in rows:
        row_id = row.get("id")
        if row_id is None:
            session.add(create(row))
            added += 1
            continue
        obj = by_id.get(row_id)
        if obj is None:
            raise NotFoundError(f"row {row_id} no longer exists; reload the page", message_key="error.row_gone")
        kept.add(row_id)
        check_version(session, obj, row.get("version"))
        changed = False
        for column in columns:
            if getattr(obj, column) != row[column]:
                setattr(obj, column, row[column])
                changed = True
        updated += changed
    removed = [obj for obj in existing if obj.id not in kept]
    errors = []
    for obj in removed:
        reason = in_use(obj)
        if reason:
            errors.append(RowError(0, getattr(obj, "name", str(obj.id)), "v.in_use", (("what", reason),)))
    if errors:
        raise ValidationError(errors)
    for obj in removed:
        session.delete(obj)
    session.flush()
    return SaveSummary(added=added, updated=updated, removed=len(removed))


def set_task_links(s: Session, model: type[M], owner: str, owner_id: int, task_ids: set[int]) -> None:
    """Make the tasks linked to one row (a robot's ``RobotTask``, a standard's ``StandardTask``,
    the row's id in the column ``owner``) exactly ``task_ids``: the links no longer wanted go,
    the new ones are added."""
    current = {link.task_id: link for link in s.scalars(select(model).where(getattr(model, owner) == owner_id))}
    for task_id in set(current) - task_ids:
        s.delete(current[task_id])
    s.add_all(model(**{owner: owner_id, "task_id": task_id}) for task_id in sorted(task_ids - set(current)))


def check_still_there(s: Session, model: Any, pairs: set[tuple[int, int]], owner: Any) -> None:
    """Inside the write: every ``(id, owner id)`` an import was checked against (outside the
    write lock) still exists with that owner; else nothing is written and the person imports
    the file again."""
    ids = {row_id for row_id, _ in pairs}
    found = {(row_id, owner_id) for row_id, owner_id in s.execute(select(model.id, owner).where(model.id.in_(ids)))}
    if not pairs <= found:
        raise DomainError(
            "teams, tasks or measures changed while the file was checked; import it again",
            message_key="imports.err.changed",
        )


def read_file(data: bytes, filename: str) -> list[dict[str, Any]]:
    """An uploaded CSV or XLSX file as a table (``imports.read_table``); a file that cannot be
    read is refused (``ValidationError``) with its one reason."""
    try:
        return imports.read_table(data, filename)
    except imports.ImportFileError as exc:
        raise ValidationError(exc.errors) from exc


def valid_rows(
    validate: Callable[[], tuple[list[R], list[RowError]]], engine: Engine | None = None, actor: Actor | None = None
) -> list[R]:
    """The clean rows ``validate`` finds in a table, all rows or none: a table with a bad row is
    refused (``ValidationError``) with every bad row's reason, an unknown team, task or measure
    named with the valid ones ``actor`` may see (by default the reader's)."""
    try:
        rows, errors = validate()
    except imports.ImportFileError as exc:
        raise ValidationError(exc.errors) from exc
    if errors:
        raise ValidationError(import_choices.explain_errors(errors, engine, actor))
    return rows
