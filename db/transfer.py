"""Copy a whole installation from one database to another (SQLite ⇄ PostgreSQL), verified.

``python -m driftboard migrate-data --from URL --to URL`` calls ``copy_installation``: the
target is brought to the newest schema and must hold no data (or, with ``replace``, is backed
up and emptied first); every table is copied in foreign-key order in batches, keeping ids,
PostgreSQL's sequences are moved past the copied ids, and the change stamp is kept. Then every
table is compared by row count and an order-independent checksum over values normalised so
SQLite and PostgreSQL agree (dates, times, booleans, floats, JSON). Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Engine,
    Enum,
    Float,
    Integer,
    String,
    Table,
    Text,
    Time,
    bindparam,
    cast,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.engine import make_url

from db import migrate
from db.engine import DATA_STAMP, is_sqlite
from db.maintenance import backup
from db.models import Base, ChangeStamp, OrgUnit
from driftboard.domain import DomainError, OrgLevel

BATCH = 2_000
_MASK = (1 << 128) - 1
_LEVEL_ORDER = (OrgLevel.ORGANISATION, OrgLevel.UNIT, OrgLevel.DEPARTMENT, OrgLevel.TEAM)


@dataclass(frozen=True)
class TableCheck:
    """One table compared after the copy."""

    table: str
    source_rows: int
    target_rows: int
    source_sum: str
    target_sum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sum == self.target_sum


@dataclass(frozen=True)
class Transfer:
    checks: list[TableCheck]
    backup: Path | None
    change_stamp: int

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def rows(self) -> int:
        return sum(c.target_rows for c in self.checks)


def same_database(source: Engine, target: Engine) -> bool:
    a, b = source.url, target.url
    if a.get_backend_name() != b.get_backend_name():
        return False
    if a.get_backend_name() == "sqlite":
        return Path(a.database or "").resolve() == Path(b.database or "").resolve()
    return (a.host, a.port, a.database) == (b.host, b.port, b.database)


def copy_installation(
    source: Engine, target: Engine, *, replace: bool = False, backup_dir: Path | None = None
) -> Transfer:
    """Copy every row of ``source`` into ``target`` and verify the copy (see the module text).
    Refuses a target holding data unless ``replace``; then the target is backed up to
    ``backup_dir`` first (a SQLite file or a ``pg_dump`` archive)."""
    if same_database(source, target):
        raise DomainError("the source and the target are the same database", message_key="migrate.err.same")
    current, head = migrate.current_revision(source), migrate.head_revision()
    if current != head:
        raise DomainError(
            f"the source database is at schema {current or 'none'}, the code expects {head}; run init-db on it first",
            message_key="migrate.err.source_schema",
            current=current or "-",
            head=head,
        )
    migrate.upgrade(target)
    tables = _tables(source)
    kept = None
    old_stamp = 0
    if not _is_empty(target, tables):
        if not replace:
            raise DomainError(
                "the target database holds data; add --replace to replace it (a backup of it is taken first)",
                message_key="migrate.err.not_empty",
            )
        if backup_dir is not None:
            suffix = ".db" if is_sqlite(target) else ".dump"
            kept = backup(Path(backup_dir) / f"before-migrate-data-{dt.datetime.now():%Y%m%d-%H%M%S}{suffix}", target)
    with _snapshot(source) as src, target.begin() as dst:
        old_stamp = int(dst.scalar(select(func.max(ChangeStamp.value))) or 0)
        _empty(dst, tables)
        for table in tables:
            columns = _columns(src, table)
            write = _copy_rows if dst.dialect.name == "postgresql" else _insert_rows
            for batch in _batches(src, table, columns):
                write(dst, table, columns, batch)
        if dst.dialect.name == "postgresql":
            _reset_sequences(dst, tables)
        # A target that was replaced while screens watched it must not see a stamp go back
        # (the data stamp nor the goal boards' one).
        stamp = int(dst.scalar(select(ChangeStamp.value).where(ChangeStamp.id == DATA_STAMP)) or 0)
        if replace and old_stamp >= int(dst.scalar(select(func.min(ChangeStamp.value))) or 0):
            stamp = old_stamp + 1
            dst.execute(update(ChangeStamp).values(value=stamp))
    target.dispose()  # a SQLite target's other pooled connections must see the new rows
    return Transfer(verify(source, target, tables), kept, stamp)


def verify(source: Engine, target: Engine, tables: list[Table] | None = None) -> list[TableCheck]:
    """Row count and checksum of every table on both sides (the change stamp is compared by the
    caller: a replaced target keeps counting from its own)."""
    tables = tables or _tables(source)
    found = []
    with _snapshot(source) as src, _snapshot(target) as dst:
        for table in tables:
            if table is ChangeStamp.__table__:
                continue
            columns = _columns(src, table)
            n_src, sum_src = checksum(src, table, columns)
            n_dst, sum_dst = checksum(dst, table, columns)
            found.append(TableCheck(table.name, n_src, n_dst, sum_src, sum_dst))
    return found


def checksum(conn: Connection, table: Table, columns: list[str] | None = None) -> tuple[int, str]:
    """(rows, checksum) of a table: the sum of every row's SHA-256 over its normalised values,
    so neither row order nor the database's way of storing a type changes it."""
    columns = columns or [c.name for c in table.columns]
    shapes = [_normaliser(table.c[c]) for c in columns]
    total = count = 0
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(select(*_readable(table, columns)))
    sha256, from_bytes = hashlib.sha256, int.from_bytes
    for chunk in result.partitions(BATCH):
        for row in chunk:
            values = repr([shape(value) for shape, value in zip(shapes, row, strict=True)])
            total += from_bytes(sha256(values.encode()).digest()[:16], "big")
        count += len(chunk)
    return count, f"{total & _MASK:032x}"


def _normaliser(column: Any) -> Callable[[Any], Any]:
    """``normalise`` for one column, chosen once by its type (the checksum's hot loop)."""
    kind = column.type

    def maybe(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
        return lambda value: None if value is None else convert(value)

    if isinstance(kind, Boolean):
        return maybe(bool)
    if isinstance(kind, JSON):  # read as its text: JSON null and SQL NULL stay apart
        return maybe(lambda v: json.dumps(json.loads(v), sort_keys=True, separators=(",", ":")))
    if isinstance(kind, DateTime):
        return maybe(_datetime)
    if isinstance(kind, Date | Time):
        return maybe(lambda v: v.isoformat())
    if isinstance(kind, Float):
        return maybe(_number)
    if isinstance(kind, Enum):
        return maybe(lambda v: v.value if isinstance(v, enum.Enum) else str(v))
    if isinstance(kind, Integer):
        return maybe(int)
    if isinstance(kind, String) and not isinstance(kind, Enum):
        return maybe(str)
    return normalise


def normalise(value: Any, column: Any = None) -> Any:
    """A value as both databases agree on it (JSON-ready)."""
    if value is None:
        return None
    if column is not None and isinstance(column.type, Boolean):
        return bool(value)
    if isinstance(value, enum.Enum):
        return normalise(value.value)
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime):
        return _datetime(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float | decimal.Decimal):
        return _number(value)
    if isinstance(value, int):
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return str(value)


def _datetime(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(sep=" ", timespec="microseconds")


def _number(value: float | decimal.Decimal) -> int | str:
    number = float(value)
    return int(number) if number.is_integer() else repr(number)


# --------------------------------------------------------------------------- helpers


def _snapshot(engine: Engine) -> Connection:
    """A connection whose reads all see one moment: SQLite's read transaction does; PostgreSQL
    needs REPEATABLE READ (at READ COMMITTED each statement would see later commits)."""
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


def _tables(source: Engine) -> list[Table]:
    """The model tables in foreign-key order (parents first) that the source database holds."""
    present = set(inspect(source).get_table_names())
    return [t for t in Base.metadata.sorted_tables if t.name in present]


def _columns(conn: Connection, table: Table) -> list[str]:
    present = {c["name"] for c in inspect(conn).get_columns(table.name)}
    return [c.name for c in table.columns if c.name in present]


def _is_empty(engine: Engine, tables: list[Table]) -> bool:
    """No rows anywhere (a freshly migrated database holds only the change stamp)."""
    with engine.connect() as conn:
        return all(
            conn.scalar(select(func.count()).select_from(t)) == 0 for t in tables if t is not ChangeStamp.__table__
        )


def _empty(conn: Connection, tables: list[Table]) -> None:
    for table in reversed(tables):
        if table is OrgUnit.__table__:  # self-referencing: leaves first
            for level in reversed(_LEVEL_ORDER):
                conn.execute(delete(table).where(table.c.level == level.value))
            conn.execute(delete(table))
        else:
            conn.execute(delete(table))


def _batches(conn: Connection, table: Table, columns: list[str]) -> Iterator[list[dict[str, Any]]]:
    """The table's rows as dicts, ``BATCH`` at a time; a self-referencing table's parents first."""
    query = select(*_readable(table, columns)).order_by(*table.primary_key.columns)
    if any(fk.column.table is table for fk in table.foreign_keys):
        rows = [dict(r._mapping) for r in conn.execute(query)]
        ordered = _parents_first(table, rows)
        for start in range(0, len(ordered), BATCH):
            yield ordered[start : start + BATCH]
        return
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for chunk in result.partitions(BATCH):
        yield [dict(r._mapping) for r in chunk]


def _readable(table: Table, columns: list[str]) -> list[Any]:
    """The columns to select: JSON as the text stored (decoding it would make JSON ``null`` and
    SQL NULL the same None, and writing None back would store one of them for both)."""
    return [cast(table.c[c], Text).label(c) if isinstance(table.c[c].type, JSON) else table.c[c] for c in columns]


def _insert_rows(conn: Connection, table: Table, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """SQLite: an INSERT per batch; JSON text goes in as it is (no second encoding)."""
    raw = [c for c in columns if isinstance(table.c[c].type, JSON)]
    if not raw:
        conn.execute(insert(table), rows)
        return
    statement = insert(table).values({c: type_coerce(bindparam(f"{c}__text"), Text) for c in raw})
    conn.execute(statement, [{**row, **{f"{c}__text": row.pop(c) for c in raw}} for row in rows])


def _copy_rows(conn: Connection, table: Table, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """PostgreSQL: ``COPY … FROM STDIN`` inside the copy's transaction, each value prepared by
    its column type as an INSERT would (enums by value; JSON is already its text)."""
    shapes = [
        None if isinstance(table.c[c].type, JSON) else table.c[c].type.bind_processor(conn.dialect) for c in columns
    ]
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(
                    [
                        v if shape is None or v is None else shape(v)
                        for shape, v in zip(shapes, row.values(), strict=True)
                    ]
                )
    finally:
        cursor.close()


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    pk = next(iter(table.primary_key.columns)).name
    refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    placed: set[Any] = set()
    ordered: list[dict[str, Any]] = []
    waiting = rows
    while waiting:
        ready = [r for r in waiting if all(r[c] is None or r[c] in placed or r[c] == r[pk] for c in refs)]
        if not ready:  # a cycle the schema would refuse anyway: let the database say so
            ordered.extend(waiting)
            break
        ordered.extend(ready)
        placed.update(r[pk] for r in ready)
        waiting = [r for r in waiting if r[pk] not in placed]
    return ordered


def _reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """Move every id sequence past the copied ids, so the next insert does not collide."""
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].autoincrement is False:
            continue
        sequence = conn.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name})
        if sequence:
            conn.execute(
                text(f'SELECT setval(:s, COALESCE((SELECT MAX("{pk[0].name}") FROM "{table.name}"), 0) + 1, false)'),
                {"s": sequence},
            )


def describe(url: str) -> str:
    """A URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)
